/**
 * Specs for the capitalisation feature of the learned sentence splitter (src/nlp/sentence-model.ts,
 * `letterCase` in src/nlp/tagger-features.ts):
 * the word after a gap is a feature together with the case of its first letter, so the model can
 * learn that a capitalised "Therefore" starts a sentence where a lower-case "therefore" does not
 * (the other word features see only the lower-cased form). Made-up examples.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './tokenizer.ts';
import { gapFeatures, MAX_FEATURES, PLAIN_GAP, PUNCT_GAP } from './sentence-model.ts';
import { letterCase } from './tagger-features.ts';
import { hashString, mix2 } from './hash.ts';

const featuresAfter = (text: string, word: string, cls = PLAIN_GAP) => {
  const { tokens } = tokenize(text, { sentenceModel: null });
  const i = tokens.findIndex((t) => t.text === word);
  // room to spare, so a template list longer than MAX_FEATURES shows up in the count
  const out = new Uint32Array(2 * MAX_FEATURES);
  const count = gapFeatures(text, tokens, i, i + 1, out, cls);
  return { count, features: new Set(out.subarray(0, count)) };
};

test('letterCase tells upper-case, lower-case and other first characters apart, beyond ASCII', () => {
  assert.equal(letterCase('Therefore'), 1);
  assert.equal(letterCase('therefore'), 2);
  assert.equal(letterCase('Élodie'), 1);
  assert.equal(letterCase('été'), 2);
  assert.equal(letterCase('42nd'), 0);
  assert.equal(letterCase('"Yes'), 0);
});

test('the next word is a feature together with its capitalisation', () => {
  const upper = featuresAfter('the bus came late Therefore we walked home', 'late').features;
  const lower = featuresAfter('the bus came late therefore we walked home', 'late').features;
  const word = hashString('therefore');
  assert.ok(upper.has(mix2(27, word, 1) >>> 0));
  assert.ok(!upper.has(mix2(27, word, 2) >>> 0));
  assert.ok(lower.has(mix2(27, word, 2) >>> 0));
  assert.ok(!lower.has(mix2(27, word, 1) >>> 0));
});

test('a gap writes at most MAX_FEATURES features (the size of the model buffer) in both gap classes', () => {
  for (const cls of [PLAIN_GAP, PUNCT_GAP]) {
    const { count } = featuresAfter('We met at 10:15 AM Thanks for coming to the review', 'AM', cls);
    assert.ok(count > 20 && count <= MAX_FEATURES, `${count} features`);
  }
});
