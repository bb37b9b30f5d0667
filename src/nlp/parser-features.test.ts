import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tagFlags, parserInput, parserFeatures, bufferFeatures, configFeatures, MAX_PARSER_FEATURES } from './parser-features.ts';
import { ParseState, SHIFT } from './parser-state.ts';

const TAGS = ['NOUN\tNN', 'VERB\tVBD', 'NOUN\tNNS', 'PUNCT\t.', 'VERB\tVBN', 'AUX\tVBZ'];

test('tag flags keep the verb/punctuation bits and add the coarse UPOS', () => {
  const f = tagFlags(TAGS);
  assert.deepEqual([...f].map((x) => x & 3), [0, 1, 0, 2, 1, 1]);
  // UPOS index in order of first appearance: NOUN 0, VERB 1, PUNCT 2, AUX 3
  assert.deepEqual([...f].map((x) => x >> 2), [0, 1, 0, 2, 1, 3]);
});

test('parser input: coarse UPOS ids shared by fine tags, verb/punctuation counts unchanged', () => {
  const flags = tagFlags(TAGS);
  // "dogs barked ." with tags NNS, VBD, .
  const x = parserInput([11, 22, 33], [2, 1, 3], flags);
  assert.deepEqual([...x.p], [4, 3, 5, 1]);
  assert.deepEqual([...x.u], [2, 3, 4, 1]);
  assert.deepEqual([...x.verbs], [0, 0, 1, 1, 1]);
  assert.deepEqual([...x.puncts], [0, 0, 0, 1, 1]);
  // NN and NNS differ in the fine tag only: same coarse id
  const y = parserInput([11], [0], flags);
  assert.equal(y.u[0], x.u[0]);
});

test('parser features fit the buffer, are deterministic, and add the coarse templates only when asked', () => {
  const flags = tagFlags(TAGS);
  const x = parserInput([11, 22, 33], [2, 1, 3], flags, true);
  const st = new ParseState(3);
  st.apply(SHIFT);
  const a = new Uint32Array(MAX_PARSER_FEATURES);
  const b = new Uint32Array(MAX_PARSER_FEATURES);
  const k = parserFeatures(x, st, a);
  assert.ok(k > 100 && k <= MAX_PARSER_FEATURES);
  assert.equal(parserFeatures(x, st, b), k);
  assert.deepEqual([...a.subarray(0, k)], [...b.subarray(0, k)]);
  // without the coarse templates (models trained before them): the same features minus 6
  const old = new Uint32Array(MAX_PARSER_FEATURES);
  const k0 = parserFeatures(parserInput([11, 22, 33], [2, 1, 3], flags), st, old);
  assert.equal(k0, k - 6);
  assert.deepEqual([...old.subarray(0, k0)], [...a.subarray(0, k0)]);
});

test('buffer features depend on b0 alone and, with the rest, are exactly the configuration features', () => {
  const flags = tagFlags(TAGS);
  const x = parserInput([11, 22, 33, 44], [2, 1, 3, 0], flags, false, { fine: [5, 6, 7, 8], coarse: [1, 1, 2, 2] });
  const one = new ParseState(4);
  one.apply(SHIFT);
  const two = new ParseState(4);
  two.apply(SHIFT);
  two.apply(SHIFT);
  two.apply(1); // LEFT: s0 ← b0; b0 is still word 2, as in `one` after a second SHIFT
  one.apply(SHIFT);
  assert.equal(one.b, two.b);
  const a = new Uint32Array(MAX_PARSER_FEATURES);
  const b = new Uint32Array(MAX_PARSER_FEATURES);
  const ka = bufferFeatures(x, one.b, a, 0);
  assert.equal(bufferFeatures(x, two.b, b, 0), ka);
  assert.deepEqual([...a.subarray(0, ka)], [...b.subarray(0, ka)]);
  const all = new Uint32Array(MAX_PARSER_FEATURES);
  const k = parserFeatures(x, two, all);
  const rest = configFeatures(x, two, b, ka);
  assert.equal(rest, k);
  assert.deepEqual([...b.subarray(0, k)].sort(), [...all.subarray(0, k)].sort());
  // cluster templates appear only with clusters
  const plain = parserInput([11, 22, 33, 44], [2, 1, 3, 0], flags);
  assert.ok(parserFeatures(plain, two, a) < k);
});
