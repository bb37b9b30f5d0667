/**
 * @module nlp/tagger-features
 * Feature templates of the POS tagger. Word-level strings (lower-cased form, affixes, shape) are
 * hashed once per sentence; templates combine them with the tags already predicted to the left
 * (greedy left-to-right decoding) and, in the second pass, the first pass's tags to the right.
 * Shared by training and tagging so both see exactly the same features.
 */
import { hashString, mix1, mix2, mix3 } from './hash.ts';
import { BoundedCache } from './bounded-cache.ts';
import type { WordClusters } from './clusters.ts';

/** Per-token hashes computed once per sentence. */
export interface SentenceHashes {
  n: number;
  lower: Int32Array;
  form: Int32Array;
  sfx1: Int32Array;
  sfx2: Int32Array;
  sfx3: Int32Array;
  sfx4: Int32Array;
  pre1: Int32Array;
  pre2: Int32Array;
  shape: Int32Array;
  flags: Int32Array;
  /** Ambiguity class: hash of the set of tags the word had in training (or of '<unk>'). */
  amb: Int32Array;
  /** How the word is capitalised in training when not sentence-initial (0 unseen … 4 lower). */
  caseB: Int32Array;
  /** Fine / coarse word-cluster feature ids (nlp/clusters.ts); null when the model has none. */
  cf: Int32Array | null;
  ck: Int32Array | null;
}

/** Word knowledge from training: ambiguity-class hashes and capitalisation buckets. */
export interface TaggerLexicon {
  amb: Map<string, number>;
  caseOf: Map<string, number>;
  /** Word clusters, for a model trained with them. */
  clusters: WordClusters | null;
}

// signed, like every hash the templates combine (see nlp/hash.ts)
const PAD = hashString('<pad>') | 0;
const PAD_R = hashString('</pad>') | 0;

/** Word shape: character classes with runs collapsed ("Al-Maliki" → "Xx-Xx", "1,000" → "d,d"). */
export function wordShape(w: string): string {
  let out = '';
  let last = '';
  for (const ch of w) {
    const code = ch.charCodeAt(0);
    let c: string;
    // ASCII without regular expressions (this runs for every token the sentence splitter sees)
    if (code < 128) c = code >= 65 && code <= 90 ? 'X' : code >= 97 && code <= 122 ? 'x' : code >= 48 && code <= 57 ? 'd' : ch;
    else if (/\p{Lu}/u.test(ch)) c = 'X';
    else if (/\p{Ll}/u.test(ch)) c = 'x';
    else c = ch;
    if (c !== last || (c !== 'X' && c !== 'x' && c !== 'd')) out += c;
    last = c;
    if (out.length > 8) break;
  }
  return out;
}

/** Case of a word's first letter: 1 upper, 2 lower, 0 neither (digit, punctuation); ASCII first, Unicode after. */
export function letterCase(w: string): 0 | 1 | 2 {
  const c = w.charCodeAt(0);
  if (c >= 65 && c <= 90) return 1;
  if (c >= 97 && c <= 122) return 2;
  if (c < 128) return 0;
  return /^\p{Lu}/u.test(w) ? 1 : /^\p{Ll}/u.test(w) ? 2 : 0;
}

/** Normalise digits so all numbers of one shape share statistics. */
export function normWord(w: string): string {
  const l = w.toLowerCase();
  if (/\d/.test(l)) return l.replace(/\d/g, '0');
  return l;
}

const UNK_AMB = hashString('<unk>') | 0;

/** What `sentenceHashes` knows about one word form, independent of its sentence. */
const W_LOWER = 0, W_AMB = 1, W_CASE = 2, W_FORM = 3, W_SFX1 = 4, W_SFX2 = 5, W_SFX3 = 6, W_SFX4 = 7, W_PRE1 = 8, W_PRE2 = 9, W_SHAPE = 10, W_FLAGS = 11, W_SENT = 12, W_CF = 13, W_CK = 14;
const W_SIZE = 15;

function wordInfo(w: string, lexicon: TaggerLexicon | null): Int32Array {
  const x = new Int32Array(W_SIZE);
  const l = normWord(w);
  x[W_LOWER] = hashString(l);
  x[W_AMB] = lexicon?.amb.get(l) ?? UNK_AMB;
  x[W_CASE] = lexicon?.caseOf.get(l) ?? 0;
  x[W_FORM] = hashString(w);
  x[W_SFX1] = hashString(l.slice(-1));
  x[W_SFX2] = hashString(l.slice(-2));
  x[W_SFX3] = hashString(l.slice(-3));
  x[W_SFX4] = hashString(l.slice(-4));
  x[W_PRE1] = hashString(l.slice(0, 1));
  x[W_PRE2] = hashString(l.slice(0, 2));
  x[W_SHAPE] = hashString(wordShape(w));
  const cl = lexicon?.clusters;
  if (cl) {
    x[W_CF] = cl.fine(l);
    x[W_CK] = cl.coarse(l);
  }
  let f = 0;
  if (/^\p{Lu}/u.test(w)) f |= 1;
  if (/^\p{Lu}+$/u.test(w) && w.length > 1) f |= 2;
  if (/\d/.test(w)) f |= 4;
  if (w.includes('-')) f |= 8;
  if (w.length > 10) f |= 32;
  x[W_FLAGS] = f;
  // for the sentence-level flags: long word (4+ letters), capitalised, all capitals
  if (/^\p{L}{4,}/u.test(w)) x[W_SENT] = 1 | (/^\p{Lu}/u.test(w) ? 2 : 0) | (/^\p{Lu}+$/u.test(w) ? 4 : 0);
  return x;
}

/**
 * Per-word hashes kept across sentences: hashing, affixes and shape are most of the tagger's
 * cost outside the weight lookups, and news text repeats its words.
 */
export type WordInfoCache = BoundedCache<string, Int32Array>;

export function wordInfoCache(lexicon: TaggerLexicon | null, max = 200_000): WordInfoCache {
  return new BoundedCache(max, (w: string) => wordInfo(w, lexicon));
}

/**
 * Per-token hashes of a sentence. `lexicon` maps a normalised word to the hash of its ambiguity
 * class (the tags it was seen with in training); `cache`, when given, must use the same lexicon.
 */
export function sentenceHashes(words: readonly string[], lexicon: TaggerLexicon | null = null, cache: WordInfoCache | null = null): SentenceHashes {
  const n = words.length;
  const h: SentenceHashes = {
    n,
    lower: new Int32Array(n),
    form: new Int32Array(n),
    sfx1: new Int32Array(n),
    sfx2: new Int32Array(n),
    sfx3: new Int32Array(n),
    sfx4: new Int32Array(n),
    pre1: new Int32Array(n),
    pre2: new Int32Array(n),
    shape: new Int32Array(n),
    flags: new Int32Array(n),
    amb: new Int32Array(n),
    caseB: new Int32Array(n),
    cf: lexicon?.clusters ? new Int32Array(n) : null,
    ck: lexicon?.clusters ? new Int32Array(n) : null,
  };
  const infos = words.map((w) => (cache ? cache.get(w) : wordInfo(w, lexicon)));
  // Headline-style sentences (most long words capitalised) and all-caps sentences.
  let longWords = 0;
  let capWords = 0;
  let upperWords = 0;
  for (const x of infos) {
    const b = x[W_SENT]!;
    if (!b) continue;
    longWords++;
    if (b & 2) capWords++;
    if (b & 4) upperWords++;
  }
  const sentFlags = (longWords >= 2 && capWords >= 0.6 * longWords ? 64 : 0) | (longWords >= 2 && upperWords >= 0.8 * longWords ? 128 : 0);
  for (let i = 0; i < n; i++) {
    const x = infos[i]!;
    h.lower[i] = x[W_LOWER]!;
    h.amb[i] = x[W_AMB]!;
    h.caseB[i] = x[W_CASE]!;
    h.form[i] = x[W_FORM]!;
    h.sfx1[i] = x[W_SFX1]!;
    h.sfx2[i] = x[W_SFX2]!;
    h.sfx3[i] = x[W_SFX3]!;
    h.sfx4[i] = x[W_SFX4]!;
    h.pre1[i] = x[W_PRE1]!;
    h.pre2[i] = x[W_PRE2]!;
    h.shape[i] = x[W_SHAPE]!;
    h.flags[i] = x[W_FLAGS]! | (i === 0 ? 16 : 0) | sentFlags;
    if (h.cf && h.ck) {
      h.cf[i] = x[W_CF]!;
      h.ck[i] = x[W_CK]!;
    }
  }
  return h;
}

/** Build the ambiguity-class lexicon: words seen `minCount`+ times → hash of their tag set. */
export function ambiguityLexicon(entries: ReadonlyArray<readonly [string, string, number]>, clusters: WordClusters | null = null): TaggerLexicon {
  return { amb: new Map(entries.map(([w, a]) => [w, hashString(a)])), caseOf: new Map(entries.map(([w, , c]) => [w, c])), clusters };
}

/** Maximum number of features per token. */
export const MAX_TAGGER_FEATURES = 64;

/** Which features `emit` writes: those of the word alone, those of its context, or all. */
const WORD = 1;
const CONTEXT = 2;

/** One list of templates for the three entry points below (the order is that of training). */
function emit(h: SentenceHashes, i: number, p1: number, p2: number, n1: number, n2: number, out: Uint32Array, part: number): number {
  const n = h.n;
  const wm1 = i > 0 ? h.lower[i - 1]! : PAD;
  const wm2 = i > 1 ? h.lower[i - 2]! : PAD;
  const wp1 = i + 1 < n ? h.lower[i + 1]! : PAD_R;
  const wp2 = i + 2 < n ? h.lower[i + 2]! : PAD_R;
  const w0 = h.lower[i]!;
  const s3 = h.sfx3[i]!;
  let k = 0;
  if (part & WORD) out[k++] = mix1(1, 0);
  if (part & WORD) out[k++] = mix1(2, w0);
  if (part & WORD) out[k++] = mix1(3, h.form[i]!);
  if (part & WORD) out[k++] = mix1(4, h.sfx1[i]!);
  if (part & WORD) out[k++] = mix1(5, h.sfx2[i]!);
  if (part & WORD) out[k++] = mix1(6, s3);
  if (part & WORD) out[k++] = mix1(7, h.sfx4[i]!);
  if (part & WORD) out[k++] = mix1(8, h.pre1[i]!);
  if (part & WORD) out[k++] = mix1(9, h.pre2[i]!);
  if (part & WORD) out[k++] = mix1(10, h.shape[i]!);
  if (part & CONTEXT) out[k++] = mix1(11, h.flags[i]!);
  if (part & CONTEXT) out[k++] = mix1(12, wm1);
  if (part & CONTEXT) out[k++] = mix1(13, wp1);
  if (part & CONTEXT) out[k++] = mix1(14, wm2);
  if (part & CONTEXT) out[k++] = mix1(15, wp2);
  if (part & CONTEXT) out[k++] = mix1(16, i > 0 ? h.sfx3[i - 1]! : PAD);
  if (part & CONTEXT) out[k++] = mix1(17, i + 1 < n ? h.sfx3[i + 1]! : PAD_R);
  if (part & CONTEXT) out[k++] = mix1(18, i + 1 < n ? h.shape[i + 1]! : PAD_R);
  if (part & CONTEXT) out[k++] = mix1(19, i > 0 ? h.shape[i - 1]! : PAD);
  if (part & CONTEXT) out[k++] = mix1(20, p1);
  if (part & CONTEXT) out[k++] = mix1(21, p2);
  if (part & CONTEXT) out[k++] = mix2(22, p1, p2);
  if (part & CONTEXT) out[k++] = mix2(23, p1, w0);
  if (part & CONTEXT) out[k++] = mix2(24, p1, s3);
  if (part & CONTEXT) out[k++] = mix2(25, w0, wp1);
  if (part & CONTEXT) out[k++] = mix2(26, wm1, w0);
  if (part & CONTEXT) out[k++] = mix2(27, p1, wp1);
  if (part & CONTEXT) out[k++] = mix2(28, wp1, wp2);
  if (part & CONTEXT) out[k++] = mix2(29, h.flags[i]!, h.shape[i]!);
  if (part & CONTEXT) out[k++] = mix3(30, wm1, w0, wp1);
  if (part & CONTEXT) out[k++] = mix2(31, h.sfx2[i]!, h.flags[i]!);
  const a0 = h.amb[i]!;
  const am1 = i > 0 ? h.amb[i - 1]! : PAD;
  const ap1 = i + 1 < n ? h.amb[i + 1]! : PAD_R;
  if (part & WORD) out[k++] = mix1(32, a0);
  if (part & CONTEXT) out[k++] = mix2(33, a0, p1);
  if (part & CONTEXT) out[k++] = mix2(34, a0, ap1);
  if (part & CONTEXT) out[k++] = mix2(35, am1, a0);
  if (part & CONTEXT) out[k++] = mix1(36, ap1);
  if (part & WORD) out[k++] = mix2(37, a0, h.sfx3[i]!);
  if (part & CONTEXT) out[k++] = mix3(38, p1, a0, ap1);
  if (part & WORD) out[k++] = mix2(39, a0, w0);
  const capBits = h.flags[i]! & (1 | 2 | 16 | 64 | 128);
  const cb = h.caseB[i]!;
  if (part & CONTEXT) out[k++] = mix2(50, cb, capBits);
  if (part & CONTEXT) out[k++] = mix3(51, cb, capBits, p1);
  if (part & CONTEXT) out[k++] = mix2(52, h.flags[i]! & (64 | 128), h.shape[i]!);
  if (part & CONTEXT) out[k++] = mix2(53, capBits, a0);
  if (part & CONTEXT) out[k++] = mix3(54, cb, capBits, i + 1 < n ? h.flags[i + 1]! & 1 : 2);
  const cf = h.cf;
  if (cf && h.ck) {
    // word clusters: the distributional class of rare and unseen words
    const c0 = cf[i]!;
    const cp1 = i + 1 < n ? cf[i + 1]! : PAD_R;
    if (part & WORD) out[k++] = mix1(60, c0);
    if (part & WORD) out[k++] = mix1(61, h.ck[i]!);
    if (part & WORD) out[k++] = mix2(62, c0, h.sfx2[i]!);
    if (part & CONTEXT) out[k++] = mix1(63, i > 0 ? cf[i - 1]! : PAD);
    if (part & CONTEXT) out[k++] = mix1(64, cp1);
    if (part & CONTEXT) out[k++] = mix2(65, p1, c0);
    if (part & CONTEXT) out[k++] = mix2(66, c0, cp1);
  }
  if (part & CONTEXT && n1 !== -2) {
    out[k++] = mix1(40, n1);
    out[k++] = mix2(41, n1, n2);
    out[k++] = mix2(42, p1, n1);
    out[k++] = mix2(43, n1, w0);
    out[k++] = mix2(44, n1, s3);
    out[k++] = mix3(45, p1, n1, w0);
  }
  return k;
}

/**
 * Write the features of token `i` into `out` and return how many.
 * `p1`, `p2`: predicted tags of i-1, i-2 (-1 = none). `n1`, `n2`: first-pass tags of i+1, i+2
 * (-2 = not available: first pass; -1 = past the end).
 */
export function taggerFeatures(h: SentenceHashes, i: number, p1: number, p2: number, n1: number, n2: number, out: Uint32Array): number {
  return emit(h, i, p1, p2, n1, n2, out, WORD | CONTEXT);
}

/**
 * The features of `taggerFeatures` that depend only on the word itself (bias, form, affixes,
 * shape, ambiguity class): the tagger caches their summed weights per word type.
 */
export function wordFeatures(h: SentenceHashes, i: number, out: Uint32Array): number {
  return emit(h, i, -1, -1, -2, -2, out, WORD);
}

/**
 * The rest of `taggerFeatures` (neighbours, tags, sentence flags): with `wordFeatures`, exactly
 * the same multiset of features.
 */
export function contextFeatures(h: SentenceHashes, i: number, p1: number, p2: number, n1: number, n2: number, out: Uint32Array): number {
  return emit(h, i, p1, p2, n1, n2, out, CONTEXT);
}
