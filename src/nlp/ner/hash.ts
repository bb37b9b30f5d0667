/**
 * @module nlp/ner/hash
 * 32-bit hashing for NER features. Features are never built as strings: each token's word,
 * shape and affixes are hashed once, and a feature key is an integer mix of a template number
 * with those hashes. That keeps extraction allocation-free and lookups to one probe in a table.
 */

/** FNV-1a over UTF-16 code units. */
export function hashString(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combine two 32-bit values (murmur3-style finaliser on a rotated xor). */
export function mix(a: number, b: number): number {
  let h = a ^ Math.imul(b, 0x9e3779b1);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  // signed: a small integer to V8, never boxed across a call (the same 32 bits as the unsigned key)
  return h | 0;
}

/** A feature key for template `t` with up to two value hashes. Never 0 (0 marks an empty slot). */
export function featureKey(t: number, a: number, b = 0): number {
  const k = mix(mix(t + 1, a), b);
  return k === 0 ? 1 : k;
}
