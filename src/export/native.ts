/**
 * @module export/native
 * `Doc` → the native JSON contract (SPEC.md). The only place that decides the output shape.
 */
import type { Doc } from '../nlp/doc.ts';
import type { NativeDocument } from './contract.ts';

export interface NativeOptions {
  /** Include the `tokens` array (pos/head/dep). */
  tokens?: boolean;
}

export function toNative(doc: Doc, { tokens = false }: NativeOptions = {}): NativeDocument {
  const m = doc.meta;
  const out: NativeDocument = {
    document: {
      id: m.id,
      ...(m.title !== undefined && { title: m.title }),
      ...(m.source !== undefined && { source: m.source }),
      ...(m.publishedAt !== undefined && { publishedAt: m.publishedAt }),
      language: m.language,
      text: doc.text,
    },
    sentences: doc.sentences.map((s) => ({ start: s.start, end: s.end })),
    entities: doc.entities.map((e) => ({
      id: e.id,
      type: e.type,
      ...(e.subtype !== undefined && { subtype: e.subtype }),
      name: e.name,
      ...(e.kb !== undefined && { kb: { ...e.kb } }),
      ...(e.geo !== undefined && {
        geo: {
          lat: e.geo.lat,
          lon: e.geo.lon,
          country: e.geo.country,
          ...(e.geo.geonamesId !== undefined && { geonamesId: e.geo.geonamesId }),
        },
      }),
      ...(e.anonymous !== undefined && { anonymous: e.anonymous }),
      ...(e.role !== undefined && { role: { ...e.role } }),
      ...(e.nationality !== undefined && e.nationality.length > 0 && { nationality: [...e.nationality] }),
      mentions: e.mentions.map((x) => ({ start: x.start, end: x.end, text: x.text })),
    })),
    events: doc.events.map((e) => ({
      id: e.id,
      type: e.type,
      ...(e.mode !== undefined && { mode: e.mode }),
      ...(e.context !== undefined && { context: e.context }),
      ...(e.cameo !== undefined && { cameo: e.cameo }),
      modality: e.modality,
      trigger: { ...e.trigger },
      sources: [...e.sources],
      targets: [...e.targets],
      ...(e.location !== undefined && { location: e.location }),
      ...(e.date !== undefined && { date: { text: e.date.text, start: e.date.start, end: e.date.end } }),
      ...(e.claim !== undefined && { claim: e.claim }),
    })),
    claims: doc.claims.map((c) => ({
      id: c.id,
      start: c.start,
      end: c.end,
      ...(c.cue !== undefined && { cue: { ...c.cue } }),
      attributedTo: [...c.attributedTo],
      via: [...c.via],
      anonymous: c.anonymous,
      hedges: [...c.hedges],
      certainty: c.certainty,
      ...(c.quote !== undefined && { quote: c.quote }),
    })),
    relations: doc.relations.map((r) => ({
      id: r.id,
      type: r.type,
      from: r.from,
      to: r.to,
      evidence: { start: r.evidence.start, end: r.evidence.end },
      ...(r.claim !== undefined && { claim: r.claim }),
    })),
  };
  if (tokens) {
    out.tokens = doc.tokens.map((t) => ({ start: t.start, end: t.end, text: t.text, pos: t.pos, head: t.head, dep: t.dep }));
  }
  return out;
}
