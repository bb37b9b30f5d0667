import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cvSentences, genreOf } from './cv-sentences.ts';
import { SENTENCE_THRESHOLDS } from '../src/nlp/sentence-train.ts';
import { documentsOf } from './lib/ud-raw.ts';
import type { UdSentence } from './lib/conllu.ts';
import { sharedDataDir } from './lib/shared-data.ts';

const data = sharedDataDir();
const haveData = existsSync(join(data, 'ud', 'en_ewt', 'train.conllu'));

test('documentsOf starts a document at each # newdoc', () => {
  const s = (id: string, newdoc?: string) => ({ id, text: id, words: [], multiwords: [], newdoc }) as unknown as UdSentence;
  const docs = documentsOf([s('a', 'd1'), s('b'), s('c', 'd2'), s('d')]);
  assert.deepEqual(docs.map((d) => d.map((x) => x.text)), [['a', 'b'], ['c', 'd']]);
});

test('the genre of an EWT document is its id up to the first hyphen', () => {
  const doc = (newdoc?: string) => [{ id: '1', text: 'x', words: [], multiwords: [], newdoc }] as unknown as UdSentence[];
  assert.equal(genreOf(doc('reviews-023726-0002')), 'reviews');
  assert.equal(genreOf(doc('weblog-blogspot.com_x_ENG')), 'weblog');
  assert.equal(genreOf(doc(undefined)), 'other');
});

test('a quick cross-validation run trains on the other folds and scores the held-out one', { skip: !haveData && 'shared data not present' }, async () => {
  const lines: string[] = [];
  const r = await cvSentences({ dataDir: data, quick: true, only: [1, 3], log: (l) => lines.push(l) });
  assert.deepEqual(r.folds.map((f) => f.fold), [1, 3]);
  for (const f of r.folds) {
    assert.ok(f.prf.gold > 0 && f.prf.match > 0.5 * f.prf.gold, `fold ${f.fold} splits most sentences right`);
    assert.ok(f.prf.match <= Math.min(f.prf.gold, f.prf.pred));
  }
  assert.equal(r.pooled.gold, r.folds[0]!.prf.gold + r.folds[1]!.prf.gold);
  assert.equal([...r.genres.values()].reduce((a, g) => a + g.gold, 0), r.pooled.gold, 'the genres partition the held-out sentences');
  assert.ok([...r.genres.keys()].every((g) => /^(answers|email|newsgroup|reviews|weblog)$/.test(g)), [...r.genres.keys()].join());
  assert.match(lines.at(-1)!, /^pooled over 2 folds: sentence F1 \d+\.\d\d .*; seeds 7–11\)$/);
  // as npm run train: the fixed thresholds
  for (const f of r.folds) assert.deepEqual(f.thresholds, [SENTENCE_THRESHOLDS.plain, SENTENCE_THRESHOLDS.veto]);
  // the procedure before dev joined the training data: same held-out documents, thresholds searched on dev
  const old = await cvSentences({ dataDir: data, quick: true, only: [1], heldOutDev: true, log: () => {} });
  assert.equal(old.pooled.gold, r.folds[0]!.prf.gold);
  assert.ok(old.pooled.match > 0.5 * old.pooled.gold);
  assert.notDeepEqual(old.folds[0]!.thresholds, r.folds[0]!.thresholds, 'thresholds chosen on dev');
});

test('bad options fail with a message naming them', async () => {
  await assert.rejects(cvSentences({ dataDir: data, folds: 1, log: () => {} }), /--folds must be an integer ≥ 2, got 1/);
  await assert.rejects(cvSentences({ dataDir: data, folds: 3, only: [3], log: () => {} }), /--only lists fold 3, expected 0…2/);
  await assert.rejects(cvSentences({ dataDir: data, seedBase: 1.5, log: () => {} }), /--seed-base must be a whole number from 0 to 2\^31, got 1\.5/);
  await assert.rejects(cvSentences({ dataDir: '/nonexistent/data', log: () => {} }), (e: Error & { code?: string }) => e.code === 'INPUT_UNREADABLE' && /\/nonexistent\/data\/ud\/en_ewt\/train\.conllu/.test(e.message));
});
