/**
 * @module nlp/averaged-perceptron
 * Trainer of the tagger's, parser's and labellers' weights: an averaged multi-class perceptron
 * with one dense row of class weights per feature hash that was ever updated (Map from hash to
 * row) and the "sum of c·update" trick for averaging. `toSparse` turns it into the runtime
 * `SparseModel` (nlp/perceptron.ts).
 */
import { SparseModel } from './perceptron.ts';

/** Trainer for an averaged multi-class perceptron over 32-bit feature hashes. */
export class AveragedPerceptron {
  readonly nClasses: number;
  #rows = new Map<number, number>();
  #w: Float32Array;
  #u: Float64Array;
  #used = 0;
  /** Update counter (one tick per training example). */
  #c = 1;
  /** Optional filter: features outside it are ignored (frequency pruning). */
  readonly allowed: Set<number> | null;

  constructor(nClasses: number, allowed: Set<number> | null = null, initialRows = 1 << 16) {
    this.nClasses = nClasses;
    this.allowed = allowed;
    this.#w = new Float32Array(initialRows * nClasses);
    this.#u = new Float64Array(initialRows * nClasses);
  }

  get features(): number {
    return this.#used;
  }

  #row(f: number, create: boolean): number {
    let r = this.#rows.get(f);
    if (r !== undefined) return r;
    if (!create || (this.allowed && !this.allowed.has(f))) return -1;
    r = this.#used++;
    if ((r + 1) * this.nClasses > this.#w.length) {
      const w = new Float32Array(this.#w.length * 2);
      w.set(this.#w);
      this.#w = w;
      const u = new Float64Array(this.#u.length * 2);
      u.set(this.#u);
      this.#u = u;
    }
    this.#rows.set(f, r);
    return r;
  }

  /** Add the current (non-averaged) weights of `feats[0..n)` into `scores` (zeroed first). */
  score(feats: ArrayLike<number>, n: number, scores: Float32Array): void {
    scores.fill(0);
    const K = this.nClasses;
    const w = this.#w;
    for (let i = 0; i < n; i++) {
      const r = this.#rows.get(feats[i]!);
      if (r === undefined) continue;
      const base = r * K;
      for (let k = 0; k < K; k++) scores[k]! += w[base + k]!;
    }
  }

  /** Perceptron update: +1 to `gold`, -1 to `pred` for every feature. */
  update(feats: ArrayLike<number>, n: number, gold: number, pred: number, amount = 1): void {
    if (gold === pred) return;
    const K = this.nClasses;
    const c = this.#c;
    for (let i = 0; i < n; i++) {
      const r = this.#row(feats[i]!, true);
      if (r < 0) continue;
      const base = r * K;
      this.#w[base + gold]! += amount;
      this.#u[base + gold]! += c * amount;
      this.#w[base + pred]! -= amount;
      this.#u[base + pred]! -= c * amount;
    }
  }

  /** Count one training example (for averaging). */
  tick(): void {
    this.#c++;
  }

  /**
   * The averaged weights as a compact runtime model. Weights with |w| < `threshold` are dropped,
   * and so are whole features whose largest |w| is below `featureThreshold` (size/speed pruning).
   */
  toSparse(threshold = 1e-3, featureThreshold = 0): SparseModel {
    const K = this.nClasses;
    const c = this.#c;
    const keys: number[] = [];
    const offs: number[] = [0];
    const cls: number[] = [];
    const ws: number[] = [];
    for (const [f, r] of this.#rows) {
      const base = r * K;
      let any = false;
      if (featureThreshold > 0) {
        let mx = 0;
        for (let k = 0; k < K; k++) mx = Math.max(mx, Math.abs(this.#w[base + k]! - this.#u[base + k]! / c));
        if (mx < featureThreshold) continue;
      }
      for (let k = 0; k < K; k++) {
        const avg = this.#w[base + k]! - this.#u[base + k]! / c;
        if (Math.abs(avg) >= threshold) {
          cls.push(k);
          ws.push(avg);
          any = true;
        }
      }
      if (any) {
        keys.push(f);
        offs.push(cls.length);
      }
    }
    return new SparseModel(K, Uint32Array.from(keys), Uint32Array.from(offs), Uint8Array.from(cls), Float32Array.from(ws));
  }
}
