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
  // fields are cut out with indexOf, not by splitting every line into an array of strings (the
  // file has 100,000 lines; splitting was most of the tagger's load time)
  let lines = 1;
  for (let p = text.indexOf('\n'); p >= 0; p = text.indexOf('\n', p + 1)) lines++;
  const hashes = new Uint32Array(lines);
  const values = new Int32Array(lines);
  let n = 0;
  let line = 0;
  for (let start = 0; start < text.length; ) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    line++;
    if (end > start && text.charCodeAt(start) !== 35 /* # */) {
      // the first three tab-separated fields, as row.split('\t') would give them
      const t1 = text.indexOf('\t', start);
      const t2 = t1 >= 0 && t1 < end ? text.indexOf('\t', t1 + 1) : -1;
      const t3 = t2 >= 0 && t2 < end ? text.indexOf('\t', t2 + 1) : -1;
      const fi = t1 >= 0 && t1 < end ? Number(text.slice(t1 + 1, t2 >= 0 && t2 < end ? t2 : end)) : NaN;
      const ci = t2 >= 0 && t2 < end ? Number(text.slice(t2 + 1, t3 >= 0 && t3 < end ? t3 : end)) : NaN;
      const wordEnd = t1 >= 0 && t1 < end ? t1 : end;
      if (wordEnd === start || !Number.isInteger(fi) || !Number.isInteger(ci) || fi < 0 || ci < 0 || fi > 0xffff || ci > 0xffff) {
        throw new DossierError('MODEL_MISSING', `clusters: ${source} line ${line}: expected word<TAB>fine id<TAB>coarse id`, { input: source });
      }
      hashes[n] = hashString(text.slice(start, wordEnd));
      values[n] = fi | (ci << 16);
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
