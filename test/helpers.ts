/**
 * Test helpers: find things in an analysed document *by meaning* — by the place in the text a
 * phrase occupies, not by ids or exact wording of names — and validate the JSON contract.
 */
import assert from 'node:assert/strict';
import { NativeDocumentSchema, type NativeDocument, type NativeEntity, type NativeEvent, type NativeClaim } from '../src/export/contract.ts';

export function assertContract(d: unknown): asserts d is NativeDocument {
  const r = NativeDocumentSchema.safeParse(d);
  if (!r.success) {
    assert.fail('output breaks the native JSON contract:\n' + r.error.issues.slice(0, 10).map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n'));
  }
}

export interface Where {
  start: number;
  end: number;
}

/** The span of the `nth` occurrence (0-based) of `phrase` in the text; fails if absent. */
export function at(d: NativeDocument, phrase: string, nth = 0): Where {
  let from = 0;
  for (let i = 0; ; i++) {
    const k = d.document.text.indexOf(phrase, from);
    assert.ok(k >= 0, `phrase "${phrase}" (#${nth}) not in text`);
    if (i === nth) return { start: k, end: k + phrase.length };
    from = k + 1;
  }
}

/** The span of `phrase` inside the first occurrence of the longer `context` (to pick one occurrence). */
export function within(d: NativeDocument, context: string, phrase: string): Where {
  const c = at(d, context);
  const k = context.indexOf(phrase);
  assert.ok(k >= 0, `"${phrase}" is not inside "${context}"`);
  return { start: c.start + k, end: c.start + k + phrase.length };
}

const overlap = (a: Where, b: Where) => Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));

/** The entity with a mention overlapping `w` (largest overlap), or undefined. */
export function entityAt(d: NativeDocument, w: Where): NativeEntity | undefined {
  let best: NativeEntity | undefined;
  let bestScore = 0;
  for (const e of d.entities) {
    for (const m of e.mentions) {
      const o = overlap(m, w);
      // prefer mentions that cover the phrase tightly
      const score = o > 0 ? o / (m.end - m.start + (w.end - w.start) - o) : 0;
      if (score > bestScore) {
        bestScore = score;
        best = e;
      }
    }
  }
  return best;
}

/** Like `entityAt` but fails with a readable message when nothing is there. */
export function mustEntityAt(d: NativeDocument, phrase: string, nth = 0): NativeEntity {
  const e = entityAt(d, at(d, phrase, nth));
  assert.ok(e, `no entity has a mention at "${phrase}" (#${nth})`);
  return e;
}

/** The sentence span containing `w`. */
export function sentenceOf(d: NativeDocument, w: Where): Where {
  const s = d.sentences.find((x) => x.start <= w.start && w.start < x.end);
  assert.ok(s, `no sentence contains offset ${w.start}`);
  return s;
}

/** Events whose trigger lies inside span `w`. */
export function eventsIn(d: NativeDocument, w: Where): NativeEvent[] {
  return d.events.filter((e) => e.trigger.start >= w.start && e.trigger.end <= w.end);
}

/** Claims whose content overlaps span `w`. */
export function claimsOver(d: NativeDocument, w: Where): NativeClaim[] {
  return d.claims.filter((c) => overlap(c, w) > 0);
}

export const HAPPENED = new Set(['asserted', 'reported']);

export function names(d: NativeDocument, ids: string[]): string {
  return ids.map((id) => d.entities.find((e) => e.id === id)?.name ?? id).join(', ');
}

/** All entity ids that take part in an event (sources, targets, location). */
export function participants(e: NativeEvent): Set<string> {
  return new Set([...e.sources, ...e.targets, ...(e.location ? [e.location] : [])]);
}
