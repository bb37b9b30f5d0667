import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SparseModel, argmax, intTableSize } from './perceptron.ts';
import { AveragedPerceptron } from './averaged-perceptron.ts';
import { dequantize, readModelFile, sparseArrays, sparseFrom, writeModelFile } from './model-file.ts';
import { isDossierError } from '../errors.ts';
import { mulberry32 } from './random.ts';
import { inTmpDir, trainRandom } from './model-fixtures.ts';

function trainToy(): AveragedPerceptron {
  // class = which of features 10/20/30 is present; feature 99 is noise on every example
  const ap = new AveragedPerceptron(3);
  const scores = new Float32Array(3);
  for (let ep = 0; ep < 5; ep++) {
    for (const [f, gold] of [[10, 0], [20, 1], [30, 2]] as const) {
      const feats = [f, 99];
      ap.score(feats, 2, scores);
      ap.update(feats, 2, gold, argmax(scores, 3));
      ap.tick();
    }
  }
  return ap;
}

test('the averaged perceptron learns a separable problem and its sparse form agrees', () => {
  const m = trainToy().toSparse();
  const s = new Float32Array(3);
  for (const [f, gold] of [[10, 0], [20, 1], [30, 2]] as const) {
    m.score([f, 99], 2, s);
    assert.equal(argmax(s, 3), gold);
  }
  m.score([12345], 1, s);
  assert.deepEqual([...s], [0, 0, 0], 'unknown features score nothing');
});

test('argmax respects the validity filter', () => {
  assert.equal(argmax(Float32Array.from([5, 1, 3]), 3, (k) => k !== 0), 2);
});

test('model files round-trip and a missing file fails with MODEL_MISSING naming it', () => {
  inTmpDir((dir) => {
    const m = trainToy().toSparse();
    const path = join(dir, 'toy.bin.gz');
    writeModelFile(path, { kind: 'toy', classes: ['a', 'b', 'c'] }, sparseArrays('m', m));
    const c = readModelFile<{ kind: string; classes: string[] }>(path, 'toy');
    assert.deepEqual(c.meta.classes, ['a', 'b', 'c']);
    const back = sparseFrom(c, 'm', 3, path);
    const s = new Float32Array(3);
    back.score([20, 99], 2, s);
    assert.equal(argmax(s, 3), 1);
    assert.throws(() => readModelFile(join(dir, 'nope.bin.gz'), 'toy'), (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && e.message.includes('nope.bin.gz'));
  });
});

test('a model loaded from its int16 file scores like the float model it was saved from (both layouts)', () => {
  inTmpDir((dir) => {
    // random sparse models: 3 classes (inline slots) and 40 classes (packed class/weight runs)
    const rnd = mulberry32(12345);
    for (const K of [2, 3, 40]) {
      const ap = new AveragedPerceptron(K);
      const scores = new Float32Array(K);
      const feats = new Uint32Array(8);
      for (let step = 0; step < 3000; step++) {
        for (let j = 0; j < 8; j++) feats[j] = 1 + Math.floor(rnd() * 500);
        ap.score(feats, 8, scores);
        ap.update(feats, 8, Math.floor(rnd() * K), argmax(scores, K));
        ap.tick();
      }
      const m = ap.toSparse();
      const path = join(dir, `r${K}.bin.gz`);
      writeModelFile(path, { kind: 'toy' }, sparseArrays('m', m));
      const back = sparseFrom(readModelFile(path, 'toy'), 'm', K, path);
      const a = new Float32Array(K);
      const b = new Float32Array(K);
      let maxAbs = 0;
      for (const x of m.w) maxAbs = Math.max(maxAbs, Math.abs(x));
      for (let t = 0; t < 200; t++) {
        for (let j = 0; j < 8; j++) feats[j] = 1 + Math.floor(rnd() * 600); // some unseen
        m.score(feats, 8, a);
        back.score(feats, 8, b);
        // up to 3 classes the loaded model keeps differences to the last class (a common shift)
        const ref = K <= 3 ? K - 1 : -1;
        const shift = (v: Float32Array, c: number) => (ref < 0 ? v[c]! : v[c]! - v[ref]!);
        const tol = (16 * maxAbs) / 32767 + 1e-6;
        for (let c = 0; c < K; c++) assert.ok(Math.abs(shift(a, c) - shift(b, c)) <= tol, `K=${K} class ${c}: ${a[c]} vs ${b[c]}`);
      }
    }
  });
});

test('inline models keep weight differences that overflow int16 exactly', () => {
  inTmpDir((dir) => {
    // feature 7: +max for class 0, -max for class 2 (difference 2·32767); feature 8: ordinary
    const m = new SparseModel(3, Uint32Array.from([7, 8]), Uint32Array.from([0, 2, 3]), Uint8Array.from([0, 2, 1]), Float32Array.from([4, -4, 1]));
    const path = join(dir, 'wide.bin.gz');
    writeModelFile(path, { kind: 'toy' }, sparseArrays('m', m));
    const back = sparseFrom(readModelFile(path, 'toy'), 'm', 3, path);
    const s = new Float32Array(3);
    back.score([7, 8], 2, s);
    assert.ok(Math.abs(s[0]! - s[2]! - 8) < 1e-3, `class 0 − class 2 = 8, got ${s[0]! - s[2]!}`);
    assert.ok(Math.abs(s[1]! - s[2]! - 5) < 1e-3, `class 1 − class 2 = 5, got ${s[1]! - s[2]!}`);
  });
});

test('big inline models find every learnt feature and nothing else (absent keys probe past full slots)', () => {
  inTmpDir((dir) => {
    const N = 150_000; // the parser's size class
    const keys = new Uint32Array(N);
    const offs = new Uint32Array(N + 1);
    const cls = new Uint8Array(N);
    const w = new Float32Array(N);
    for (let i = 0; i < N; i++) {
      keys[i] = (Math.imul(i + 1, 0x9e3779b1) >>> 0) | 1; // distinct, odd
      offs[i + 1] = i + 1;
      cls[i] = i % 2; // class 0 or 1 gets +1 (class 2 is the reference)
      w[i] = 1;
    }
    const path = join(dir, 'big.bin.gz');
    writeModelFile(path, { kind: 'toy' }, sparseArrays('m', new SparseModel(3, keys, offs, cls, w)));
    const back = sparseFrom(readModelFile(path, 'toy'), 'm', 3, path);
    const s = new Float32Array(3);
    for (let i = 0; i < N; i += 97) {
      back.score([keys[i]!], 1, s);
      assert.ok(Math.abs(s[i % 2]! - s[2]! - 1) < 1e-6, `feature ${i} found`);
      back.score([keys[i]! + 1], 1, s); // even: never learnt
      assert.deepEqual([s[0]! - s[2]!, s[1]! - s[2]!], [0, 0], `absent key ${keys[i]! + 1}`);
    }
  });
});

test('accumulate + finish equal score on a loaded many-class model, in any split of the features', () => {
  inTmpDir((dir) => {
    const rnd = mulberry32(99);
    const K = 20;
    const ap = trainRandom(K, 10, 300, 2000, rnd);
    const feats = new Uint32Array(10);
    const path = join(dir, 'acc.bin.gz');
    writeModelFile(path, { kind: 'toy' }, sparseArrays('m', ap.toSparse()));
    const m = sparseFrom(readModelFile(path, 'toy'), 'm', K, path);
    assert.equal(m.accumulates, true);
    const direct = new Float32Array(K);
    const split = new Float32Array(K);
    for (let t = 0; t < 50; t++) {
      for (let j = 0; j < 10; j++) feats[j] = 1 + Math.floor(rnd() * 320);
      m.score(feats, 10, direct);
      const acc = new Int32Array(K);
      m.accumulate(feats.subarray(4), 6, acc);
      m.accumulate(feats, 4, acc);
      m.finish(acc, split);
      assert.deepEqual([...split], [...direct]);
    }
    assert.throws(() => ap.toSparse().accumulate(feats, 1, new Int32Array(K)), /only for models loaded from a file/);
  });
});

test('partialInline + scoreInlineFrom equal score on a loaded 3-class model, in any split of the features', () => {
  inTmpDir((dir) => {
    const rnd = mulberry32(7);
    const ap = trainRandom(3, 12, 400, 3000, rnd);
    const feats = new Uint32Array(12);
    const path = join(dir, 'inline.bin.gz');
    writeModelFile(path, { kind: 'toy' }, sparseArrays('m', ap.toSparse()));
    const m = sparseFrom(readModelFile(path, 'toy'), 'm', 3, path);
    assert.equal(m.inlinePartials, true);
    const direct = new Float32Array(3);
    const split = new Float32Array(3);
    const base = new Int32Array(2);
    for (let t = 0; t < 50; t++) {
      for (let j = 0; j < 12; j++) feats[j] = 1 + Math.floor(rnd() * 450);
      m.score(feats, 12, direct);
      const cut = t % 12;
      m.partialInline(feats, cut, base);
      m.scoreInlineFrom(base, feats.subarray(cut), 12 - cut, split);
      assert.deepEqual([...split], [...direct]);
    }
    assert.equal(ap.toSparse().inlinePartials, false);
    assert.throws(() => ap.toSparse().partialInline(feats, 1, base), /only for models loaded from a file/);
  });
});

test('a model file lists its features in hash-table order, and reads back the same weights', () => {
  inTmpDir((dir) => {
    const rnd = mulberry32(2024);
    const K = 5;
    const m = trainRandom(K, 6, 5000, 4000, rnd).toSparse();
    const path = join(dir, 'order.bin.gz');
    writeModelFile(path, { kind: 'toy' }, sparseArrays('m', m));
    const c = readModelFile(path, 'toy');
    const keys = c.arrays.get('m.keys') as Uint32Array;
    assert.equal(keys.length, m.keys.length);
    // loading fills the table front to back: home slots never decrease along the file
    const mask = intTableSize(keys.length) - 1;
    for (let i = 1; i < keys.length; i++) assert.ok((keys[i]! & mask) >= (keys[i - 1]! & mask), `key ${i} out of table order`);
    // the weights stay int16 until asked for: a loaded model keeps no float copy
    assert.equal(c.arrays.has('m.w'), false);
    assert.equal(sparseFrom(c, 'm', K, path).w.length, 0);
    // with the plain arrays kept, every feature has its own weights back (to int16 precision)
    const plain = sparseFrom(c, 'm', K, path, true);
    const q = c.quantized.get('m.w')!;
    assert.deepEqual([...plain.w], [...dequantize(q)]);
    const byKey = (x: SparseModel) => new Map([...x.keys].map((k, i) => [k, [...x.cls.subarray(x.offs[i]!, x.offs[i + 1]!)].join(',')]));
    assert.deepEqual(byKey(plain), byKey(m));
    let maxAbs = 0;
    for (const v of m.w) maxAbs = Math.max(maxAbs, Math.abs(v));
    const wOf = (x: SparseModel) => new Map([...x.keys].map((k, i) => [k, [...x.w.subarray(x.offs[i]!, x.offs[i + 1]!)]]));
    const back = wOf(plain);
    for (const [k, ws] of wOf(m)) ws.forEach((v, j) => assert.ok(Math.abs(v - back.get(k)![j]!) <= maxAbs / 32767, `feature ${k}`));
  });
});

test('a model file whose gzip trailer lies about its size is reported as corrupt, naming the file', () => {
  inTmpDir((dir) => {
    const path = join(dir, 'trailer.bin.gz');
    writeModelFile(path, { kind: 'toy' }, sparseArrays('m', trainToy().toSparse()));
    const gz = readFileSync(path);
    gz.writeUInt32LE(0xffffffff, gz.length - 4); // claims 4 GB inflated
    writeFileSync(path, gz);
    assert.throws(() => readModelFile(path, 'toy'), (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && e.message.includes('trailer.bin.gz') && e.message.includes('corrupt'));
  });
});

test('a loaded many-class model scores single-class features (kept in the slot) and runs alike', () => {
  inTmpDir((dir) => {
    // features 5 and 6 have one class each (a negative weight on the last class, a positive one on
    // class 0); feature 7 has a run of three classes; feature 8 has none
    const K = 12;
    const m = new SparseModel(K, Uint32Array.of(5, 6, 7, 8), Uint32Array.of(0, 1, 2, 5, 5), Uint8Array.of(11, 0, 3, 4, 11), Float32Array.of(-2.5, 1.25, 0.5, -3, 2));
    const path = join(dir, 'singles.bin.gz');
    writeModelFile(path, { kind: 'toy' }, sparseArrays('m', m));
    const back = sparseFrom(readModelFile(path, 'toy'), 'm', K, path);
    const expect = (feats: number[], want: Record<number, number>) => {
      const s = new Float32Array(K);
      back.score(feats, feats.length, s);
      for (let c = 0; c < K; c++) assert.ok(Math.abs(s[c]! - (want[c] ?? 0)) < 1e-3, `${feats} class ${c}: ${s[c]}`);
    };
    expect([5], { 11: -2.5 });
    expect([6], { 0: 1.25 });
    expect([7], { 3: 0.5, 4: -3, 11: 2 });
    expect([5, 6, 7, 8, 9], { 0: 1.25, 3: 0.5, 4: -3, 11: -0.5 });
  });
});
