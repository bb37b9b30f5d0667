/**
 * @module nlp/clusters
 * Word clusters (models/clusters.tsv.gz, built by scripts/build-clusters.ts from GloVe vectors):
 * a fine and a coarse cluster per normalised word. The tagger and parser use them as features
 * that generalise to words the treebanks never showed them ("Fallahzadeh" is unseen in training,
 * but its cluster holds other Iranian surnames). Loaded once, on first use by a model that was
 * trained with them.
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { DossierError } from '../errors.ts';
import { modelPath } from './models.ts';
import { hashString, mix1 } from './hash.ts';

export interface WordClusters {
  /** Number of words listed. */
  size: number;
  /** Feature id of a normalised word's fine cluster (a constant for unlisted words). */
  fine(word: string): number;
  /** Feature id of its coarse cluster. */
  coarse(word: string): number;
}

/** Feature ids of unlisted words, distinct from every cluster's. */
export const UNLISTED_FINE = hashString('<no-cluster>');
export const UNLISTED_COARSE = hashString('<no-coarse-cluster>');

/**
 * Parse the TSV text (`word<TAB>fine<TAB>coarse`, `#` comment lines). Words are kept as 32-bit
 * string hashes in an open-addressing table (a few MB for 200,000 words, where a Map of strings
 * takes tens); the rare hash collision gives the later, less frequent word the earlier one's clusters.
 */
export function parseClusters(text: string, source: string): WordClusters {
  // one pass over the characters (the file has 100,000 lines: splitting them into strings was
  // most of the tagger's load time); a line that is not plain `word<TAB>digits<TAB>digits` goes
  // through `parseRow`, which accepts and rejects exactly what it always did
  let hashes = new Uint32Array(1 << 17);
  let values = new Int32Array(1 << 17);
  let n = 0;
  let line = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    if (end > start && text.charCodeAt(start) !== 35 /* # */) {
      const row = fastRow(text, start, end) ?? parseRow(text.slice(start, end), source, line);
      if (n === hashes.length) {
        hashes = grow(hashes);
        values = grow(values);
      }
      hashes[n] = row[0];
      values[n] = row[1];
      n++;
    }
    start = end + 1;
  }
  let size = 1024;
  while (size < n * 2) size <<= 1;
  const mask = size - 1;
  const keys = new Uint32Array(size);
  const vals = new Int32Array(size).fill(-1);
  let words = 0;
  for (let i = 0; i < n; i++) {
    const h = hashes[i]!;
    const v = values[i]!;
    let slot = h & mask;
    while (vals[slot] !== -1 && keys[slot] !== h) slot = (slot + 1) & mask;
    if (vals[slot] !== -1) continue; // collision: the more frequent word keeps the slot
    keys[slot] = h;
    vals[slot] = v;
    words++;
  }
  const find = (w: string): number => {
    const h = hashString(w);
    let slot = h & mask;
    for (;;) {
      const v = vals[slot]!;
      if (v === -1) return -1;
      if (keys[slot] === h) return v;
      slot = (slot + 1) & mask;
    }
  };
  // ids are hashed so that cluster features never collide with word or tag features
  return {
    size: words,
    fine: (w) => {
      const v = find(w);
      return v < 0 ? UNLISTED_FINE : mix1(0x0c105, v & 0xffff);
    },
    coarse: (w) => {
      const v = find(w);
      return v < 0 ? UNLISTED_COARSE : mix1(0x0c0a5, v >>> 16);
    },
  };
}

/** [hash of the word, fine | coarse << 16] of a plain `word<TAB>digits<TAB>digits` line, or null. */
function fastRow(text: string, start: number, end: number): [number, number] | null {
  // the word: FNV-1a over its UTF-16 code units, as hashString does
  let h = 0x811c9dc5;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 9) break;
    h ^= c;
    h = Math.imul(h, 0x01000193);
  }
  if (i === start || i === end) return null;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  const ids = [0, 0];
  for (let k = 0; k < 2; k++) {
    let v = 0;
    const from = ++i;
    for (; i < end; i++) {
      const c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      v = v * 10 + (c - 48);
    }
    const digits = i - from;
    if (digits === 0 || digits > 5 || v > 0xffff) return null;
    // after the fine id a tab must follow; after the coarse id the line ends
    if (k === 0 ? text.charCodeAt(i) !== 9 || i >= end : i !== end) return null;
    ids[k] = v;
  }
  return [h >>> 0, ids[0]! | (ids[1]! << 16)];
}

/** The general reading of one line (any spacing or number form `Number` accepts). */
function parseRow(row: string, source: string, line: number): [number, number] {
  const [w, f, c] = row.split('\t');
  const fi = Number(f);
  const ci = Number(c);
  if (!w || !Number.isInteger(fi) || !Number.isInteger(ci) || fi < 0 || ci < 0 || fi > 0xffff || ci > 0xffff) {
    throw new DossierError('MODEL_MISSING', `clusters: ${source} line ${line}: expected word<TAB>fine id<TAB>coarse id`, { input: source });
  }
  return [hashString(w), fi | (ci << 16)];
}

function grow<T extends Uint32Array | Int32Array>(a: T): T {
  const b = new (a.constructor as new (n: number) => T)(a.length * 2);
  b.set(a);
  return b;
}

const loaded = new Map<string, WordClusters>();

/**
 * Read a clusters file (default models/clusters.tsv.gz), cached per path.
 * @throws DossierError MODEL_MISSING naming the file.
 */
export function loadClusters(path = modelPath('clusters.tsv.gz')): WordClusters {
  const hit = loaded.get(path);
  if (hit) return hit;
  let text: string;
  try {
    text = gunzipSync(readFileSync(path)).toString('utf8');
  } catch (e) {
    throw new DossierError('MODEL_MISSING', `clusters: cannot read ${path} (${(e as Error).message}); rebuild it with \`node --import tsx scripts/build-clusters.ts\``, { input: path });
  }
  const c = parseClusters(text, path);
  loaded.set(path, c);
  return c;
}
