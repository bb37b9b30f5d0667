/**
 * @module nlp/hash
 * 32-bit hashing for statistical features. Strings (word forms, suffixes, shapes) are hashed once
 * per token; feature templates then combine those integers with cheap integer mixing, so feature
 * extraction allocates no strings on the hot path.
 */

/** FNV-1a over UTF-16 code units, finished with a murmur-style avalanche. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h >>> 0;
}

/*
 * The mixers return signed 32-bit integers (the same 32 bits as the unsigned hash): stored in a
 * Uint32Array they are the unsigned feature key. A signed value is a small integer to V8 and
 * crosses a call as it is, where a value ≥ 2^31 would be boxed as a heap number; feature
 * templates make dozens of such calls per parser step (V8 stops inlining them after the first
 * few), so the unsigned form used to allocate on every call.
 */

/** Combine a template id with one value. */
export function mix1(t: number, a: number): number {
  let h = Math.imul(t + 0x9e3779b9, 0xcc9e2d51);
  h = Math.imul(h ^ a, 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  return h | 0;
}

/** Combine a template id with two values. */
export function mix2(t: number, a: number, b: number): number {
  let h = Math.imul(t + 0x9e3779b9, 0xcc9e2d51);
  h = Math.imul(h ^ a, 0x1b873593);
  h ^= h >>> 15;
  h = Math.imul(h ^ b, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}

/** Combine a template id with three values. */
export function mix3(t: number, a: number, b: number, c: number): number {
  return mix2(t, mix2(0x5bd1e995, a, b), c);
}
