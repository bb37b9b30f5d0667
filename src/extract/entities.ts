/**
 * @module extract/entities
 * The entity-resolution stage: turns the NER's mentions, knowledge-base and gazetteer matches,
 * titles, anonymous sources, groups, nationality words and definite descriptions into one
 * `Entity` per referent, linked to the KB and geocoded.
 *
 * Order of work (each step in its own module under `entities/`):
 *   1. name candidates: NER mentions + longest KB/gazetteer matches the NER missed (`candidates`);
 *   2. pattern rules over the remaining tokens: government bodies (`government`), roles, sources,
 *      groups, sets of people (`people`), descriptions, demonyms (`patterns`);
 *   3. merging into entities, anaphora to the latest compatible antecedent, geocoding (`assemble`).
 * Uses UPOS tags when a tagger ran (`doc.tokens[0]?.pos !== ''`) and works without them.
 */
import type { Doc, Mention } from '../nlp/doc.ts';
import type { Stage } from '../pipeline/stage.ts';
import type { KnowledgeBase } from '../kb/knowledge-base.ts';
import type { Gazetteer } from '../kb/gazetteer.ts';
import { loadKb, loadGazetteer } from '../kb/load.ts';
import { nameCandidates, toMention } from './entities/candidates.ts';
import { TokenView, findRoles, findSources, findGroups, findDemonyms, findDescriptions } from './entities/patterns.ts';
import { assemble } from './entities/assemble.ts';
import { findPeopleGroups } from './entities/people.ts';
import { findGovernmentBodies } from './entities/government.ts';

export { entityType } from './entities/assemble.ts';

export interface EntityResolverOptions {
  /** The knowledge base (default: the shipped one). */
  kb?: KnowledgeBase;
  /** The gazetteer (default: the shipped one). */
  gazetteer?: Gazetteer;
}

/** Resolve one document's mentions into entities (what the stage runs). */
export function resolveEntities(doc: Doc, kb: KnowledgeBase, gaz: Gazetteer): void {
  const names = nameCandidates(doc, kb, gaz);
  const view = new TokenView(doc, kb, names);
  // Order matters: government bodies are names the title rule can point to ("spokesman for the
  // Iraqi Interior Ministry"); titles, sources, groups and sets of people read nationality words
  // before the demonym rule takes them.
  const bodies = findGovernmentBodies(view);
  for (const c of bodies) if (c.kind === 'name') view.addName(c);
  const rules = [...bodies, ...findRoles(view), ...findSources(view), ...findGroups(view), ...findPeopleGroups(view), ...findDescriptions(view), ...findDemonyms(view)];
  const cands = [...names.filter((c) => !c.absorbed), ...rules];
  doc.entities = assemble({ doc, kb, gaz }, cands);
  const mentions: Mention[] = [];
  for (const c of cands) {
    if (!c.entity) continue;
    const m = toMention(c);
    m.entity = c.entity;
    mentions.push(m);
  }
  doc.mentions = mentions.sort((a, b) => a.start - b.start || b.end - a.end);
}

/**
 * @example
 *   const stage = entityResolver({ kb: loadKb() });
 *   stage.run(doc, ctx); // doc.entities filled, doc.mentions[i].entity set
 */
export function entityResolver(opts: EntityResolverOptions = {}): Stage {
  return {
    name: 'entities',
    requires: ['sentences', 'tokens', 'mentions'],
    assigns: ['entities'],
    run(doc: Doc): void {
      const kb = opts.kb ?? loadKb();
      const gaz = opts.gazetteer ?? loadGazetteer();
      resolveEntities(doc, kb, gaz);
    },
  };
}
