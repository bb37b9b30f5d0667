/**
 * @module nlp/perceptron
 * Linear multi-class scoring over hashed features, shared by the tagger, parser, labeller and
 * sentence classifier. `SparseModel` is what ships and runs: only the non-zero averaged weights,
 * as typed arrays behind an open-addressing table of feature hashes; scoring a feature costs one
 * probe plus a walk over the few classes it has weights for. The trainer that produces it is
 * `AveragedPerceptron` (nlp/averaged-perceptron.ts).
 */

/** Marks an inline slot whose differences are in the side table (never a valid packed pair). */
const WIDE = -32768;

/** Weights as stored in a model file: int16 values and one scale (value = q · scale). */
export interface QuantizedWeights {
  q: Int16Array;
  scale: number;
}

/**
 * The runtime table of an integer-layout model (see SparseModel), as a model file can store it so
 * that loading a big model does not rebuild it (the parser's 1.1 M features took ~100 ms to
 * insert).
 */
export interface IntTable {
  /** Number of classes of the model the table was built for. */
  classes: number;
  /** One scale for all weights: value = integer · scale. */
  scale: number;
  /** 2 words per slot (key, packed weights); a power of two of slots. */
  slots: Int32Array;
  /** Packed (weight << 8 | class) runs of models with more than 3 classes; else empty. */
  pairs: Int32Array;
  /** [key, d0, d1] for each inline feature whose differences do not fit in int16. */
  wide: Int32Array;
}

/**
 * Slots of the integer hash table for `nKeys` features: load factor ≤ 2/3 (short probe runs, and
 * a table half the size of the float layout's).
 */
export function intTableSize(nKeys: number): number {
  let size = 1024;
  while (size * 2 < nKeys * 3) size <<= 1;
  return size;
}

/**
 * The order in which to store a model's features so that loading fills the integer hash table
 * front to back (by home slot), not at random: the same table, built with sequential writes.
 */
export function tableOrder(keys: Uint32Array): Uint32Array {
  const mask = intTableSize(keys.length) - 1;
  const home = (k: number) => (k === 0 ? 1 : k) & mask;
  return Uint32Array.from(keys.keys()).sort((a, b) => home(keys[a]!) - home(keys[b]!) || keys[a]! - keys[b]!);
}

/**
 * Runtime scorer: averaged weights, sparse per feature, behind an open-addressing hash table laid
 * out for few cache misses (scoring is bound by memory latency: one random probe per feature).
 *
 * Two layouts. Models read from a file carry int16 weights and one scale; they are kept as
 * integers, which makes the table small and lets scores accumulate exactly in integer registers:
 * - at most 3 classes (parser transitions, sentence gaps): 2 words per slot, the key and the
 *   weights of the first classes minus the last class's, as two int16 (the parser's ~1.1 M
 *   features fit in 16 MB instead of 64 MB). So the scores of such a model are exact up to a
 *   shift common to all classes (the last class scores 0): argmax and margins are unchanged,
 *   which is all the parser and the sentence model use. The few differences that do not fit in
 *   int16 are kept exactly in a side table;
 * - more classes (tags, relations): 2 words per slot, the key and either the feature's one
 *   (class, weight) when it has a single class (most features: no second memory access), or the
 *   start and length of its run (start << 8 | length), the runs packed one word per (class,
 *   weight): weight << 8 | class.
 * Models built in training (float weights, no scale) use float slots of 4 words (key + inline
 * weights, or key + run start/count into [class, weight] float pairs).
 * `keys`/`offs`/`cls`/`w` keep the plain form for serialisation.
 */
export class SparseModel {
  readonly nClasses: number;
  readonly keys: Uint32Array;
  readonly offs: Uint32Array;
  readonly cls: Uint8Array;
  readonly w: Float32Array;
  #mask = 0;
  #inline: boolean;
  // float layout
  #slots: Uint32Array = new Uint32Array(0);
  #slotsF: Float32Array = new Float32Array(0);
  #pairs: Float32Array = new Float32Array(0);
  #pairClass: Uint32Array = new Uint32Array(0);
  // integer layout
  #quant: boolean;
  #scale = 1;
  #islots: Int32Array = new Int32Array(0);
  #ipairs: Int32Array = new Int32Array(0);
  /** Differences that do not fit in int16 (inline layout), by key. */
  #wide = new Map<number, [number, number]>();
  #acc: Int32Array;

  /**
   * @param keepPlain keep the plain arrays (needed to save the model); loaded models drop them to
   *   save memory.
   * @param quant the int16 form of `w` (from a model file): selects the compact integer layout
   *   (for ≤ 3 classes, scores then come up to a common shift: see the class comment).
   */
  constructor(nClasses: number, keys: Uint32Array, offs: Uint32Array, cls: Uint8Array, w: Float32Array | null, keepPlain = true, quant: QuantizedWeights | null = null, table: IntTable | null = null) {
    if (table) {
      // a prebuilt integer table (SparseModel.fromTable): no plain arrays, nothing to build
      this.nClasses = nClasses;
      this.keys = new Uint32Array(0);
      this.offs = new Uint32Array(0);
      this.cls = new Uint8Array(0);
      this.w = new Float32Array(0);
      this.#inline = nClasses <= 3;
      this.#quant = true;
      this.#acc = new Int32Array(Math.max(2, nClasses));
      this.#adoptTable(table);
      return;
    }
    if (!w && !quant) throw new Error('SparseModel: neither float nor quantised weights');
    if (quant && w && quant.q.length !== w.length) throw new Error(`SparseModel: ${quant.q.length} quantised weights for ${w.length} weights`);
    if (keepPlain && !w) throw new Error('SparseModel: keepPlain needs the float weights');
    this.nClasses = nClasses;
    this.keys = keepPlain ? keys : new Uint32Array(0);
    this.offs = keepPlain ? offs : new Uint32Array(0);
    this.cls = keepPlain ? cls : new Uint8Array(0);
    this.w = keepPlain && w ? w : new Float32Array(0);
    this.#inline = nClasses <= 3;
    this.#quant = quant !== null;
    this.#acc = new Int32Array(Math.max(2, nClasses));
    if (quant) {
      this.#scale = quant.scale;
      const size = intTableSize(keys.length);
      this.#mask = size - 1;
      this.#buildInt(keys, offs, cls, quant.q, size);
    } else {
      let size = 1024;
      while (size < keys.length * 2) size <<= 1;
      this.#mask = size - 1;
      this.#buildFloat(keys, offs, cls, w!, size);
    }
  }

  /** A model over a prebuilt integer table (from `intTable()` of a model of the same class count). @throws Error when the table's shape is impossible. */
  static fromTable(nClasses: number, table: IntTable): SparseModel {
    return new SparseModel(nClasses, new Uint32Array(0), new Uint32Array(0), new Uint8Array(0), null, false, null, table);
  }

  /** The integer table of a model read from a file (for storing it prebuilt). */
  intTable(): IntTable {
    if (!this.#quant) throw new Error('SparseModel.intTable: only models with integer weights (read from a file, or fromTable) have an integer table');
    const wide = new Int32Array(this.#wide.size * 3);
    let j = 0;
    for (const [key, [d0, d1]] of this.#wide) {
      wide[j++] = key;
      wide[j++] = d0;
      wide[j++] = d1;
    }
    return { classes: this.nClasses, scale: this.#scale, slots: this.#islots, pairs: this.#ipairs, wide };
  }

  #adoptTable(t: IntTable): void {
    if (t.classes !== this.nClasses) throw new Error(`SparseModel: a table built for ${t.classes} classes read as a model of ${this.nClasses}`);
    const pow2 = (n: number) => n > 0 && (n & (n - 1)) === 0;
    const slots = t.slots.length / 2;
    if (!pow2(slots) || slots < 1024) throw new Error(`SparseModel: ${t.slots.length} slot words, expected 2 × a power of two ≥ 1024`);
    if (t.wide.length % 3 !== 0) throw new Error(`SparseModel: ${t.wide.length} wide-weight words, expected triples`);
    if (this.#inline ? t.pairs.length !== 0 : t.wide.length !== 0) throw new Error(`SparseModel: a table for ${this.nClasses} classes with parts of the other layout`);
    if (!(t.scale > 0 && Number.isFinite(t.scale))) throw new Error(`SparseModel: weight scale ${t.scale}, expected a positive number`);
    this.#scale = t.scale;
    this.#mask = slots - 1;
    this.#islots = t.slots;
    this.#ipairs = t.pairs;
    for (let j = 0; j < t.wide.length; j += 3) this.#wide.set(t.wide[j]!, [t.wide[j + 1]!, t.wide[j + 2]!]);
  }

  #buildInt(keys: Uint32Array, offs: Uint32Array, cls: Uint8Array, q: Int16Array, size: number): void {
    const stride = 2;
    const slots = new Int32Array(size * stride);
    if (!this.#inline) {
      if (cls.length >= 1 << 23 || this.nClasses > 255) throw new Error(`SparseModel: ${cls.length} weights in ${this.nClasses} classes are more than the integer layout holds (2^23 weights, 255 classes)`);
      const pairs = new Int32Array(cls.length);
      for (let j = 0; j < cls.length; j++) pairs[j] = (q[j]! << 8) | cls[j]!;
      this.#ipairs = pairs;
    }
    const mask = this.#mask;
    const last = this.nClasses - 1;
    const wq = [0, 0, 0];
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]! === 0 ? 1 : keys[i]!;
      let slot = key & mask;
      while (slots[slot * stride] !== 0) slot = (slot + 1) & mask;
      const b = slot * stride;
      slots[b] = key | 0;
      if (this.#inline) {
        wq[0] = wq[1] = wq[2] = 0;
        for (let j = offs[i]!; j < offs[i + 1]!; j++) wq[cls[j]!] = q[j]!;
        // one class: its weight; two or three: differences to the last class
        const d0 = last === 0 ? wq[0]! : wq[0]! - wq[last]!;
        const d1 = last === 2 ? wq[1]! - wq[2]! : 0;
        if (d0 < -32767 || d0 > 32767 || d1 < -32767 || d1 > 32767) {
          this.#wide.set(key | 0, [d0, d1]);
          slots[b + 1] = WIDE;
        } else slots[b + 1] = (d0 & 0xffff) | (d1 << 16);
      } else {
        const start = offs[i]!;
        const count = offs[i + 1]! - start;
        // a feature with one class keeps its weight in the slot (no second memory access)
        slots[b + 1] = count === 1 ? (q[start]! << 16) | (cls[start]! << 8) | 1 : (start << 8) | count;
      }
    }
    this.#islots = slots;
  }

  #buildFloat(keys: Uint32Array, offs: Uint32Array, cls: Uint8Array, w: Float32Array, size: number): void {
    const buf = new ArrayBuffer(size * 16);
    this.#slots = new Uint32Array(buf);
    this.#slotsF = new Float32Array(buf);
    // [class, weight] pairs share one buffer: a Uint32 view for classes, a Float32 view for weights
    const pairBuf = new ArrayBuffer(this.#inline ? 0 : cls.length * 8);
    this.#pairs = new Float32Array(pairBuf);
    this.#pairClass = new Uint32Array(pairBuf);
    if (!this.#inline) {
      for (let j = 0; j < cls.length; j++) {
        this.#pairClass[2 * j] = cls[j]!;
        this.#pairs[2 * j + 1] = w[j]!;
      }
    }
    for (let i = 0; i < keys.length; i++) {
      const key = keys[i]! === 0 ? 1 : keys[i]!;
      let slot = key & this.#mask;
      while (this.#slots[slot * 4] !== 0) slot = (slot + 1) & this.#mask;
      const b = slot * 4;
      this.#slots[b] = key;
      if (this.#inline) {
        for (let j = offs[i]!; j < offs[i + 1]!; j++) this.#slotsF[b + 1 + cls[j]!] = w[j]!;
      } else {
        this.#slots[b + 1] = offs[i]!;
        this.#slots[b + 2] = offs[i + 1]! - offs[i]!;
      }
    }
  }

  /** Scores of all classes for `feats[0..n)`, written into `scores` (zeroed first). */
  score(feats: ArrayLike<number>, n: number, scores: Float32Array): void {
    if (this.#quant) {
      if (this.#inline) this.#scoreIntInline(feats, n, scores);
      else this.#scoreIntPairs(feats, n, scores);
      return;
    }
    scores.fill(0);
    const slots = this.#slots;
    const mask = this.#mask;
    if (this.#inline) {
      const f32 = this.#slotsF;
      const K = this.nClasses;
      for (let i = 0; i < n; i++) {
        const key = feats[i]! === 0 ? 1 : feats[i]!;
        let slot = key & mask;
        for (;;) {
          const b = slot << 2;
          const k = slots[b]!;
          if (k === key) {
            for (let c = 0; c < K; c++) scores[c]! += f32[b + 1 + c]!;
            break;
          }
          if (k === 0) break;
          slot = (slot + 1) & mask;
        }
      }
      return;
    }
    const pairs = this.#pairs;
    const pairClass = this.#pairClass;
    for (let i = 0; i < n; i++) {
      const key = feats[i]! === 0 ? 1 : feats[i]!;
      let slot = key & mask;
      for (;;) {
        const b = slot << 2;
        const k = slots[b]!;
        if (k === key) {
          const start = slots[b + 1]! << 1;
          const end = start + (slots[b + 2]! << 1);
          for (let j = start; j < end; j += 2) scores[pairClass[j]!]! += pairs[j + 1]!;
          break;
        }
        if (k === 0) break;
        slot = (slot + 1) & mask;
      }
    }
  }

  #scoreIntInline(feats: ArrayLike<number>, n: number, scores: Float32Array): void {
    const acc = this.#acc;
    acc[0] = 0;
    acc[1] = 0;
    this.#sumInline(feats, n, acc);
    this.#finishInline(acc, scores);
  }

  /** Add the integer weight differences of `feats[0..n)` into acc[0], acc[1] (inline int layout). */
  #sumInline(feats: ArrayLike<number>, n: number, acc: Int32Array): void {
    const slots = this.#islots;
    const mask = this.#mask;
    let a0 = 0;
    let a1 = 0;
    for (let i = 0; i < n; i++) {
      const key = (feats[i]! === 0 ? 1 : feats[i]!) | 0;
      let slot = key & mask;
      for (;;) {
        const b = slot << 1;
        const k = slots[b]!;
        if (k === key) {
          const x = slots[b + 1]!;
          if (x === WIDE) {
            const d = this.#wide.get(key)!;
            a0 += d[0];
            a1 += d[1];
          } else {
            a0 += (x << 16) >> 16;
            a1 += x >> 16;
          }
          break;
        }
        if (k === 0) break;
        slot = (slot + 1) & mask;
      }
    }
    acc[0]! += a0;
    acc[1]! += a1;
  }

  #finishInline(acc: Int32Array, scores: Float32Array): void {
    const s = this.#scale;
    scores.fill(0);
    if (this.nClasses === 3) {
      scores[0] = acc[0]! * s;
      scores[1] = acc[1]! * s;
    } else scores[0] = acc[0]! * s;
  }

  /**
   * Whether scores can be built from exact integer partial sums (`partialInline` /
   * `scoreInlineFrom`): models of at most 3 classes read from a file.
   */
  get inlinePartials(): boolean {
    return this.#quant && this.#inline;
  }

  /** Integer partial sums of `feats[0..n)` into `acc` (length 2, overwritten). Only for `inlinePartials` models. */
  partialInline(feats: ArrayLike<number>, n: number, acc: Int32Array): void {
    if (!this.inlinePartials) throw new Error('SparseModel.partialInline: only for models loaded from a file with at most 3 classes');
    acc[0] = 0;
    acc[1] = 0;
    this.#sumInline(feats, n, acc);
  }

  /** Scores of a partial sum `base` (from `partialInline`) plus `feats[0..n)`: exactly `score` of both feature lists. */
  scoreInlineFrom(base: Int32Array, feats: ArrayLike<number>, n: number, scores: Float32Array): void {
    const acc = this.#acc;
    acc[0] = base[0]!;
    acc[1] = base[1]!;
    this.#sumInline(feats, n, acc);
    this.#finishInline(acc, scores);
  }

  /** Whether the model holds int16 weights in run form (`accumulate`/`finish` are available). */
  get accumulates(): boolean {
    return this.#quant && !this.#inline;
  }

  /**
   * Add the integer weights of `feats[0..n)` into `acc` (not zeroed): exact, so partial sums can
   * be cached and combined in any order. Only for `accumulates` models.
   */
  accumulate(feats: ArrayLike<number>, n: number, acc: Int32Array): void {
    if (!this.accumulates) throw new Error('SparseModel.accumulate: only for models loaded from a file with more than 3 classes');
    const slots = this.#islots;
    const pairs = this.#ipairs;
    const mask = this.#mask;
    for (let i = 0; i < n; i++) {
      const key = (feats[i]! === 0 ? 1 : feats[i]!) | 0;
      let slot = key & mask;
      for (;;) {
        const b = slot << 1;
        const k = slots[b]!;
        if (k === key) {
          const x = slots[b + 1]!;
          const count = x & 255;
          if (count === 1) acc[(x >> 8) & 255]! += x >> 16;
          else {
            const start = x >>> 8;
            for (let j = start; j < start + count; j++) {
              const p = pairs[j]!;
              acc[p & 255]! += p >> 8;
            }
          }
          break;
        }
        if (k === 0) break;
        slot = (slot + 1) & mask;
      }
    }
  }

  /** Scores from an accumulator filled by `accumulate`. */
  finish(acc: Int32Array, scores: Float32Array): void {
    const s = this.#scale;
    const K = this.nClasses;
    for (let c = 0; c < K; c++) scores[c] = acc[c]! * s;
    if (scores.length > K) scores.fill(0, K);
  }

  #scoreIntPairs(feats: ArrayLike<number>, n: number, scores: Float32Array): void {
    const acc = this.#acc;
    acc.fill(0);
    this.accumulate(feats, n, acc);
    this.finish(acc, scores);
  }

}

/** Index of the best score among `allowed` classes (all when omitted); ties go to the lowest index. */
export function argmax(scores: Float32Array, n: number, valid?: (k: number) => boolean): number {
  let best = -1;
  let bestScore = -Infinity;
  for (let k = 0; k < n; k++) {
    if (valid && !valid(k)) continue;
    const s = scores[k]!;
    if (s > bestScore) {
      bestScore = s;
      best = k;
    }
  }
  return best;
}

// the mean of several trained models lives in its own file (model averaging across seeds)
export { averageSparse, keepFeatures } from './sparse-average.ts';
