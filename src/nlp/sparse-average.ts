/**
 * @module nlp/sparse-average
 * Transforms of trained sparse models: averaging the weights of several over the same classes
 * (the same parser trained with different shuffle seeds), and keeping a subset of features (the
 * parser's pruning of rare small weights). Re-exported by nlp/perceptron.
 */
import { SparseModel } from './perceptron.ts';

/**
 * The mean of several models over the same classes (e.g. the same parser trained with different
 * shuffle seeds): a feature missing from a model counts as weight 0 there. Averaging weights of
 * independently trained perceptrons reduces their variance, like a bigger averaging window.
 * Features whose largest averaged |w| is below `featureThreshold` are dropped, as in `toSparse`.
 */
export function averageSparse(models: readonly SparseModel[], featureThreshold = 0): SparseModel {
  const K = models[0]!.nClasses;
  const rows = new Map<number, Float64Array>();
  for (const m of models) {
    if (m.nClasses !== K) throw new Error(`averageSparse: models have ${m.nClasses} and ${K} classes`);
    for (let i = 0; i < m.keys.length; i++) {
      let r = rows.get(m.keys[i]!);
      if (!r) rows.set(m.keys[i]!, (r = new Float64Array(K)));
      for (let j = m.offs[i]!; j < m.offs[i + 1]!; j++) r[m.cls[j]!]! += m.w[j]!;
    }
  }
  const keys: number[] = [];
  const offs: number[] = [0];
  const cls: number[] = [];
  const ws: number[] = [];
  const M = models.length;
  for (const [f, r] of [...rows].sort((a, b) => a[0] - b[0])) {
    let mx = 0;
    for (let k = 0; k < K; k++) mx = Math.max(mx, Math.abs(r[k]! / M));
    if (mx < featureThreshold || mx === 0) continue;
    for (let k = 0; k < K; k++) {
      if (r[k] !== 0) {
        cls.push(k);
        ws.push(r[k]! / M);
      }
    }
    keys.push(f);
    offs.push(cls.length);
  }
  return new SparseModel(K, Uint32Array.from(keys), Uint32Array.from(offs), Uint8Array.from(cls), Float32Array.from(ws));
}

/** The features of `m` for which `keep(index, largest absolute weight)` holds. */
export function keepFeatures(m: SparseModel, keep: (i: number, maxAbs: number) => boolean): SparseModel {
  const keys: number[] = [];
  const offs: number[] = [0];
  const cls: number[] = [];
  const ws: number[] = [];
  for (let i = 0; i < m.keys.length; i++) {
    let mx = 0;
    for (let j = m.offs[i]!; j < m.offs[i + 1]!; j++) mx = Math.max(mx, Math.abs(m.w[j]!));
    if (!keep(i, mx)) continue;
    for (let j = m.offs[i]!; j < m.offs[i + 1]!; j++) {
      cls.push(m.cls[j]!);
      ws.push(m.w[j]!);
    }
    keys.push(m.keys[i]!);
    offs.push(cls.length);
  }
  return new SparseModel(m.nClasses, Uint32Array.from(keys), Uint32Array.from(offs), Uint8Array.from(cls), Float32Array.from(ws));
}
