/**
 * @module nlp/parser-features
 * Feature templates of the transition parser, after Zhang & Nivre (2011): words and tags of the
 * top of the stack (s0..s2) and the buffer (b0..b2), their left/right-most children, distance
 * and valency, and combinations of them. Words and tags are integers (hashes / tag ids, plus the
 * coarse UPOS as a back-off for fine-tag errors) computed once per sentence; templates are mixed
 * into 32-bit feature hashes.
 */
import { mix1, mix2, mix3 } from './hash.ts';
import type { ParseState } from './parser-state.ts';

/** What the parser knows about each word: lower-cased form hash and tag id. */
export interface ParserInput {
  n: number;
  /** Word hashes (index n = ROOT). */
  w: Int32Array;
  /** Tag ids + 2 (0 = none, 1 = ROOT). */
  p: Int32Array;
  /** Coarse UPOS ids + 2 (0 = none, 1 = ROOT): back-off when the joint tag is wrong only in XPOS. */
  u: Int32Array;
  /** mix1(w, p) per word: the word·tag features, hashed once per sentence instead of per step. */
  wp: Int32Array;
  /** Whether the coarse-UPOS templates are used (a model trained with them says so in its meta). */
  coarse: boolean;
  /** Fine / coarse word-cluster ids (nlp/clusters.ts), when the model uses clusters; index n = ROOT. */
  c: Int32Array | null;
  k: Int32Array | null;
  /** Prefix counts: verbs / punctuation marks among words [0, i). */
  verbs: Uint16Array;
  puncts: Uint16Array;
}

/**
 * Per-tag flags for the "between" features: 1 = verb or auxiliary, 2 = punctuation; bits 2+ hold
 * the index of the tag's UPOS (in order of first appearance in `tags`).
 */
export function tagFlags(tags: readonly string[]): Uint8Array {
  const upos = new Map<string, number>();
  return Uint8Array.from(tags, (t) => {
    const u = t.split('\t')[0]!;
    if (!upos.has(u)) upos.set(u, upos.size);
    return (upos.get(u)! << 2) | (/^(VERB|AUX)\t/.test(t) ? 1 : /^PUNCT\t/.test(t) ? 2 : 0);
  });
}

export const MAX_PARSER_FEATURES = 150;

const NONE_W = 0x1234567;
const ROOT_W = 0x7654321;

/** Cluster ids of a sentence's words (fine, coarse), for `parserInput`. */
export interface SentenceClusters {
  fine: ArrayLike<number>;
  coarse: ArrayLike<number>;
}

export function parserInput(wordHashes: ArrayLike<number>, tags: ArrayLike<number>, flags: Uint8Array, coarse = false, clusters: SentenceClusters | null = null): ParserInput {
  const n = wordHashes.length;
  const w = new Int32Array(n + 1);
  const p = new Int32Array(n + 1);
  const u = new Int32Array(n + 1);
  const verbs = new Uint16Array(n + 2);
  const puncts = new Uint16Array(n + 2);
  for (let i = 0; i < n; i++) {
    w[i] = wordHashes[i]!;
    p[i] = tags[i]! + 2;
    const f = flags[tags[i]!] ?? 0;
    u[i] = (f >> 2) + 2;
    verbs[i + 1] = verbs[i]! + (f & 1);
    puncts[i + 1] = puncts[i]! + ((f >> 1) & 1);
  }
  verbs[n + 1] = verbs[n]!;
  puncts[n + 1] = puncts[n]!;
  w[n] = ROOT_W;
  p[n] = 1;
  u[n] = 1;
  const wp = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) wp[i] = mix1(w[i]!, p[i]!);
  let c: Int32Array | null = null;
  let k: Int32Array | null = null;
  if (clusters) {
    c = new Int32Array(n + 1);
    k = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) {
      c[i] = clusters.fine[i]!;
      k[i] = clusters.coarse[i]!;
    }
    c[n] = ROOT_W;
    k[n] = ROOT_W;
  }
  return { n, w, p, u, wp, coarse, c, k, verbs, puncts };
}

/** How many of the words strictly between i < j are verbs / punctuation (capped at 2). */
function between(pre: Uint16Array, i: number, j: number): number {
  if (i < 0 || j <= i + 1) return 0;
  const c = pre[j]! - pre[i + 1]!;
  return c > 2 ? 2 : c;
}

function wd(W: Int32Array, i: number): number {
  return i < 0 ? NONE_W : W[i]!;
}

const NONE_WP = mix1(NONE_W, 0);

function wpd(WP: Int32Array, i: number): number {
  return i < 0 ? NONE_WP : WP[i]!;
}

function pd(P: Int32Array, i: number): number {
  return i < 0 ? 0 : P[i]!;
}

function lab(L: Int32Array, i: number): number {
  return i < 0 ? 0 : L[i]! + 2;
}

function dist(d: number): number {
  if (d < 5) return d;
  if (d < 8) return 5;
  if (d < 12) return 6;
  return 7;
}

/**
 * Features of the buffer front alone (words, tags and clusters of b0..b2, not b0's children), from
 * `out[k]` on; returns the new count. They stay the same while b0 does (every LEFT and RIGHT
 * keeps it), so the parser scores them once per b0 (`Parser.parseHeads`).
 */
export function bufferFeatures(x: ParserInput, b0: number, out: Uint32Array, k: number): number {
  const W = x.w;
  const P = x.p;
  const b1 = b0 + 1 <= x.n ? b0 + 1 : -1;
  const b2 = b0 + 2 <= x.n ? b0 + 2 : -1;
  const b0w = W[b0]!, b0p = P[b0]!, b1w = wd(W, b1), b1p = pd(P, b1), b2w = wd(W, b2), b2p = pd(P, b2);
  const b0wp = x.wp[b0]!;
  out[k++] = mix1(1, 0);
  out[k++] = mix1(9, b0w);
  out[k++] = mix1(10, b0p);
  out[k++] = mix1(11, b0wp);
  out[k++] = mix1(12, b1w);
  out[k++] = mix1(13, b1p);
  out[k++] = mix2(14, b1w, b1p);
  out[k++] = mix1(15, b2p);
  out[k++] = mix1(16, b2w);
  out[k++] = mix2(27, b0p, b1p);
  out[k++] = mix2(35, b0wp, b1p);
  out[k++] = mix2(36, b0p, wpd(x.wp, b1));
  out[k++] = mix3(40, b0p, b1p, b2p);
  if (x.c) {
    const b0c = x.c[b0]!;
    const b1c = wd(x.c, b1);
    out[k++] = mix1(131, b0c);
    out[k++] = mix1(133, b1c);
  }
  return k;
}

/** Write the features of the current configuration into `out`; returns the count. */
export function parserFeatures(x: ParserInput, st: ParseState, out: Uint32Array): number {
  return configFeatures(x, st, out, bufferFeatures(x, st.b, out, 0));
}

/** The features of the configuration other than `bufferFeatures`, from `out[k]` on; returns the new count. */
export function configFeatures(x: ParserInput, st: ParseState, out: Uint32Array, k: number): number {
  const W = x.w;
  const P = x.p;
  const s0 = st.s(0);
  const s1 = st.s(1);
  const s2 = st.s(2);
  const b0 = st.b;
  const b1 = b0 + 1 <= x.n ? b0 + 1 : -1;
  const s0w = wd(W, s0), s0p = pd(P, s0), s1w = wd(W, s1), s1p = pd(P, s1), s2p = pd(P, s2);
  const b0w = W[b0]!, b0p = P[b0]!, b1p = pd(P, b1);
  const s0L = s0 >= 0 ? st.lc1[s0]! : -1;
  const s0L2 = s0 >= 0 ? st.lc2[s0]! : -1;
  const s0R = s0 >= 0 ? st.rc1[s0]! : -1;
  const s0R2 = s0 >= 0 ? st.rc2[s0]! : -1;
  const s1R = s1 >= 0 ? st.rc1[s1]! : -1;
  const s1L = s1 >= 0 ? st.lc1[s1]! : -1;
  const b0L = st.lc1[b0]!;
  const b0L2 = st.lc2[b0]!;
  const s0Lp = pd(P, s0L), s0Rp = pd(P, s0R), b0Lp = pd(P, b0L), s1Rp = pd(P, s1R);
  const d = s0 >= 0 ? dist(b0 - s0) : 0;
  const d1 = s1 >= 0 ? dist(s0 - s1) : 0;
  const s0vl = s0 >= 0 ? st.nl[s0]! : 0;
  const s0vr = s0 >= 0 ? st.nr[s0]! : 0;
  const b0vl = st.nl[b0]!;
  const s0wp = wpd(x.wp, s0);
  const b0wp = x.wp[b0]!;
  const s1wp = wpd(x.wp, s1);
  const depth = Math.min(st.sp, 3);
  // unigrams
  out[k++] = mix1(2, s0w);
  out[k++] = mix1(3, s0p);
  out[k++] = mix1(4, s0wp);
  out[k++] = mix1(5, s1w);
  out[k++] = mix1(6, s1p);
  out[k++] = mix1(7, s1wp);
  out[k++] = mix1(8, s2p);
  // pairs
  out[k++] = mix2(20, s0wp, b0wp);
  out[k++] = mix2(21, s0wp, b0w);
  out[k++] = mix2(22, s0w, b0wp);
  out[k++] = mix2(23, s0wp, b0p);
  out[k++] = mix2(24, s0p, b0wp);
  out[k++] = mix2(25, s0w, b0w);
  out[k++] = mix2(26, s0p, b0p);
  out[k++] = mix2(28, s1p, s0p);
  out[k++] = mix2(29, s1w, s0w);
  out[k++] = mix2(30, s1wp, s0p);
  out[k++] = mix2(31, s1p, s0wp);
  out[k++] = mix2(32, s1wp, s0wp);
  out[k++] = mix2(33, s1p, b0p);
  out[k++] = mix2(34, s1w, b0w);
  // triples
  out[k++] = mix3(41, s0p, b0p, b1p);
  out[k++] = mix3(42, s1p, s0p, b0p);
  out[k++] = mix3(43, s0p, s0Lp, b0p);
  out[k++] = mix3(44, s0p, s0Rp, b0p);
  out[k++] = mix3(45, s0p, b0p, b0Lp);
  out[k++] = mix3(46, s1p, s0p, s0Lp);
  out[k++] = mix3(47, s1p, s0p, s0Rp);
  out[k++] = mix3(48, s1p, s1Rp, s0p);
  out[k++] = mix3(49, s2p, s1p, s0p);
  out[k++] = mix3(50, s1p, s0w, b0p);
  out[k++] = mix3(51, s1p, s0p, b0w);
  out[k++] = mix3(52, s1w, s0p, b0p);
  out[k++] = mix3(53, s0w, b0p, b1p);
  out[k++] = mix3(54, s0p, b0w, b1p);
  out[k++] = mix3(55, s1p, pd(P, s1L), s0p);
  // distance
  out[k++] = mix2(60, s0w, d);
  out[k++] = mix2(61, s0p, d);
  out[k++] = mix2(62, b0w, d);
  out[k++] = mix2(63, b0p, d);
  out[k++] = mix3(64, s0w, b0w, d);
  out[k++] = mix3(65, s0p, b0p, d);
  out[k++] = mix3(66, s1p, s0p, d1);
  out[k++] = mix3(67, s1w, s0w, d1);
  // valency
  out[k++] = mix2(70, s0w, s0vr);
  out[k++] = mix2(71, s0p, s0vr);
  out[k++] = mix2(72, s0w, s0vl);
  out[k++] = mix2(73, s0p, s0vl);
  out[k++] = mix2(74, b0w, b0vl);
  out[k++] = mix2(75, b0p, b0vl);
  out[k++] = mix3(76, s0p, b0p, mix2(0, s0vl, s0vr));
  // children
  out[k++] = mix1(80, wd(W, s0L));
  out[k++] = mix1(81, s0Lp);
  out[k++] = mix1(82, wd(W, s0R));
  out[k++] = mix1(83, s0Rp);
  out[k++] = mix1(84, wd(W, b0L));
  out[k++] = mix1(85, b0Lp);
  out[k++] = mix1(86, s1Rp);
  out[k++] = mix1(87, pd(P, s0L2));
  out[k++] = mix1(88, pd(P, s0R2));
  out[k++] = mix1(89, pd(P, b0L2));
  out[k++] = mix3(90, s0p, s0Lp, pd(P, s0L2));
  out[k++] = mix3(91, s0p, s0Rp, pd(P, s0R2));
  out[k++] = mix3(92, b0p, b0Lp, pd(P, b0L2));
  out[k++] = mix2(93, s0wp, s0Rp);
  out[k++] = mix2(94, s0wp, s0Lp);
  out[k++] = mix2(95, b0wp, b0Lp);
  // stack depth (root handling)
  out[k++] = mix2(96, depth, b0p);
  out[k++] = mix3(97, depth, s0p, b0p);
  // relations already assigned (Zhang & Nivre's label features)
  const L = st.labels;
  const s0Ll = lab(L, s0L), s0Rl = lab(L, s0R), b0Ll = lab(L, b0L);
  out[k++] = mix2(100, s0p, s0Ll);
  out[k++] = mix2(101, s0p, s0Rl);
  out[k++] = mix2(102, b0p, b0Ll);
  out[k++] = mix2(103, s1p, lab(L, s1R));
  out[k++] = mix3(104, s0p, s0Ll, lab(L, s0L2));
  out[k++] = mix3(105, s0p, s0Rl, lab(L, s0R2));
  out[k++] = mix3(106, b0p, b0Ll, lab(L, b0L2));
  out[k++] = mix2(107, s0w, s0 >= 0 ? st.lmask[s0]! : -1);
  out[k++] = mix3(108, s0p, s0 >= 0 ? st.lmask[s0]! : -1, s0 >= 0 ? st.rmask[s0]! : -1);
  out[k++] = mix2(109, b0p, st.lmask[b0]!);
  out[k++] = mix2(110, s1p, s1 >= 0 ? st.rmask[s1]! : -1);
  out[k++] = mix3(111, s0p, b0p, mix2(0, s0Ll, b0Ll));
  // verbs and punctuation between the candidates (clause boundaries)
  const vb = between(x.verbs, s0, b0);
  const pb = between(x.puncts, s0, b0);
  const vs = between(x.verbs, s1, s0);
  const ps = between(x.puncts, s1, s0);
  out[k++] = mix3(112, s0p, b0p, vb);
  out[k++] = mix3(113, s0p, b0p, pb);
  out[k++] = mix3(114, s1p, s0p, vs);
  out[k++] = mix3(115, s1p, s0p, ps);
  out[k++] = mix3(116, vb, pb, mix2(0, vs, ps));
  out[k++] = mix3(117, s0w, b0p, mix2(0, vb, pb));
  if (x.coarse) {
    // coarse UPOS back-off: stays right when the tagger gets only the fine tag (XPOS) wrong
    const U = x.u;
    const s0u = pd(U, s0), s1u = pd(U, s1), b0u = pd(U, b0), b1u = pd(U, b1);
    out[k++] = mix2(120, s0u, b0u);
    out[k++] = mix3(121, s1u, s0u, b0u);
    out[k++] = mix3(122, s0u, b0u, b1u);
    out[k++] = mix2(123, s0w, b0u);
    out[k++] = mix2(124, s0u, b0w);
    out[k++] = mix3(125, s0u, b0u, d);
  }
  if (x.c && x.k) {
    // word clusters: what the word is like, for words seen rarely or never in the treebanks
    const C = x.c;
    const K = x.k;
    const s0c = wd(C, s0), s1c = wd(C, s1), b0c = wd(C, b0);
    const s0k = wd(K, s0), s1k = wd(K, s1), b0k = wd(K, b0), b1k = wd(K, b1);
    out[k++] = mix1(130, s0c);
    out[k++] = mix1(132, s1c);
    out[k++] = mix2(134, s0c, b0c);
    out[k++] = mix2(135, s0c, b0p);
    out[k++] = mix2(136, s0p, b0c);
    out[k++] = mix2(137, s1c, s0c);
    out[k++] = mix3(138, s1k, s0k, b0k);
    out[k++] = mix3(139, s0k, b0k, b1k);
    out[k++] = mix3(140, s0k, b0k, d);
    out[k++] = mix3(141, s0p, b0p, mix2(0, s0k, b0k));
  }
  return k;
}

export const MAX_ARC_LABEL_FEATURES = 20;

/** Features for labelling the arc just made, head `h` → dependent `d` (subtree of d is complete). */
export function arcLabelFeatures(x: ParserInput, st: ParseState, h: number, d: number, out: Uint32Array): number {
  const dw = x.w[d]!;
  const dp = x.p[d]!;
  const hw = x.w[h]!;
  const hp = x.p[h]!;
  const dir = h < d ? 1 : 2;
  const dd = dist(Math.abs(h - d));
  const lc = st.lc1[d]!;
  const rc = st.rc1[d]!;
  const L = st.labels;
  const side = d < h ? st.lmask[h]! : st.rmask[h]!;
  let k = 0;
  out[k++] = mix1(201, dp);
  out[k++] = mix2(202, dw, dp);
  out[k++] = mix3(203, dp, hp, dir);
  out[k++] = mix3(204, dw, hp, dir);
  out[k++] = mix3(205, dp, hw, dir);
  out[k++] = mix3(206, dp, hp, dd);
  out[k++] = mix2(207, dp, lab(L, lc));
  out[k++] = mix2(208, dp, lab(L, rc));
  out[k++] = mix3(209, dp, st.lmask[d]!, st.rmask[d]!);
  out[k++] = mix3(210, hp, dp, side);
  out[k++] = mix2(211, lc >= 0 ? x.w[lc]! : 0, dp);
  out[k++] = mix3(212, dp, hp, lab(L, lc));
  out[k++] = mix3(213, dw, hw, dir);
  out[k++] = mix2(214, mix2(0, dp, dir), h === x.n ? 1 : 0);
  out[k++] = mix3(215, dp, lc >= 0 ? x.p[lc]! : 0, rc >= 0 ? x.p[rc]! : 0);
  if (x.c) {
    out[k++] = mix3(216, x.c[d]!, hp, dir);
    out[k++] = mix3(217, dp, x.c[h]!, dir);
  }
  return k;
}

