import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { cvSentences, documentsOf } from './cv-sentences.ts';
import { defaultDataDir } from './train.ts';
import type { UdSentence } from './lib/conllu.ts';

const data = defaultDataDir();
const haveData = existsSync(join(data, 'ud', 'en_ewt', 'train.conllu'));

test('documentsOf starts a document at each # newdoc', () => {
  const s = (id: string, newdoc?: string) => ({ id, text: id, words: [], multiwords: [], newdoc }) as unknown as UdSentence;
  const docs = documentsOf([s('a', 'd1'), s('b'), s('c', 'd2'), s('d')]);
  assert.deepEqual(docs.map((d) => d.map((x) => x.text)), [['a', 'b'], ['c', 'd']]);
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
  assert.match(lines.at(-1)!, /^pooled over 2 folds: sentence F1 \d+\.\d\d/);
});

test('bad options fail with a message naming them', async () => {
  await assert.rejects(cvSentences({ dataDir: data, folds: 1, log: () => {} }), /--folds must be an integer ≥ 2, got 1/);
  await assert.rejects(cvSentences({ dataDir: data, folds: 3, only: [3], log: () => {} }), /--only lists fold 3, expected 0…2/);
  await assert.rejects(cvSentences({ dataDir: '/nonexistent/data', log: () => {} }), (e: Error & { code?: string }) => e.code === 'INPUT_UNREADABLE' && /\/nonexistent\/data\/ud\/en_ewt\/train\.conllu/.test(e.message));
});
