/**
 * Specs for averaging the weights of several trained models (the parser ships the mean of
 * models trained with different shuffle seeds).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SparseModel, averageSparse } from './perceptron.ts';

function model(rows: Array<[number, Array<[number, number]>]>, K = 3): SparseModel {
  const keys: number[] = [];
  const offs: number[] = [0];
  const cls: number[] = [];
  const w: number[] = [];
  for (const [f, r] of rows) {
    keys.push(f);
    for (const [c, x] of r) {
      cls.push(c);
      w.push(x);
    }
    offs.push(cls.length);
  }
  return new SparseModel(K, Uint32Array.from(keys), Uint32Array.from(offs), Uint8Array.from(cls), Float32Array.from(w));
}

const scores = (m: SparseModel, feats: number[]) => {
  const s = new Float32Array(m.nClasses);
  m.score(feats, feats.length, s);
  return Array.from(s);
};

test('averaged scores are the mean of the models’ scores; a missing feature counts as 0', () => {
  const a = model([[10, [[0, 2], [2, -4]]], [20, [[1, 6]]]]);
  const b = model([[10, [[0, 4]]], [30, [[2, 8]]]]);
  const m = averageSparse([a, b]);
  assert.deepEqual(scores(m, [10]), [3, 0, -2]);
  assert.deepEqual(scores(m, [20]), [0, 3, 0]);
  assert.deepEqual(scores(m, [30]), [0, 0, 4]);
  assert.deepEqual(scores(m, [10, 20, 30, 99]), [3, 3, 2]);
});

test('features whose averaged weights are all below the threshold are dropped', () => {
  const a = model([[10, [[0, 1]]], [20, [[1, 6]]]]);
  const b = model([[20, [[1, 4]]]]);
  const m = averageSparse([a, b], 1);
  assert.equal(m.keys.length, 1);
  assert.deepEqual(scores(m, [10, 20]), [0, 5, 0]);
});

test('models over different class counts are refused', () => {
  assert.throws(() => averageSparse([model([], 3), model([], 4)]), /classes/);
});
