/**
 * @module nlp/ner/perceptron
 * Training of the NER tagger: a structured averaged perceptron (Collins 2002) over the hashed
 * features of `features.ts`, decoded with the same constrained Viterbi as at run time. Feature
 * keys seen fewer than `minCount` times are dropped before training (they mostly memorise).
 * Deterministic: the sentence order of each epoch comes from a seeded generator.
 */
import { MAX_FEATURES } from './features.ts';
import { mix } from './hash.ts';

/** Key of the source-specific copy of a feature (unsigned, as keys read from a Uint32Array are). */
function domainKey(key: number, domain: number): number {
  const k = mix(key, 0x5eed0000 + domain) >>> 0;
  return k === 0 ? 1 : k;
}
import { N_LABELS, viterbi } from './model.ts';
import { mulberry32 } from '../random.ts';

export interface TrainSentence {
  /** Feature keys, MAX_FEATURES slots per token (0 = unused). */
  feats: Uint32Array;
  gold: Uint8Array;
  /**
   * Source corpus, 0 = the target (UNER). Sentences from other sources also fire a copy of every
   * feature conjoined with their source, which absorbs that corpus's own conventions; the copies
   * are dropped from the saved model (a one-sided "frustratingly easy" domain adaptation).
   */
  domain?: number;
}

export interface PerceptronOptions {
  epochs: number;
  minCount?: number;
  seed?: number;
  /** Called after each epoch with the averaged weights; return a score to keep the best epoch. */
  onEpoch?: (epoch: number, snapshot: TrainedWeights) => number;
  log?: (s: string) => void;
}

export interface TrainedWeights {
  keys: Uint32Array;
  weights: Float32Array;
  trans: Float32Array;
}

export function trainPerceptron(data: readonly TrainSentence[], opts: PerceptronOptions): TrainedWeights {
  const L = N_LABELS;
  const minCount = opts.minCount ?? 2;
  const log = opts.log ?? (() => {});
  // 1. Count keys and index the frequent ones.
  // Sentences from other domains get a second block of slots per token with the domain copies.
  const slots = (s: TrainSentence): Uint32Array => {
    if (!s.domain) return s.feats;
    const n = s.gold.length;
    const out = new Uint32Array(n * 2 * MAX_FEATURES);
    for (let t = 0; t < n; t++) {
      for (let j = 0; j < MAX_FEATURES; j++) {
        const k = s.feats[t * MAX_FEATURES + j]!;
        out[t * 2 * MAX_FEATURES + j] = k;
        out[t * 2 * MAX_FEATURES + MAX_FEATURES + j] = k === 0 ? 0 : domainKey(k, s.domain);
      }
    }
    return out;
  };
  const counts = new Map<number, number>();
  const domainKeys = new Set<number>();
  for (const s of data) {
    for (const k of s.feats) if (k !== 0) counts.set(k, (counts.get(k) ?? 0) + 1);
    if (s.domain) for (const k of s.feats) if (k !== 0) domainKeys.add(domainKey(k, s.domain));
  }
  for (const k of domainKeys) counts.set(k, minCount);
  const index = new Map<number, number>();
  const keyList: number[] = [];
  for (const [k, c] of counts) {
    if (c >= minCount) {
      index.set(k, keyList.length);
      keyList.push(k);
    }
  }
  counts.clear();
  const F = keyList.length;
  log(`  perceptron: ${F} features (seen >= ${minCount} times, ${domainKeys.size} source copies), ${data.length} sentences`);
  // 2. Re-express sentences as row indices (-1 = dropped).
  const strides = data.map((s) => (s.domain ? 2 * MAX_FEATURES : MAX_FEATURES));
  const rows = data.map((s) => {
    const f = slots(s);
    const r = new Int32Array(f.length);
    for (let i = 0; i < f.length; i++) r[i] = f[i] === 0 ? -1 : (index.get(f[i]!) ?? -1);
    return r;
  });
  const T = (L + 1) * L;
  // Weights and the running sum of c·Δ for averaging: avg = w - u / c.
  const w = new Float32Array(F * L);
  const u = new Float64Array(F * L);
  const tw = new Float32Array(T);
  const tu = new Float64Array(T);
  let c = 1;
  const rand = mulberry32(opts.seed ?? 1);
  const order = data.map((_, i) => i);
  let best: TrainedWeights | null = null;
  let bestScore = -Infinity;
  // Only general features are kept: the domain copies served training alone.
  const keep = keyList.map((k, f) => (domainKeys.has(k) ? -1 : f)).filter((f) => f >= 0);
  const snapshot = (): TrainedWeights => {
    const aw = new Float32Array(keep.length * L);
    keep.forEach((f, i) => {
      for (let l = 0; l < L; l++) aw[i * L + l] = w[f * L + l]! - u[f * L + l]! / c;
    });
    const at = new Float32Array(T);
    for (let i = 0; i < T; i++) at[i] = tw[i]! - tu[i]! / c;
    return { keys: Uint32Array.from(keep.map((f) => keyList[f]!)), weights: aw, trans: at };
  };
  for (let epoch = 1; epoch <= opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    let tokens = 0;
    for (const si of order) {
      const s = data[si]!;
      const r = rows[si]!;
      const S = strides[si]!;
      const n = s.gold.length;
      if (n === 0) continue;
      const em = new Float32Array(n * L);
      for (let t = 0; t < n; t++) {
        for (let j = 0; j < S; j++) {
          const row = r[t * S + j]!;
          if (row < 0) continue;
          const o = row * L;
          for (let l = 0; l < L; l++) em[t * L + l]! += w[o + l]!;
        }
      }
      const pred = viterbi(em, n, tw);
      tokens += n;
      let same = true;
      for (let t = 0; t < n; t++) if (pred[t] !== s.gold[t]) same = false;
      if (!same) {
        for (let t = 0; t < n; t++) {
          const g = s.gold[t]!;
          const p = pred[t]!;
          if (g !== p) {
            errors++;
            for (let j = 0; j < S; j++) {
              const row = r[t * S + j]!;
              if (row < 0) continue;
              w[row * L + g]! += 1;
              u[row * L + g]! += c;
              w[row * L + p]! -= 1;
              u[row * L + p]! -= c;
            }
          }
          const gPrev = t === 0 ? L : s.gold[t - 1]!;
          const pPrev = t === 0 ? L : pred[t - 1]!;
          if (gPrev !== pPrev || g !== p) {
            tw[gPrev * L + g]! += 1;
            tu[gPrev * L + g]! += c;
            tw[pPrev * L + p]! -= 1;
            tu[pPrev * L + p]! -= c;
          }
        }
      }
      c++;
    }
    log(`  epoch ${epoch}: token errors ${errors}/${tokens}`);
    if (opts.onEpoch) {
      const snap = snapshot();
      const score = opts.onEpoch(epoch, snap);
      if (score > bestScore) {
        bestScore = score;
        best = snap;
      }
    }
  }
  return best ?? snapshot();
}
