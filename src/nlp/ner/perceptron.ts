/**
 * @module nlp/ner/perceptron
 * Training of the NER tagger: a structured averaged perceptron (Collins 2002) over the hashed
 * features of `features.ts`, decoded with the same constrained Viterbi as at run time. Feature
 * keys seen fewer than `minCount` times are dropped before training (they mostly memorise).
 * Deterministic: the sentence order of each epoch comes from a seeded generator.
 */
import { MAX_FEATURES } from './features.ts';
import { N_LABELS, viterbi } from './model.ts';

export interface TrainSentence {
  /** Feature keys, MAX_FEATURES slots per token (0 = unused). */
  feats: Uint32Array;
  gold: Uint8Array;
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

/** Small deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainPerceptron(data: readonly TrainSentence[], opts: PerceptronOptions): TrainedWeights {
  const L = N_LABELS;
  const minCount = opts.minCount ?? 2;
  const log = opts.log ?? (() => {});
  // 1. Count keys and index the frequent ones.
  const counts = new Map<number, number>();
  for (const s of data) for (const k of s.feats) if (k !== 0) counts.set(k, (counts.get(k) ?? 0) + 1);
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
  log(`  perceptron: ${F} features (seen >= ${minCount} times), ${data.length} sentences`);
  // 2. Re-express sentences as row indices (-1 = dropped).
  const rows = data.map((s) => {
    const r = new Int32Array(s.feats.length);
    for (let i = 0; i < s.feats.length; i++) r[i] = s.feats[i] === 0 ? -1 : (index.get(s.feats[i]!) ?? -1);
    return r;
  });
  const T = (L + 1) * L;
  // Weights and the running sum of c·Δ for averaging: avg = w - u / c.
  const w = new Float32Array(F * L);
  const u = new Float64Array(F * L);
  const tw = new Float32Array(T);
  const tu = new Float64Array(T);
  let c = 1;
  const rand = rng(opts.seed ?? 1);
  const order = data.map((_, i) => i);
  let best: TrainedWeights | null = null;
  let bestScore = -Infinity;
  const snapshot = (): TrainedWeights => {
    const aw = new Float32Array(F * L);
    for (let i = 0; i < aw.length; i++) aw[i] = w[i]! - u[i]! / c;
    const at = new Float32Array(T);
    for (let i = 0; i < T; i++) at[i] = tw[i]! - tu[i]! / c;
    return { keys: Uint32Array.from(keyList), weights: aw, trans: at };
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
      const n = s.gold.length;
      if (n === 0) continue;
      const em = new Float32Array(n * L);
      for (let t = 0; t < n; t++) {
        for (let j = 0; j < MAX_FEATURES; j++) {
          const row = r[t * MAX_FEATURES + j]!;
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
            for (let j = 0; j < MAX_FEATURES; j++) {
              const row = r[t * MAX_FEATURES + j]!;
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
