/**
 * @module extract/entities/testkit
 * Helpers for the entity-resolution specs: a tokenised Doc with NER mentions given by phrase, the
 * resolver run on it with the shipped KB and gazetteer, and the entity found at a phrase.
 */
import assert from 'node:assert/strict';
import { Doc, type Entity, type Mention } from '../../nlp/doc.ts';
import { tokenize } from '../../nlp/tokenizer.ts';
import { loadKb, loadGazetteer } from '../../kb/load.ts';
import { resolveEntities } from '../entities.ts';

export const kb = loadKb();
export const gaz = loadGazetteer();

/** A Doc with tokens and, optionally, NER mentions given by phrase. */
export function docOf(text: string, ner: { phrase: string; label: Mention['label']; nth?: number }[] = []): Doc {
  const doc = new Doc(text, { id: 't', language: 'en', publishedAt: '2023-10-29' });
  const t = tokenize(text);
  doc.sentences = t.sentences;
  doc.tokens = t.tokens;
  for (const m of ner) {
    let at = -1;
    for (let k = 0; k <= (m.nth ?? 0); k++) at = text.indexOf(m.phrase, at + 1);
    assert.ok(at >= 0, `phrase "${m.phrase}" not in text`);
    doc.mentions.push({ start: at, end: at + m.phrase.length, label: m.label, origin: 'ner' });
  }
  return doc;
}

/** Resolve a text's entities (NER mentions optional). */
export function run(text: string, ner: Parameters<typeof docOf>[1] = []): Doc {
  const doc = docOf(text, ner);
  resolveEntities(doc, kb, gaz);
  return doc;
}

/** The entity with a mention exactly at the nth occurrence of `mention`, else the one whose smallest mention contains it. */
export function entityOf(doc: Doc, mention: string, nth = 0): Entity | undefined {
  // nth whole-word occurrence ("Iraq" is not inside "Iraqi").
  const esc = mention.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`${/^\w/.test(mention) ? '\\b' : ''}${esc}${/\w$/.test(mention) ? '\\b' : ''}`, 'g');
  const hits = [...doc.text.matchAll(re)];
  const at = hits[nth]?.index ?? -1;
  const end = at + mention.length;
  const exact = doc.entities.find((e) => e.mentions.some((m) => m.start === at && m.end === end));
  if (exact) return exact;
  let best: { e: Entity; len: number } | undefined;
  for (const e of doc.entities) {
    for (const m of e.mentions) {
      if (m.start <= at && end <= m.end && (!best || m.end - m.start < best.len)) best = { e, len: m.end - m.start };
    }
  }
  return best?.e;
}

/** The entity with a mention exactly at the phrase (no containing mention). */
export function exactlyAt(doc: Doc, mention: string, nth = 0): Entity | undefined {
  const e = entityOf(doc, mention, nth);
  return e?.mentions.some((m) => m.text === mention) ? e : undefined;
}
