/**
 * @module nlp/ner/model
 * The NER model at run time: BILOU labels over PER/ORG/LOC, a table of hashed feature keys to
 * weight rows, learnt label transitions, and constrained Viterbi decoding (a B-X can only be
 * followed by I-X or L-X, and so on), so every decoded sequence is a valid set of spans.
 *
 * File format (`ner.bin`, little-endian): "DNER", u32 format version, u32 header length, UTF-8
 * JSON header, padding to 4; f32 transitions [(L+1)×L] (last row = sentence start); u32 keys
 * [F]; u8 nonzero count per key [F]; u8 label per nonzero [N]; padding to 2; i16 weight per
 * nonzero [N], scaled by `header.scale`. Weights are sparse because a perceptron only ever
 * touches the gold and the predicted label of a feature.
 */
import { DossierError } from '../../errors.ts';
import { MAX_FEATURES } from './features.ts';

export const ENTITY_TYPES = ['PER', 'ORG', 'LOC'] as const;
export type EntityLabel = (typeof ENTITY_TYPES)[number];

/** 'O' then B/I/L/U for each type: label = 1 + type*4 + pos. */
export const LABELS: readonly string[] = [
  'O',
  ...ENTITY_TYPES.flatMap((t) => ['B', 'I', 'L', 'U'].map((p) => `${p}-${t}`)),
];
export const N_LABELS = LABELS.length;
const POS_B = 0;
const POS_I = 1;
const POS_L = 2;
const POS_U = 3;

export function labelOf(type: number, pos: number): number {
  return 1 + type * 4 + pos;
}
function typeOf(label: number): number {
  return (label - 1) >> 2;
}
function posOf(label: number): number {
  return (label - 1) & 3;
}

/** Whether `b` may follow `a` (a = -1 for sentence start). */
export function allowed(a: number, b: number): boolean {
  const open = a > 0 && (posOf(a) === POS_B || posOf(a) === POS_I);
  if (open) return b > 0 && typeOf(b) === typeOf(a) && (posOf(b) === POS_I || posOf(b) === POS_L);
  return b === 0 || posOf(b) === POS_B || posOf(b) === POS_U;
}
function allowedEnd(a: number): boolean {
  return a === 0 || posOf(a) === POS_L || posOf(a) === POS_U;
}

export interface TokenSpan {
  /** First token index. */
  start: number;
  /** One past the last token index. */
  end: number;
  label: EntityLabel;
}

/** Gold spans → BILOU label ids. Overlapping spans: the first one given wins. */
export function spansToLabels(n: number, spans: readonly TokenSpan[]): Uint8Array {
  const out = new Uint8Array(n);
  const taken = new Uint8Array(n);
  for (const s of spans) {
    const t = ENTITY_TYPES.indexOf(s.label);
    if (t < 0 || s.end <= s.start || s.end > n) continue;
    let free = true;
    for (let i = s.start; i < s.end; i++) if (taken[i]) free = false;
    if (!free) continue;
    for (let i = s.start; i < s.end; i++) taken[i] = 1;
    if (s.end - s.start === 1) out[s.start] = labelOf(t, POS_U);
    else {
      out[s.start] = labelOf(t, POS_B);
      for (let i = s.start + 1; i < s.end - 1; i++) out[i] = labelOf(t, POS_I);
      out[s.end - 1] = labelOf(t, POS_L);
    }
  }
  return out;
}

/** BILOU label ids → spans (tolerant of invalid sequences: an unclosed B ends where it breaks). */
export function labelsToSpans(labels: ArrayLike<number>): TokenSpan[] {
  const out: TokenSpan[] = [];
  let start = -1;
  let type = -1;
  for (let i = 0; i < labels.length; i++) {
    const l = labels[i]!;
    if (l === 0) {
      start = -1;
      continue;
    }
    const t = typeOf(l);
    const p = posOf(l);
    if (p === POS_U) {
      out.push({ start: i, end: i + 1, label: ENTITY_TYPES[t]! });
      start = -1;
    } else if (p === POS_B || start < 0 || type !== t) {
      start = i;
      type = t;
      if (p === POS_L) {
        out.push({ start: i, end: i + 1, label: ENTITY_TYPES[t]! });
        start = -1;
      }
    } else if (p === POS_L) {
      out.push({ start, end: i + 1, label: ENTITY_TYPES[t]! });
      start = -1;
    }
  }
  return out;
}

/**
 * Constrained Viterbi over emission scores `em` (n×L) and transitions `trans` ((L+1)×L).
 * Returns the best valid label sequence.
 */
export function viterbi(em: Float32Array, n: number, trans: Float32Array): Uint8Array {
  const L = N_LABELS;
  const out = new Uint8Array(n);
  if (n === 0) return out;
  const score = new Float64Array(n * L);
  const back = new Int8Array(n * L);
  for (let b = 0; b < L; b++) {
    score[b] = allowed(-1, b) ? em[b]! + trans[L * L + b]! : -Infinity;
  }
  for (let i = 1; i < n; i++) {
    for (let b = 0; b < L; b++) {
      let best = -Infinity;
      let arg = 0;
      for (let a = 0; a < L; a++) {
        if (!ALLOWED[a * L + b]) continue;
        const v = score[(i - 1) * L + a]! + trans[a * L + b]!;
        if (v > best) {
          best = v;
          arg = a;
        }
      }
      score[i * L + b] = best + em[i * L + b]!;
      back[i * L + b] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let a = 0; a < L; a++) {
    const v = score[(n - 1) * L + a]!;
    if (allowedEnd(a) && v > best) {
      best = v;
      arg = a;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * L + arg]!;
  }
  return out;
}

const ALLOWED = new Uint8Array(N_LABELS * N_LABELS);
for (let a = 0; a < N_LABELS; a++) for (let b = 0; b < N_LABELS; b++) ALLOWED[a * N_LABELS + b] = allowed(a, b) ? 1 : 0;

export interface ModelHeader {
  labels: readonly string[];
  featuresVersion: number;
  scale: number;
  /** Number of feature keys. */
  features: number;
  /** Free-form training facts for the model card (data, epochs, date). */
  info?: Record<string, unknown>;
}

const MAGIC = 0x524e4544; // "DNER" little-endian
const FORMAT = 1;

/** Whether typed arrays on this machine are little-endian, like the model file. */
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Weight rows are padded to 16 floats: one 64-byte cache line per feature. */
const STRIDE = 16;

/** A loaded model: open-addressing table from feature key to a dense weight row. */
export class NerModel {
  readonly header: ModelHeader;
  readonly trans: Float32Array;
  // Interleaved [key, row] pairs so a probe touches one cache line.
  readonly #table: Uint32Array;
  readonly #weights: Float32Array;
  readonly #mask: number;

  /**
   * @param weights dense rows of N_LABELS per key; or, with `padded`, rows already padded to the
   *   runtime stride (the file reader writes them so, saving a copy of every weight at load)
   */
  constructor(header: ModelHeader, keys: Uint32Array, weights: Float32Array, trans: Float32Array, padded = false) {
    this.header = header;
    this.trans = trans;
    const L = N_LABELS;
    if (padded) {
      if (weights.length !== keys.length * STRIDE) throw new Error(`NerModel: ${weights.length} padded weights for ${keys.length} keys`);
      this.#weights = weights;
    } else {
      this.#weights = new Float32Array(keys.length * STRIDE);
      for (let f = 0; f < keys.length; f++) {
        for (let l = 0; l < L; l++) this.#weights[f * STRIDE + l] = weights[f * L + l]!;
      }
    }
    let size = 1024;
    while (size < keys.length * 2) size <<= 1;
    this.#mask = size - 1;
    this.#table = new Uint32Array(size * 2);
    for (let f = 0; f < keys.length; f++) {
      let h = keys[f]! & this.#mask;
      while (this.#table[h * 2] !== 0) h = (h + 1) & this.#mask;
      this.#table[h * 2] = keys[f]!;
      this.#table[h * 2 + 1] = f;
    }
  }

  /** Row of a key, or -1. */
  row(key: number): number {
    const t = this.#table;
    let h = key & this.#mask;
    for (;;) {
      const k = t[h * 2]!;
      if (k === key) return t[h * 2 + 1]!;
      if (k === 0) return -1;
      h = (h + 1) & this.#mask;
    }
  }

  /** Emission scores n×L for the feature keys of a sentence. */
  emissions(feats: Uint32Array, n: number): Float32Array {
    const L = N_LABELS;
    const em = new Float32Array(n * L);
    const w = this.#weights;
    for (let i = 0; i < n; i++) {
      const base = i * MAX_FEATURES;
      const o = i * L;
      for (let j = 0; j < MAX_FEATURES; j++) {
        const key = feats[base + j]!;
        if (key === 0) break;
        const r = this.row(key);
        if (r < 0) continue;
        const wo = r * STRIDE;
        for (let l = 0; l < L; l++) em[o + l]! += w[wo + l]!;
      }
    }
    return em;
  }

  decode(feats: Uint32Array, n: number): Uint8Array {
    return viterbi(this.emissions(feats, n), n, this.trans);
  }

  /** Serialize dense weights sparsely with 16-bit quantisation. */
  static serialize(header: Omit<ModelHeader, 'scale' | 'features'>, keys: Uint32Array, weights: Float32Array, trans: Float32Array): Uint8Array {
    const L = N_LABELS;
    let max = 0;
    let nnz = 0;
    for (let i = 0; i < weights.length; i++) max = Math.max(max, Math.abs(weights[i]!));
    const scale = max > 0 ? max / 32000 : 1;
    const q = (v: number): number => Math.round(v / scale);
    const counts = new Uint8Array(keys.length);
    for (let f = 0; f < keys.length; f++) {
      for (let l = 0; l < L; l++) if (q(weights[f * L + l]!) !== 0) counts[f]!++;
      nnz += counts[f]!;
    }
    const head = new TextEncoder().encode(JSON.stringify({ ...header, scale, features: keys.length }));
    const pad4 = (x: number): number => (x + 3) & ~3;
    const headEnd = pad4(12 + head.length);
    const transEnd = headEnd + trans.length * 4;
    const keysEnd = transEnd + keys.length * 4;
    const countsEnd = keysEnd + keys.length;
    const labelsEnd = countsEnd + nnz;
    const valuesStart = (labelsEnd + 1) & ~1;
    const buf = new Uint8Array(valuesStart + nnz * 2);
    const dv = new DataView(buf.buffer);
    dv.setUint32(0, MAGIC, true);
    dv.setUint32(4, FORMAT, true);
    dv.setUint32(8, head.length, true);
    buf.set(head, 12);
    for (let i = 0; i < trans.length; i++) dv.setFloat32(headEnd + i * 4, trans[i]!, true);
    for (let f = 0; f < keys.length; f++) dv.setUint32(transEnd + f * 4, keys[f]!, true);
    buf.set(counts, keysEnd);
    let p = 0;
    for (let f = 0; f < keys.length; f++) {
      for (let l = 0; l < L; l++) {
        const v = q(weights[f * L + l]!);
        if (v === 0) continue;
        buf[countsEnd + p] = l;
        dv.setInt16(valuesStart + p * 2, v, true);
        p++;
      }
    }
    return buf;
  }

  /** @throws DossierError MODEL_MISSING when the bytes are not a model of this version. */
  static parse(bytes: Uint8Array, file: string): NerModel {
    const bad = (why: string): DossierError =>
      new DossierError('MODEL_MISSING', `NER model "${file}" is unusable: ${why}; run \`npm run train\` to rebuild it`, { input: file });
    if (bytes.length < 12) throw bad('file is truncated');
    const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (dv.getUint32(0, true) !== MAGIC || dv.getUint32(4, true) !== FORMAT) throw bad('not a Dossier NER model (bad magic or format version)');
    const headLen = dv.getUint32(8, true);
    let header: ModelHeader;
    try {
      header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headLen))) as ModelHeader;
    } catch (e) {
      throw bad(`header is not JSON (${(e as Error).message})`);
    }
    if (header.labels.join(',') !== LABELS.join(',')) throw bad(`labels ${header.labels.join(',')} differ from ${LABELS.join(',')}`);
    const L = N_LABELS;
    const headEnd = (12 + headLen + 3) & ~3;
    const trans = new Float32Array((L + 1) * L);
    for (let i = 0; i < trans.length; i++) trans[i] = dv.getFloat32(headEnd + i * 4, true);
    const transEnd = headEnd + trans.length * 4;
    const F = header.features;
    if (!Number.isInteger(F) || transEnd + F * 5 > bytes.length) throw bad('weight section is truncated');
    // keys and int16 values are read through typed views where the bytes allow it (little-endian
    // host, aligned offsets), else one by one: loading is part of the first document's latency
    const keys = LITTLE_ENDIAN && (bytes.byteOffset + transEnd) % 4 === 0 ? new Uint32Array(bytes.buffer, bytes.byteOffset + transEnd, F) : Uint32Array.from({ length: F }, (_, f) => dv.getUint32(transEnd + f * 4, true));
    const countsAt = transEnd + F * 4;
    let nnz = 0;
    for (let f = 0; f < F; f++) nnz += bytes[countsAt + f]!;
    const labelsAt = countsAt + F;
    const valuesAt = (labelsAt + nnz + 1) & ~1;
    if (valuesAt + nnz * 2 > bytes.length) throw bad('weight section is truncated');
    const values = LITTLE_ENDIAN && (bytes.byteOffset + valuesAt) % 2 === 0 ? new Int16Array(bytes.buffer, bytes.byteOffset + valuesAt, nnz) : Int16Array.from({ length: nnz }, (_, p) => dv.getInt16(valuesAt + p * 2, true));
    const weights = new Float32Array(F * STRIDE);
    const scale = header.scale;
    let p = 0;
    for (let f = 0; f < F; f++) {
      const c = bytes[countsAt + f]!;
      for (let j = 0; j < c; j++, p++) {
        const l = bytes[labelsAt + p]!;
        if (l >= L) throw bad(`label index ${l} of feature ${f} is out of range`);
        weights[f * STRIDE + l] = values[p]! * scale;
      }
    }
    return new NerModel(header, keys, weights, trans, true);
  }
}

/**
 * Posterior label probabilities per token (n×L) by forward-backward over the same constrained
 * lattice as `viterbi`, with scores divided by `temperature` (perceptron scores are not
 * log-probabilities; the temperature spreads them into usable confidences).
 *
 * Computed in the probability domain with one normalisation per position (exponentials only of
 * the n×L emissions and the L×L transitions, instead of a log-sum-exp per lattice edge): this was
 * half of the recogniser's time. Equal to the log-domain recursion up to rounding.
 */
export function marginals(em: Float32Array, n: number, trans: Float32Array, temperature = 1): Float64Array {
  const L = N_LABELS;
  const T = 1 / temperature;
  const out = new Float64Array(n * L);
  if (n === 0) return out;
  // transition factors, shifted by their maximum (a common factor cancels out)
  let tMax = -Infinity;
  for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) if (ALLOWED[a * L + b]) tMax = Math.max(tMax, trans[a * L + b]! * T);
  const tf = new Float64Array(L * L);
  for (let a = 0; a < L; a++) for (let b = 0; b < L; b++) tf[a * L + b] = ALLOWED[a * L + b] ? Math.exp(trans[a * L + b]! * T - tMax) : 0;
  // emission factors, shifted per position
  const ef = new Float64Array(n * L);
  for (let i = 0; i < n; i++) {
    let m = -Infinity;
    for (let b = 0; b < L; b++) m = Math.max(m, em[i * L + b]! * T);
    for (let b = 0; b < L; b++) ef[i * L + b] = Math.exp(em[i * L + b]! * T - m);
  }
  const alpha = new Float64Array(n * L);
  const beta = new Float64Array(n * L);
  let sMax = -Infinity;
  for (let b = 0; b < L; b++) if (allowed(-1, b)) sMax = Math.max(sMax, (em[b]! + trans[L * L + b]!) * T);
  let z = 0;
  for (let b = 0; b < L; b++) {
    const v = allowed(-1, b) ? Math.exp((em[b]! + trans[L * L + b]!) * T - sMax) : 0;
    alpha[b] = v;
    z += v;
  }
  if (z > 0) for (let b = 0; b < L; b++) alpha[b]! /= z;
  for (let i = 1; i < n; i++) {
    z = 0;
    for (let b = 0; b < L; b++) {
      let s = 0;
      for (let j = PRED_START[b]!; j < PRED_START[b + 1]!; j++) {
        const a = PRED[j]!;
        s += alpha[(i - 1) * L + a]! * tf[a * L + b]!;
      }
      const v = s * ef[i * L + b]!;
      alpha[i * L + b] = v;
      z += v;
    }
    if (z > 0) for (let b = 0; b < L; b++) alpha[i * L + b]! /= z;
  }
  for (let a = 0; a < L; a++) beta[(n - 1) * L + a] = allowedEnd(a) ? 1 : 0;
  for (let i = n - 2; i >= 0; i--) {
    z = 0;
    for (let a = 0; a < L; a++) {
      let s = 0;
      for (let j = SUCC_START[a]!; j < SUCC_START[a + 1]!; j++) {
        const b = SUCC[j]!;
        s += tf[a * L + b]! * ef[(i + 1) * L + b]! * beta[(i + 1) * L + b]!;
      }
      beta[i * L + a] = s;
      z += s;
    }
    if (z > 0) for (let a = 0; a < L; a++) beta[i * L + a]! /= z;
  }
  // each position's posteriors sum to one: normalising there removes every shift and scale
  for (let i = 0; i < n; i++) {
    let sum = 0;
    for (let x = 0; x < L; x++) sum += alpha[i * L + x]! * beta[i * L + x]!;
    // (sum is 0 only if every path underflowed, which needs score gaps beyond ~700·temperature)
    if (sum > 0) for (let x = 0; x < L; x++) out[i * L + x] = (alpha[i * L + x]! * beta[i * L + x]!) / sum;
  }
  return out;
}

// Allowed transitions as adjacency lists (BILOU allows few): predecessors of each label, successors of each label.
const PRED_START = new Int32Array(N_LABELS + 1);
const SUCC_START = new Int32Array(N_LABELS + 1);
const PRED: number[] = [];
const SUCC: number[] = [];
for (let b = 0; b < N_LABELS; b++) {
  PRED_START[b] = PRED.length;
  for (let a = 0; a < N_LABELS; a++) if (ALLOWED[a * N_LABELS + b]) PRED.push(a);
}
PRED_START[N_LABELS] = PRED.length;
for (let a = 0; a < N_LABELS; a++) {
  SUCC_START[a] = SUCC.length;
  for (let b = 0; b < N_LABELS; b++) if (ALLOWED[a * N_LABELS + b]) SUCC.push(b);
}
SUCC_START[N_LABELS] = SUCC.length;
