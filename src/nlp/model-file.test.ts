/**
 * Specs of the model file format (model-file.ts): plain and gzipped files, damaged files, and
 * models stored as prebuilt integer tables (`tableArrays`), which must score exactly like the
 * same model stored as plain arrays.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SparseModel } from './perceptron.ts';
import { readModelFile, sparseArrays, sparseFrom, tableArrays, writeModelFile } from './model-file.ts';
import { isDossierError } from '../errors.ts';
import { mulberry32 } from './random.ts';
import { inTmpDir, trainRandom } from './model-fixtures.ts';

/** A perceptron of K classes trained on random examples, in its sparse form. */
function randomModel(K: number, n: number, range: number, steps: number, seed: number): SparseModel {
  return trainRandom(K, n, range, steps, mulberry32(seed)).toSparse();
}

const corrupt = (path: string) => (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && e.message.includes(path) && e.message.includes('corrupt');

test('a model file is plain unless its name ends in .gz, and both forms read back the same', () => {
  inTmpDir((dir) => {
    const m = randomModel(3, 4, 50, 200, 1);
    const plain = join(dir, 'toy.bin');
    const gz = join(dir, 'toy.bin.gz');
    const plainBytes = writeModelFile(plain, { kind: 'toy' }, sparseArrays('m', m));
    const gzBytes = writeModelFile(gz, { kind: 'toy' }, sparseArrays('m', m));
    const head = readFileSync(plain);
    assert.equal(head.length, plainBytes);
    assert.equal(head.readUInt32LE(0), 0x4c4e5344, 'a plain file starts with the container magic');
    assert.deepEqual([...readFileSync(gz).subarray(0, 2)], [0x1f, 0x8b], 'a .gz file is gzipped');
    assert.ok(gzBytes < plainBytes);
    const a = readModelFile(plain, 'toy');
    const b = readModelFile(gz, 'toy');
    assert.deepEqual(a.meta, b.meta);
    assert.deepEqual([...a.arrays.keys()], [...b.arrays.keys()]);
    for (const [k, v] of a.arrays) assert.deepEqual([...v], [...b.arrays.get(k)!], k);
    assert.deepEqual([...a.quantized.get('m.w')!.q], [...b.quantized.get('m.w')!.q]);
  });
});

test('a truncated or foreign plain model file fails with MODEL_MISSING saying it is corrupt', () => {
  inTmpDir((dir) => {
    // regression: a small file's Buffer is a view into a shared pool, so a truncated file's last
    // array used to be read from whatever followed it instead of failing
    const path = join(dir, 'toy.bin');
    const n = writeModelFile(path, { kind: 'toy' }, sparseArrays('m', randomModel(3, 4, 50, 200, 2)));
    const full = readFileSync(path);
    writeFileSync(path, full.subarray(0, n - 10));
    assert.throws(() => readModelFile(path, 'toy'), corrupt(path));
    writeFileSync(path, full.subarray(0, 5));
    assert.throws(() => readModelFile(path, 'toy'), corrupt(path));
    writeFileSync(path, 'word\tcluster\n');
    assert.throws(() => readModelFile(path, 'toy'), corrupt(path));
  });
});

/** Scores of `a` and `b` are exactly equal on random feature lists that include unseen features. */
function assertSameScores(a: SparseModel, b: SparseModel, K: number, range: number, seed: number): void {
  const rnd = mulberry32(seed);
  const feats = new Uint32Array(12);
  const sa = new Float32Array(K);
  const sb = new Float32Array(K);
  for (let t = 0; t < 300; t++) {
    for (let j = 0; j < feats.length; j++) feats[j] = 1 + Math.floor(rnd() * range * 1.2);
    a.score(feats, feats.length, sa);
    b.score(feats, feats.length, sb);
    assert.deepEqual([...sb], [...sa], `scores of ${[...feats].join(',')}`);
  }
}

test('a model stored as a prebuilt table scores exactly as the same model stored as arrays (both layouts)', () => {
  inTmpDir((dir) => {
    for (const K of [2, 3, 40]) {
      const m = randomModel(K, 8, 500, 3000, 10 + K);
      const arrays = join(dir, `a${K}.bin`);
      const table = join(dir, `t${K}.bin`);
      writeModelFile(arrays, { kind: 'toy' }, sparseArrays('m', m));
      writeModelFile(table, { kind: 'toy' }, tableArrays('m', m));
      const c = readModelFile(table, 'toy');
      assert.ok(c.arrays.has('m.slots') && !c.arrays.has('m.keys'), 'the table file holds the table, not the arrays');
      assertSameScores(sparseFrom(readModelFile(arrays, 'toy'), 'm', K, arrays), sparseFrom(c, 'm', K, table), K, 500, K);
    }
  });
});

test('a big prebuilt table keeps its int16-overflowing differences, and one saved with a Bloom filter (before 2026-12-04) still loads', () => {
  inTmpDir((dir) => {
    // 140,000 features (the parser's size class), one with differences beyond int16
    const N = 140_000;
    const keys = new Uint32Array(N);
    const offs = new Uint32Array(N + 1);
    const cls: number[] = [];
    const w: number[] = [];
    for (let i = 0; i < N; i++) {
      keys[i] = (Math.imul(i + 1, 0x9e3779b1) >>> 0) | 1; // distinct, odd
      if (i === 7) {
        cls.push(0, 2);
        w.push(4, -4);
      } else {
        cls.push(i % 3);
        w.push(((i % 5) - 2) / 4);
      }
      offs[i + 1] = cls.length;
    }
    const m = new SparseModel(3, keys, offs, Uint8Array.from(cls), Float32Array.from(w));
    const arrays = join(dir, 'big-arrays.bin');
    const table = join(dir, 'big-table.bin');
    writeModelFile(arrays, { kind: 'toy' }, sparseArrays('m', m));
    writeModelFile(table, { kind: 'toy' }, tableArrays('m', m));
    const c = readModelFile(table, 'toy');
    assert.equal(c.arrays.has('m.bloom'), false, 'no Bloom filter stored (lookups go to the table)');
    assert.equal(c.arrays.get('m.wide')!.length, 3, 'one wide feature stored');
    const a = sparseFrom(readModelFile(arrays, 'toy'), 'm', 3, arrays);
    const b = sparseFrom(c, 'm', 3, table);
    const sa = new Float32Array(3);
    const sb = new Float32Array(3);
    for (let i = 0; i < N; i += 53) {
      for (const f of [keys[i]!, keys[i]! + 1, keys[7]!]) {
        a.score([f, keys[(i * 7) % N]!], 2, sa);
        b.score([f, keys[(i * 7) % N]!], 2, sb);
        assert.deepEqual([...sb], [...sa], `features ${f}, ${keys[(i * 7) % N]}`);
      }
    }
    b.score([keys[7]!], 1, sb);
    assert.ok(Math.abs(sb[0]! - sb[2]! - 8) < 1e-3, `wide feature: class 0 − class 2 = 8, got ${sb[0]! - sb[2]!}`);
    // an older file's Bloom filter array is ignored: same scores
    const old = join(dir, 'big-table-bloom.bin');
    writeModelFile(old, { kind: 'toy' }, { ...tableArrays('m', m), 'm.bloom': new Int32Array(65536).fill(-1) });
    const o = sparseFrom(readModelFile(old, 'toy'), 'm', 3, old);
    for (let i = 0; i < N; i += 97) {
      o.score([keys[i]!, keys[i]! + 1], 2, sa);
      b.score([keys[i]!, keys[i]! + 1], 2, sb);
      assert.deepEqual([...sa], [...sb], `feature ${keys[i]} in the older file`);
    }
  });
});

test('a prebuilt table cannot give plain weights, and a damaged one fails naming the file', () => {
  inTmpDir((dir) => {
    const path = join(dir, 'table.bin');
    const t = tableArrays('m', randomModel(3, 4, 50, 200, 3));
    writeModelFile(path, { kind: 'toy' }, t);
    assert.throws(() => sparseFrom(readModelFile(path, 'toy'), 'm', 3, path, true), (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && e.message.includes(path) && e.message.includes('prebuilt table'));
    // a slot array whose length is not 2 × a power of two
    const slots = t['m.slots'] as { ints: Int32Array; scale: number };
    writeModelFile(path, { kind: 'toy' }, { ...t, 'm.slots': { ints: slots.ints.subarray(0, slots.ints.length - 2), scale: slots.scale } });
    assert.throws(() => sparseFrom(readModelFile(path, 'toy'), 'm', 3, path), corrupt(path));
    // a table for 3 classes read as a model of 40 (or of 2: same layout, other meaning)
    writeModelFile(path, { kind: 'toy' }, t);
    for (const K of [40, 2]) assert.throws(() => sparseFrom(readModelFile(path, 'toy'), 'm', K, path), (e: unknown) => corrupt(path)(e) && (e as Error).message.includes(`built for 3 classes read as a model of ${K}`));
  });
});
