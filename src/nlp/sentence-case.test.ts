/**
 * Specs for the capitalisation feature of the learned sentence splitter (src/nlp/sentence-model.ts):
 * the word after a gap is a feature together with the case of its first letter, so the model can
 * learn that a capitalised "Therefore" starts a sentence where a lower-case "therefore" does not
 * (the other word features see only the lower-cased form). Made-up examples.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tokenize } from './tokenizer.ts';
import { caseOf, gapFeatures, MAX_FEATURES, PLAIN_GAP, PUNCT_GAP } from './sentence-model.ts';
import { hashString, mix2 } from './hash.ts';

const featuresAfter = (text: string, word: string, cls = PLAIN_GAP) => {
  const { tokens } = tokenize(text, { sentenceModel: null });
  const i = tokens.findIndex((t) => t.text === word);
  const out = new Uint32Array(MAX_FEATURES);
  const k = gapFeatures(text, tokens, i, i + 1, out, cls);
  return new Set(out.subarray(0, k));
};

test('caseOf tells upper-case, lower-case and other first characters apart, beyond ASCII', () => {
  assert.equal(caseOf('Therefore'), 1);
  assert.equal(caseOf('therefore'), 2);
  assert.equal(caseOf('Élodie'), 1);
  assert.equal(caseOf('été'), 2);
  assert.equal(caseOf('42nd'), 0);
  assert.equal(caseOf('"Yes'), 0);
});

test('the next word is a feature together with its capitalisation', () => {
  const upper = featuresAfter('the bus came late Therefore we walked home', 'late');
  const lower = featuresAfter('the bus came late therefore we walked home', 'late');
  const word = hashString('therefore');
  assert.ok(upper.has(mix2(27, word, 1)));
  assert.ok(!upper.has(mix2(27, word, 2)));
  assert.ok(lower.has(mix2(27, word, 2)));
  assert.ok(!lower.has(mix2(27, word, 1)));
});

test('a gap has at most MAX_FEATURES features in both gap classes', () => {
  for (const cls of [PLAIN_GAP, PUNCT_GAP]) {
    const f = featuresAfter('We met at 10:15 AM Thanks for coming to the review', 'AM', cls);
    assert.ok(f.size > 20 && f.size <= MAX_FEATURES);
  }
});
