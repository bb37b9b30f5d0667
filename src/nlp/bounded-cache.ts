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
      // a string value is often the key itself or a slice of it (a lemma, a normalised form)
      if (typeof v === 'string') v = detach(v) as V;
      this.#map.set(typeof key === 'string' ? (detach(key) as K) : key, v);
    }
    return v;
  }
}

/**
 * A copy of `s` that holds no reference to a larger string. V8 makes a token cut from a document
 * with `slice` (13+ characters) a view into the whole document, so a cached token would keep
 * every document it came from alive; concatenating forces a flat copy of the token alone.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
