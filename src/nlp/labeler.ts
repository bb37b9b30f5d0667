/**
 * @module nlp/labeler
 * Dependency relation labeller: given a tree from the transition parser, assigns each arc its UD
 * relation with an averaged perceptron over features of the dependent, the head, their distance
 * and direction, the dependent's children, the grandparent and the labels already given to
 * earlier siblings (tokens are labelled left to right). Kept separate from the parser so the
 * parser scores only 3 actions per step, which keeps it fast.
 */
import { mix1, mix2, mix3 } from './hash.ts';

export const MAX_LABEL_FEATURES = 40;

/** Inputs for labelling one sentence. */
export interface LabelInput {
  n: number;
  /** Word hashes, tag ids (+2), suffix hashes, length n. */
  w: Uint32Array;
  p: Uint32Array;
  sfx: Uint32Array;
  /** Heads, -1 = root. */
  heads: Int32Array;
}

/** Children lists computed once per tree. */
export interface TreeIndex {
  lc: Int32Array;
  rc: Int32Array;
  nkids: Int32Array;
}

export function treeIndex(heads: Int32Array): TreeIndex {
  const n = heads.length;
  const lc = new Int32Array(n).fill(-1);
  const rc = new Int32Array(n).fill(-1);
  const nkids = new Int32Array(n);
  for (let d = 0; d < n; d++) {
    const h = heads[d]!;
    if (h < 0) continue;
    nkids[h]!++;
    if (lc[h] === -1 || d < lc[h]!) lc[h] = d;
    if (rc[h] === -1 || d > rc[h]!) rc[h] = d;
  }
  return { lc, rc, nkids };
}

function bucket(d: number): number {
  const a = Math.abs(d);
  const b = a < 4 ? a : a < 7 ? 4 : a < 12 ? 5 : 6;
  return d < 0 ? -b : b;
}

/**
 * Features for labelling the arc into `d`. `prevSib` = label id of the closest earlier sibling
 * (-1 none); `headMask` = bit set of core labels already on the head's earlier children.
 */
export function labelFeatures(x: LabelInput, t: TreeIndex, d: number, prevSib: number, headMask: number, out: Uint32Array): number {
  const h = x.heads[d]!;
  const n = x.n;
  const dw = x.w[d]!;
  const dp = x.p[d]!;
  const hw = h >= 0 ? x.w[h]! : 1;
  const hp = h >= 0 ? x.p[h]! : 1;
  const g = h >= 0 ? x.heads[h]! : -2;
  const gp = g >= 0 ? x.p[g]! : g === -1 ? 1 : 0;
  const dir = h < 0 ? 0 : h < d ? 1 : 2;
  const dist = h < 0 ? 0 : bucket(h - d);
  const lc = t.lc[d]!;
  const rc = t.rc[d]!;
  const lcw = lc >= 0 ? x.w[lc]! : 0;
  const lcp = lc >= 0 ? x.p[lc]! : 0;
  const rcp = rc >= 0 ? x.p[rc]! : 0;
  const prevp = d > 0 ? x.p[d - 1]! : 0;
  const nextp = d + 1 < n ? x.p[d + 1]! : 0;
  let k = 0;
  out[k++] = mix1(1, 0);
  out[k++] = mix1(2, dw);
  out[k++] = mix1(3, dp);
  out[k++] = mix2(4, dw, dp);
  out[k++] = mix1(5, hw);
  out[k++] = mix1(6, hp);
  out[k++] = mix2(7, dp, hp);
  out[k++] = mix3(8, dp, hp, dir);
  out[k++] = mix3(9, dp, hp, dist);
  out[k++] = mix2(10, dw, hp);
  out[k++] = mix2(11, dp, hw);
  out[k++] = mix3(12, dw, hw, dir);
  out[k++] = mix3(13, dw, dp, dir);
  out[k++] = mix2(14, dist, dp);
  out[k++] = mix3(15, dp, hp, gp);
  out[k++] = mix2(16, lcw, dp);
  out[k++] = mix3(17, lcp, dp, hp);
  out[k++] = mix3(18, rcp, dp, dir);
  out[k++] = mix3(19, dp, prevp, nextp);
  out[k++] = mix3(20, dp, hp, prevSib);
  out[k++] = mix3(21, dp, dir, headMask);
  out[k++] = mix3(22, dp, hp, mix2(0, dir, headMask));
  out[k++] = mix2(23, x.sfx[d]!, dp);
  out[k++] = mix3(24, dp, t.nkids[d]!, dir);
  out[k++] = mix3(25, dw, hp, dir);
  out[k++] = mix3(26, dp, hw, dir);
  out[k++] = mix2(27, lcw, lcp);
  out[k++] = mix3(28, dp, lcw, hp);
  out[k++] = mix2(29, prevSib, dir);
  out[k++] = mix3(30, hp, g >= 0 && g < h ? 1 : 2, dp);
  out[k++] = mix3(31, d === 0 ? 1 : 0, dp, hp);
  return k;
}
