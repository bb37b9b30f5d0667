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

test('the mixers return the bits the models were trained with, as signed 32-bit integers', () => {
  const keys = new Uint32Array(1);
  for (const [name, f, expected] of PINNED) {
    const v = f();
    // signed: V8 passes it between functions as a small integer (an unsigned value ≥ 2^31 is boxed)
    assert.equal(v, v | 0, `${name} is a signed 32-bit integer`);
    // stored in a feature buffer, it is the unsigned key the model file lists
    keys[0] = v;
    assert.equal(keys[0], expected, name);
  }
});
