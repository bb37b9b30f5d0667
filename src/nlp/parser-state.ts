/**
 * @module nlp/parser-state
 * Arc-hybrid transition system (Kuhlmann et al. 2011) with the root at the end of the buffer
 * (Ballesteros & Nivre 2013), so a sentence gets exactly one root, plus the dynamic oracle of
 * Goldberg & Nivre (2013): the cost of each transition is the number of gold arcs it makes
 * unreachable. Words are 0..n-1; ROOT is n.
 */

export const SHIFT = 0;
export const LEFT = 1;
export const RIGHT = 2;
export const N_ACTIONS = 3;

export class ParseState {
  readonly n: number;
  readonly stack: Int32Array;
  sp = 0;
  /** Front of the buffer (n = ROOT). */
  b = 0;
  /** Head of each word; n = ROOT; -1 = not yet attached. */
  readonly heads: Int32Array;
  /** Leftmost / second-leftmost / rightmost / second-rightmost child, -1 when none. */
  readonly lc1: Int32Array;
  readonly lc2: Int32Array;
  readonly rc1: Int32Array;
  readonly rc2: Int32Array;
  readonly nl: Int32Array;
  readonly nr: Int32Array;
  /** Relation of each attached word (label id), -1 until labelled. */
  readonly labels: Int32Array;
  /** Bit sets of the relations on each word's left / right children (see `setLabel`). */
  readonly lmask: Int32Array;
  readonly rmask: Int32Array;

  constructor(n: number) {
    this.n = n;
    this.stack = new Int32Array(n + 1);
    this.heads = new Int32Array(n).fill(-1);
    this.lc1 = new Int32Array(n + 1).fill(-1);
    this.lc2 = new Int32Array(n + 1).fill(-1);
    this.rc1 = new Int32Array(n + 1).fill(-1);
    this.rc2 = new Int32Array(n + 1).fill(-1);
    this.nl = new Int32Array(n + 1);
    this.nr = new Int32Array(n + 1);
    this.labels = new Int32Array(n + 1).fill(-1);
    this.lmask = new Int32Array(n + 1);
    this.rmask = new Int32Array(n + 1);
  }

  /** Record the relation of attached word `d` (`bit` goes into its head's label set). */
  setLabel(d: number, label: number, bit: number): void {
    this.labels[d] = label;
    const h = this.heads[d]!;
    if (d < h) this.lmask[h]! |= bit;
    else this.rmask[h]! |= bit;
  }

  get terminal(): boolean {
    return this.sp === 0 && this.b === this.n;
  }

  /** Stack item i from the top (0 = s0), or -1. */
  s(i: number): number {
    return this.sp > i ? this.stack[this.sp - 1 - i]! : -1;
  }

  valid(a: number): boolean {
    if (a === SHIFT) return this.b < this.n;
    if (a === LEFT) return this.sp > 0 && (this.b < this.n || this.sp === 1);
    return this.sp > 1;
  }

  #attach(h: number, d: number): void {
    this.heads[d] = h;
    if (d < h) {
      this.nl[h]!++;
      if (this.lc1[h] === -1 || d < this.lc1[h]!) {
        this.lc2[h] = this.lc1[h]!;
        this.lc1[h] = d;
      } else if (this.lc2[h] === -1 || d < this.lc2[h]!) this.lc2[h] = d;
    } else {
      this.nr[h]!++;
      if (this.rc1[h] === -1 || d > this.rc1[h]!) {
        this.rc2[h] = this.rc1[h]!;
        this.rc1[h] = d;
      } else if (this.rc2[h] === -1 || d > this.rc2[h]!) this.rc2[h] = d;
    }
  }

  /** Apply an action; returns the word that was attached (-1 for SHIFT). */
  apply(a: number): number {
    if (a === SHIFT) {
      this.stack[this.sp++] = this.b++;
      return -1;
    }
    const s0 = this.stack[--this.sp]!;
    this.#attach(a === LEFT ? this.b : this.stack[this.sp - 1]!, s0);
    return s0;
  }

  /** Dynamic-oracle cost of action `a` given gold heads (n = ROOT). Assumes `a` is valid. */
  cost(a: number, gold: Int32Array): number {
    const n = this.n;
    const b0 = this.b;
    if (a === SHIFT) {
      let c = 0;
      const s0 = this.s(0);
      for (let i = 0; i < this.sp; i++) {
        const s = this.stack[i]!;
        if (gold[b0] === s && s !== s0) c++;
        if (gold[s] === b0) c++;
      }
      return c;
    }
    const s0 = this.stack[this.sp - 1]!;
    const h = gold[s0]!;
    let c = 0;
    for (let d = b0; d < n; d++) if (gold[d] === s0) c++;
    if (a === LEFT) {
      const s1 = this.s(1);
      if (h !== b0 && (h === s1 || h > b0)) c++;
    } else if (h >= b0) c++;
    return c;
  }
}
