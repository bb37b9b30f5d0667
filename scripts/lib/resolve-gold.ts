/**
 * Shared by eval:geo and eval:kb: resolve a document's entities with the gold mention spans
 * standing in for the NER (so the figures measure linking and geocoding, not recall), and find
 * the entity a gold span ended up in.
 */
import { Doc, type Entity, type MentionLabel } from '../../src/nlp/doc.ts';
import { tokenize } from '../../src/nlp/tokenizer.ts';
import { resolveEntities } from '../../src/extract/entities.ts';
import type { Gazetteer, KnowledgeBase } from '../../src/kb/index.ts';

export interface GoldSpan {
  start: number;
  end: number;
}

export function resolveWithGold(d: { id: string; text: string }, spans: Array<GoldSpan & { label: MentionLabel }>, kb: KnowledgeBase, gaz: Gazetteer): Doc {
  const doc = new Doc(d.text, { id: d.id, language: 'en' });
  const t = tokenize(d.text);
  doc.sentences = t.sentences;
  doc.tokens = t.tokens;
  doc.mentions = spans.map((m) => ({ start: m.start, end: m.end, label: m.label, origin: 'ner' as const }));
  resolveEntities(doc, kb, gaz);
  return doc;
}

/** The entity holding exactly the gold span, else one whose mention contains it. */
export function entityForSpan(doc: Doc, m: GoldSpan): Entity | undefined {
  return (
    doc.entities.find((x) => x.mentions.some((y) => y.start === m.start && y.end === m.end)) ??
    doc.entities.find((x) => x.mentions.some((y) => y.start <= m.start && m.end <= y.end))
  );
}
