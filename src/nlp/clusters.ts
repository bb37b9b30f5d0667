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

/** Parse the TSV text (`word<TAB>fine<TAB>coarse`, `#` comment lines). */
export function parseClusters(text: string, source: string): WordClusters {
  // one map of packed ids (fine | coarse << 16): half the memory of two maps
  const ids = new Map<string, number>();
  let line = 0;
  for (const row of text.split('\n')) {
    line++;
    if (row === '' || row.startsWith('#')) continue;
    const [w, f, c] = row.split('\t');
    const fi = Number(f);
    const ci = Number(c);
    if (!w || !Number.isInteger(fi) || !Number.isInteger(ci) || fi < 0 || ci < 0 || fi > 0xffff || ci > 0xffff) {
      throw new DossierError('MODEL_MISSING', `clusters: ${source} line ${line}: expected word<TAB>fine id<TAB>coarse id`, { input: source });
    }
    ids.set(w, fi | (ci << 16));
  }
  // ids are hashed so that cluster features never collide with word or tag features
  return {
    size: ids.size,
    fine: (w) => {
      const v = ids.get(w);
      return v === undefined ? UNLISTED_FINE : mix1(0x0c105, v & 0xffff);
    },
    coarse: (w) => {
      const v = ids.get(w);
      return v === undefined ? UNLISTED_COARSE : mix1(0x0c0a5, v >>> 16);
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
