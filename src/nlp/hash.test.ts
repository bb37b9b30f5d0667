/**
 * Spec of the feature hashes: the committed models are keyed by these exact 32 bits, so a change
 * here silently breaks every model. The mixers return them as signed integers (see nlp/hash.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashString, mix1, mix2, mix3 } from './hash.ts';
import { featureKey, hashString as nerHashString, mix } from './ner/hash.ts';

// values of the unsigned implementation the models were trained with
const PINNED: Array<[string, () => number, number]> = [
  ['mix1', () => mix1(4, 0xdeadbeef), 2858428188],
  ['mix2', () => mix2(27, hashString('therefore'), 1), 2764233766],
  ['mix3', () => mix3(41, 5, 7, 0x9abcdef0), 3536573886],
  ['ner featureKey', () => featureKey(19, nerHashString('hamas'), 0xf0000001), 812880147],
  ['ner mix', () => mix(3, 0xffffffff), 1292482494],
];

test('the feature hashes keep the bits the models were trained with', () => {
  for (const [name, f, expected] of PINNED) assert.equal(f() >>> 0, expected, name);
});

test('the mixers return signed 32-bit integers, which a Uint32Array stores as the unsigned key', () => {
  const keys = new Uint32Array(1);
  for (const [name, f, expected] of PINNED) {
    const v = f();
    assert.equal(v, v | 0, `${name} is a signed 32-bit integer`);
    keys[0] = v;
    assert.equal(keys[0], expected, name);
  }
  // the same whether the inputs are given signed or unsigned
  assert.equal(mix2(1, 0xf0000000, 0xffffffff), mix2(1, 0xf0000000 | 0, -1));
});
