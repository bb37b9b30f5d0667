/**
 * @module nlp/bounded-cache
 * A memo table for per-word facts (hashes, shapes, lemmas, partial scores) that news text keeps
 * asking for: values are made on first use and kept until the table is full, then all are
 * dropped at once (cheaper than LRU bookkeeping, and a long run's vocabulary refills it quickly).
 */
export class BoundedCache<K, V> {
  readonly #map = new Map<K, V>();
  readonly #max: number;
  readonly #make: (key: K) => V;

  /** @param max entries kept before the table is cleared; `make` computes a missing value. */
  constructor(max: number, make: (key: K) => V) {
    if (!(max >= 1)) throw new Error(`BoundedCache: max must be at least 1, got ${max}`);
    this.#max = max;
    this.#make = make;
  }

  get size(): number {
    return this.#map.size;
  }

  get(key: K): V {
    let v = this.#map.get(key);
    if (v === undefined) {
      if (this.#map.size >= this.#max) this.#map.clear();
      v = this.#make(key);
      this.#map.set(key, v);
    }
    return v;
  }
}
