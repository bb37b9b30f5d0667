import { test } from 'node:test';
import assert from 'node:assert/strict';
import { threadJackknife } from './jackknife-thread.ts';
import { jackknifeTags, type JackknifeJob, type PreparedSentence } from '../../src/nlp/tagger-train.ts';
import { sentenceHashes } from '../../src/nlp/tagger-features.ts';

// A tiny tagged corpus: class 0 = DET, 1 = NOUN, 2 = VERB, 3 = PUNCT.
const corpus: Array<Array<[string, number]>> = [];
const nouns = ['army', 'militia', 'convoy', 'minister', 'rebels', 'police', 'court', 'town'];
const verbs = ['moved', 'fired', 'left', 'attacked', 'met', 'closed', 'seized', 'denied'];
for (let i = 0; i < 40; i++) {
  // every seventh sentence tags its last noun as a verb: held-out tags then differ from fold to fold
  corpus.push([['The', 0], [nouns[i % 8]!, 1], [verbs[(i * 3) % 8]!, 2], ['the', 0], [nouns[(i + 3) % 8]!, i % 7 === 0 ? 2 : 1], ['.', 3]]);
}
const data: PreparedSentence[] = corpus.map((s) => ({ h: sentenceHashes(s.map(([w]) => w)), gold: Int32Array.from(s, ([, c]) => c) }));
const job: JackknifeJob = { data, classes: 4, upos: ['DET', 'NOUN', 'VERB', 'PUNCT'], epochs: 2, seed: 5, minCount: 1 };

test('threadJackknife gives the inline jackknife tags, fold for fold, and relays the log', async () => {
  const lines: string[] = [];
  const [two, four] = await Promise.all(threadJackknife()(job, [2, 4], (l) => lines.push(l)));
  assert.deepEqual(two, jackknifeTags(job, 2, () => {}));
  assert.deepEqual(four, jackknifeTags(job, 4, () => {}));
  assert.equal(two!.length, corpus.length);
  // the corpus makes the two jackknives disagree somewhere, so a mix-up of their results would show
  assert.notDeepEqual(two, four);
  assert.ok(lines.some((l) => /parser jackknife 4\/4 .*\[second thread\]$/.test(l)), lines.join('\n'));
});

test('a failing jackknife thread rejects with a message naming the thread', async () => {
  const broken = { ...job, data: [{ h: null, gold: new Int32Array(1) }] as unknown as PreparedSentence[] };
  const [p] = threadJackknife()(broken, [2], () => {});
  await assert.rejects(p!, /tagger jackknife thread: /);
});
