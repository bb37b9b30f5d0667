import { test } from 'node:test';
import assert from 'node:assert/strict';
import { trainOnThread } from './train-thread.ts';
import { isDossierError } from '../../src/errors.ts';

test('a training thread that fails passes its DossierError on, code and message intact', async () => {
  const lines: string[] = [];
  await assert.rejects(trainOnThread({ dataDir: '/nonexistent/data', outDir: '/nonexistent/out', only: ['sentences'], jobs: 1 }, (l) => lines.push(l)), (e: unknown) => {
    assert.ok(isDossierError(e), 'a DossierError');
    assert.equal(e.code, 'INPUT_UNREADABLE');
    assert.match(e.message, /\/nonexistent\/data\/ud\/en_ewt\/train\.conllu/);
    return true;
  });
});
