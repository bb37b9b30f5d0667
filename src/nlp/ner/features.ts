/**
 * @module nlp/ner/features
 * Feature extraction for the NER tagger, shared by training and run time so the two can never
 * drift. Each token gets up to `MAX_FEATURES` hashed keys (0 = unused slot): the word and its
 * neighbours, word shapes, affixes, casing habits of the word (how often it is capitalised away
 * from the start of a sentence), position in the sentence, title-case sentences, and gazetteer
 * membership of the token and its neighbours.
 */
import { hashString, featureKey } from './hash.ts';
import { Gazetteer, N_GAZ, normalizeToken } from './gazetteer.ts';
import { BoundedCache, detach } from '../bounded-cache.ts';
import { letterCase } from '../tagger-features.ts';

export const MAX_FEATURES = 64;
/** Bump when templates change: a model trained with other templates must not be loaded. */
export const FEATURES_VERSION = 5;

/** Casing habit of a lower-cased word, learnt from text (not labels): bucket 1..5, 0 unknown. */
export type CasingLexicon = ReadonlyMap<string, number>;

export interface FeatureContext {
  gazetteer: Gazetteer;
  casing: CasingLexicon;
  /** Per-word facts kept across sentences (run time only: news text repeats its words); must use `casing`. */
  words?: BoundedCache<string, WordFacts>;
}

/** What the features need from one token, independent of its sentence. */
export interface WordFacts {
  form: string;
  norm: string;
  hw: number;
  hs: number;
  cap: number;
  casing: number;
  /** Longer than 3 characters and starting with a letter (for the title-case test). */
  alpha: boolean;
}

function wordFacts(t: string, casingLex: CasingLexicon): WordFacts {
  // detached: these facts are cached across documents, and a form that is the token itself would
  // be a view into the whole document it was cut from (see bounded-cache.ts `detach`)
  const form = detach(wordForm(t));
  return {
    form,
    norm: detach(normalizeToken(t)),
    hw: hashString(form),
    hs: hashString(shapeOf(t)),
    cap: letterCase(t) === 1 ? 1 : 0,
    casing: casingLex.get(form) ?? 0,
    alpha: t.length > 3 && startsWithLetter(t),
  };
}

/** Per-word facts kept across sentences, made with the context's casing lexicon. */
export function nerWordCache(casing: CasingLexicon, max = 200_000): BoundedCache<string, WordFacts> {
  return new BoundedCache(max, (t: string) => wordFacts(t, casing));
}
// hashes the templates combine are kept signed (see ner/hash.ts `mix`)
const H_BOS = hashString('<S>') | 0;
const H_EOS = hashString('</S>') | 0;
const H_BOS2 = hashString('<S2>') | 0;
const H_EOS2 = hashString('</S2>') | 0;

/** Word form used for the word features: lower-cased, digits collapsed to 0. */
export function wordForm(t: string): string {
  const lower = t.toLowerCase();
  return /[0-9]/.test(lower) ? lower.replace(/[0-9]/g, '0') : lower;
}

function startsWithLetter(t: string): boolean {
  const c = t.charCodeAt(0) | 32;
  if (c >= 97 && c <= 122) return true;
  return t.charCodeAt(0) >= 128 && /^\p{L}/u.test(t);
}

// FNV-1a over the first `len` code units of s: prefix hashes are built incrementally.
const FNV_OFFSET = 0x811c9dc5;
function fnvStep(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

/** Short word shape: X for upper, x for lower, d for digit, runs collapsed ("Al-Zaman" → "Xx-Xx"). */
export function shapeOf(t: string): string {
  let out = '';
  let prev = '';
  for (const ch of t) {
    let c: string;
    if (ch >= 'a' && ch <= 'z') c = 'x';
    else if (ch >= 'A' && ch <= 'Z') c = 'X';
    else if (ch >= '0' && ch <= '9') c = 'd';
    else if (/\p{Lu}/u.test(ch)) c = 'X';
    else if (/\p{L}/u.test(ch)) c = 'x';
    else c = ch;
    if (c !== prev) out += c;
    prev = c;
  }
  return out;
}

/** Per-sentence precomputation, then keys per token. */
export function extractFeatures(tokens: readonly string[], ctx: FeatureContext): Uint32Array {
  const n = tokens.length;
  const out = new Uint32Array(n * MAX_FEATURES);
  const forms = new Array<string>(n);
  const norm = new Array<string>(n);
  const hw = new Int32Array(n);
  const hs = new Int32Array(n);
  const cap = new Uint8Array(n);
  const casing = new Uint8Array(n);
  let nCap = 0;
  let nAlpha = 0;
  const cache = ctx.words;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    const x = cache ? cache.get(t) : wordFacts(t, ctx.casing);
    forms[i] = x.form;
    norm[i] = x.norm;
    hw[i] = x.hw;
    hs[i] = x.hs;
    cap[i] = x.cap;
    casing[i] = x.casing;
    if (x.alpha) {
      nAlpha++;
      if (x.cap) nCap++;
    }
  }
  // Headlines and all-caps lines: capitalisation says little there.
  const titleCase = nAlpha >= 3 && nCap / nAlpha > 0.7 ? 1 : 0;
  const gaz = ctx.gazetteer.match(norm);
  const w = (i: number): number => (i < 0 ? (i === -1 ? H_BOS : H_BOS2) : i >= n ? (i === n ? H_EOS : H_EOS2) : hw[i]!);
  const s = (i: number): number => (i < 0 ? H_BOS : i >= n ? H_EOS : hs[i]!);

  let base = 0;
  let k = 0;
  const add = (t: number, a: number, b = 0): void => {
    if (k < MAX_FEATURES) out[base + k++] = featureKey(t, a, b);
  };
  for (let i = 0; i < n; i++) {
    base = i * MAX_FEATURES;
    k = 0;
    const f = forms[i]!;
    const first = i === 0 ? 1 : 0;
    add(0, 0);
    add(1, hw[i]!);
    add(2, w(i - 1));
    add(3, w(i + 1));
    add(4, w(i - 2));
    add(5, w(i + 2));
    add(6, hs[i]!);
    add(7, s(i - 1));
    add(8, s(i + 1));
    add(9, s(i - 1), hs[i]!);
    add(10, hs[i]!, s(i + 1));
    const L = f.length;
    // Affixes up to 4 characters, hashed incrementally (suffixes read right to left).
    let hp = FNV_OFFSET;
    let hx = FNV_OFFSET;
    for (let a = 1; a <= 4 && a <= L; a++) {
      hp = fnvStep(hp, f.charCodeAt(a - 1));
      hx = fnvStep(hx, f.charCodeAt(L - a));
      add(10 + a, hp);
      add(14 + a, hx);
    }
    add(19, w(i - 1), hw[i]!);
    add(20, hw[i]!, w(i + 1));
    add(21, first, hs[i]!);
    add(22, casing[i]!, first * 2 + cap[i]!);
    add(23, i > 0 ? casing[i - 1]! : 9, i + 1 < n ? casing[i + 1]! : 9);
    add(24, Math.min(i, 3), cap[i]!);
    add(25, titleCase, hs[i]!);
    add(26, w(i - 1), hs[i]!);
    add(27, hs[i]!, w(i + 1));
    add(28, Math.min(L, 12), cap[i]!);
    add(29, titleCase, casing[i]!);
    add(35, hw[i]!, cap[i]! + 2 * first);
    add(36, w(i - 1), w(i + 1));
    add(37, s(i - 2), s(i - 1));
    add(38, s(i + 1), s(i + 2));
    add(39, hs[i]!, casing[i]!);
    // Gazetteer: position of this token in a match of each category, conjoined with casing;
    // neighbours' categories, and the whole match signature of the token.
    let sig = 0;
    for (let c = 0; c < N_GAZ; c++) {
      const g = gaz[i * N_GAZ + c]!;
      sig = sig * 5 + g;
      if (g !== 0) {
        add(30, c * 8 + g, cap[i]!);
        add(31, c * 8 + g, first * 2 + titleCase);
      }
      const gp = i > 0 ? gaz[(i - 1) * N_GAZ + c]! : 0;
      if (gp !== 0) add(32, c * 8 + gp, cap[i]!);
      const gn = i + 1 < n ? gaz[(i + 1) * N_GAZ + c]! : 0;
      if (gn !== 0) add(33, c * 8 + gn, cap[i]!);
      if (i > 1 && gaz[(i - 2) * N_GAZ + c]! !== 0) add(40, c, cap[i]!);
      if (i + 2 < n && gaz[(i + 2) * N_GAZ + c]! !== 0) add(41, c, cap[i]!);
    }
    if (sig !== 0) add(34, sig, cap[i]!);
  }
  return out;
}
