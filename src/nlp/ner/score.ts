/**
 * @module nlp/ner/score
 * Exact-span precision/recall/F1 per type and micro-averaged, for NER evaluation and model
 * selection.
 */
import { ENTITY_TYPES, type TokenSpan } from './model.ts';

export interface PRF {
  tp: number;
  fp: number;
  fn: number;
  p: number;
  r: number;
  f1: number;
}

export interface SpanScores {
  byType: Record<string, PRF>;
  micro: PRF;
}

function prf(tp: number, fp: number, fn: number): PRF {
  const p = tp + fp > 0 ? tp / (tp + fp) : 0;
  const r = tp + fn > 0 ? tp / (tp + fn) : 0;
  return { tp, fp, fn, p, r, f1: p + r > 0 ? (2 * p * r) / (p + r) : 0 };
}

/** Compare predicted with gold spans sentence by sentence (same order, same tokenization). */
export function scoreSpans(gold: readonly (readonly TokenSpan[])[], pred: readonly (readonly TokenSpan[])[]): SpanScores {
  const c: Record<string, [number, number, number]> = {};
  for (const t of ENTITY_TYPES) c[t] = [0, 0, 0];
  gold.forEach((g, i) => {
    const p = pred[i] ?? [];
    const key = (s: TokenSpan): string => `${s.start}:${s.end}:${s.label}`;
    const gs = new Set(g.map(key));
    const ps = new Set(p.map(key));
    for (const s of p) if (c[s.label]) c[s.label]![gs.has(key(s)) ? 0 : 1]++;
    for (const s of g) if (c[s.label] && !ps.has(key(s))) c[s.label]![2]++;
  });
  const byType: Record<string, PRF> = {};
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const t of ENTITY_TYPES) {
    const [a, b, d] = c[t]!;
    byType[t] = prf(a, b, d);
    tp += a;
    fp += b;
    fn += d;
  }
  return { byType, micro: prf(tp, fp, fn) };
}

/** One line per type and micro, for logs. */
export function formatScores(name: string, s: SpanScores): string {
  const f = (x: PRF): string => `P ${(x.p * 100).toFixed(1)} R ${(x.r * 100).toFixed(1)} F1 ${(x.f1 * 100).toFixed(1)}`;
  const lines = [`${name}: micro ${f(s.micro)}`];
  for (const t of ENTITY_TYPES) lines.push(`  ${t.padEnd(4)} ${f(s.byType[t]!)}  (gold ${s.byType[t]!.tp + s.byType[t]!.fn})`);
  return lines.join('\n');
}
