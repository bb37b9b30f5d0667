/**
 * @module extract/claims/certainty
 * The certainty score of a claim, in [0,1], as a product of documented factors (docs/events.md):
 *
 *   certainty = base × source × chain × Π hedge weights × quote, clamped to [0.05, 0.99]
 *
 *   base    0.9  (a claim is never certain: it is someone's statement)
 *   source  1.0 named source · 0.8 unnamed but identified group ("Iraqi politicians")
 *           · 0.7 anonymous ("informed sources") · 0.75 no source found (inherited/implicit)
 *   chain   0.9 per intermediary in `via` (each retelling can distort)
 *   hedges  the weight of each distinct hedge found (0.7–0.9, see cues.ts)
 *   quote   1.05 for a direct quotation (the exact words, not a paraphrase)
 */
import { HEDGES } from './cues.ts';

export interface CertaintyFactors {
  sourceKind: 'named' | 'unnamed' | 'anonymous' | 'none';
  viaCount: number;
  hedges: string[];
  quote: boolean;
}

const SOURCE_FACTOR: Record<CertaintyFactors['sourceKind'], number> = {
  named: 1,
  unnamed: 0.8,
  anonymous: 0.7,
  none: 0.75,
};

export function certaintyOf(f: CertaintyFactors): number {
  let c = 0.9 * SOURCE_FACTOR[f.sourceKind] * 0.9 ** f.viaCount;
  for (const h of f.hedges) c *= HEDGES.find((p) => p.name === h)?.weight ?? 0.85;
  if (f.quote) c *= 1.05;
  return Math.round(Math.min(0.99, Math.max(0.05, c)) * 100) / 100;
}

/** Hedges found in `text`, by canonical name, without overlapping matches (first pattern wins). */
export function findHedges(text: string): string[] {
  const taken: [number, number][] = [];
  const names: string[] = [];
  for (const h of HEDGES) {
    h.re.lastIndex = 0;
    for (let m = h.re.exec(text); m; m = h.re.exec(text)) {
      const s = m.index;
      const e = s + m[0].length;
      if (taken.some(([a, b]) => s < b && e > a)) continue;
      taken.push([s, e]);
      if (!names.includes(h.name)) names.push(h.name);
    }
  }
  return names;
}
