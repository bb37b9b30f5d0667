/**
 * @module pipeline/kb-names
 * The knowledge base's actor names as gazetteer features for the NER stage: people as PER,
 * organisations as ORG, places as PLACE. This is how a name the NER model never saw in training
 * (a militia, an alliance, a user's own `--kb` entries) still looks like what it is; the model
 * weighs the feature like any other and makes the decision.
 */
import type { KnowledgeBase } from '../kb/index.ts';
import type { GazCategory } from '../nlp/ner/gazetteer.ts';

const CATEGORY: Record<string, GazCategory> = { PERSON: 'PER', ORGANIZATION: 'ORG', LOCATION: 'PLACE' };

/** [name, category] for every actor's name and aliases. */
export function kbGazetteerNames(kb: KnowledgeBase): Array<[string, GazCategory]> {
  const out: Array<[string, GazCategory]> = [];
  for (const a of kb.actors()) {
    const cat = CATEGORY[a.type];
    if (!cat) continue;
    out.push([a.name, cat]);
    for (const alias of a.aliases) out.push([alias, cat]);
  }
  return out;
}
