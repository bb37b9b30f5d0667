import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_TAGGER_FEATURES, wordInfoCache, ambiguityLexicon, contextFeatures, sentenceHashes, taggerFeatures, wordFeatures, wordShape } from './tagger-features.ts';
import { parseClusters } from './clusters.ts';

const lexicon = ambiguityLexicon([
  ['the', 'DET\tDT', 4],
  ['forces', 'NOUN\tNNS|VERB\tVBZ', 4],
]);

test('cached word hashes give exactly the per-sentence hashes, across sentences and after the cache is cleared', () => {
  const cache = wordInfoCache(lexicon, 5); // tiny: forces clearing
  const sentences = [
    ['The', 'forces', 'of', 'Nouri', 'al', '-', 'Maliki', 'left', 'on', '12/10/2023', '.'],
    ['IRAQI', 'FORCES', 'ENTER', 'MOSUL'],
    ['the', 'forces', 'said', 'so', '.'],
  ];
  for (let round = 0; round < 2; round++) {
    for (const words of sentences) {
      assert.deepEqual(sentenceHashes(words, lexicon, cache), sentenceHashes(words, lexicon));
    }
  }
});

test('sentence-level flags: position 0, headline and all-caps sentences', () => {
  const h = sentenceHashes(['IRAQI', 'FORCES', 'ENTER', 'MOSUL'], lexicon);
  assert.equal(h.flags[0]! & 16, 16, 'first token');
  assert.equal(h.flags[1]! & 16, 0);
  assert.equal(h.flags[1]! & (64 | 128), 64 | 128, 'headline and all caps');
  const plain = sentenceHashes(['The', 'forces', 'entered', 'Mosul', 'today'], lexicon);
  assert.equal(plain.flags[1]! & (64 | 128), 0);
});

test('word-only and context features together are exactly the tagger features (the per-word cache relies on it)', () => {
  const words = ['The', 'Iraqi', 'forces', 'of', 'al', '-', 'Maliki', 'left', 'at', '03:14', 'PM', '.'];
  const h = sentenceHashes(words, lexicon);
  const a = new Uint32Array(MAX_TAGGER_FEATURES);
  const b = new Uint32Array(MAX_TAGGER_FEATURES);
  for (let i = 0; i < words.length; i++) {
    for (const [n1, n2] of [[-2, -2], [3, 7], [-1, -1]] as const) {
      const k = taggerFeatures(h, i, i > 0 ? 5 : -1, i > 1 ? 9 : -1, n1, n2, a);
      const kw = wordFeatures(h, i, b);
      const kc = contextFeatures(h, i, i > 0 ? 5 : -1, i > 1 ? 9 : -1, n1, n2, b.subarray(kw));
      assert.equal(kw + kc, k, `token ${i}: feature count`);
      assert.deepEqual([...b.slice(0, k)].sort(), [...a.slice(0, k)].sort(), `token ${i}`);
    }
  }
});

test('cluster features: present only with clusters in the lexicon, and split between the word and its context as before', () => {
  const clusters = parseClusters('the\t1\t0\nforces\t2\t1\nleft\t3\t1\n', 'mem');
  const withC = ambiguityLexicon([['the', 'DET\tDT', 4]], clusters);
  const words = ['The', 'forces', 'left'];
  const plain = sentenceHashes(words, lexicon);
  const h = sentenceHashes(words, withC);
  assert.equal(plain.cf, null);
  assert.ok(h.cf && h.cf[1] !== h.cf[2]);
  const a = new Uint32Array(MAX_TAGGER_FEATURES);
  const k0 = taggerFeatures(plain, 1, 3, -1, -2, -2, a);
  const k = taggerFeatures(h, 1, 3, -1, -2, -2, a);
  assert.equal(k, k0 + 7);
  const w = new Uint32Array(MAX_TAGGER_FEATURES);
  const c = new Uint32Array(MAX_TAGGER_FEATURES);
  const kw = wordFeatures(h, 1, w);
  const kc = contextFeatures(h, 1, 3, -1, -2, -2, c);
  assert.equal(kw + kc, k);
  assert.deepEqual([...w.subarray(0, kw), ...c.subarray(0, kc)].sort(), [...a.subarray(0, k)].sort());
});

test('wordShape: the ASCII fast path gives the shapes the character classes define', () => {
  // reference: Unicode classes per character, runs of X/x/d collapsed, at most 9 characters
  const reference = (w: string): string => {
    let out = '';
    let last = '';
    for (const ch of w) {
      const c = /\p{Lu}/u.test(ch) ? 'X' : /\p{Ll}/u.test(ch) ? 'x' : /\d/.test(ch) ? 'd' : ch;
      if (c !== last || !/[Xxd]/.test(c)) out += c;
      last = c;
      if (out.length > 8) break;
    }
    return out;
  };
  const words = ['Al-Maliki', "Kata'ib", '1,000', 'U.S.', 'al-Quds', 'ÉLODIE', 'été', 'Zürich', '٣٤', 'x86_64', 'iPhone', '--', '😀ok', 'MIX-IT-ALL-UP-NOW', 'a1b2c3d4e5', 'd', 'X', ''];
  for (const w of words) assert.equal(wordShape(w), reference(w), w);
  assert.equal(wordShape('Al-Maliki'), 'Xx-Xx');
  assert.equal(wordShape('1,000'), 'd,d');
});
