import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WordInfoCache, ambiguityLexicon, sentenceHashes } from './tagger-features.ts';

const lexicon = ambiguityLexicon([
  ['the', 'DET\tDT', 4],
  ['forces', 'NOUN\tNNS|VERB\tVBZ', 4],
]);

test('cached word hashes give exactly the per-sentence hashes, across sentences and after the cache is cleared', () => {
  const cache = new WordInfoCache(lexicon, 5); // tiny: forces clearing
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
