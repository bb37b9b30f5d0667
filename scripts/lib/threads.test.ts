import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { marked } from './threads.ts';

test('marked() ends every line with the thread mark', () => {
  assert.equal(marked('a\n  b'), 'a [second thread]\n  b [second thread]');
});

test('with stdout, a worker thread prints its lines itself while the main thread is busy', () => {
  // the main thread blocks for 3 s right after starting the jackknife thread: a line sent as a
  // message could not be printed before "main done"; a line the worker writes itself is
  const url = (p: string) => JSON.stringify(new URL(p, import.meta.url).href);
  const code = `
    import { threadJackknife } from ${url('./jackknife-thread.ts')};
    import { sentenceHashes } from ${url('../../src/nlp/tagger-features.ts')};
    const data = Array.from({ length: 20 }, (_, i) => ({ h: sentenceHashes(['The', 'army', i % 2 ? 'left' : 'fired', '.']), gold: Int32Array.of(0, 1, 2, 3) }));
    const got = [];
    const [p] = threadJackknife({ stdout: true })({ data, classes: 4, upos: ['DET', 'NOUN', 'VERB', 'PUNCT'], epochs: 2, seed: 1, minCount: 1 }, [2], (l) => got.push(l));
    const until = Date.now() + 3000;
    while (Date.now() < until);
    console.log('main done');
    await p;
    console.log('via log: ' + got.length);`;
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { cwd: fileURLToPath(new URL('../..', import.meta.url)), encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.split('\n').filter((l) => l !== '');
  const first = lines.findIndex((l) => /^ {2}jackknife 1\/2 epoch 1\/1: .* \[second thread\]$/.test(l));
  assert.ok(first >= 0 && first < lines.indexOf('main done'), r.stdout);
  assert.equal(lines.at(-1), 'via log: 0');
});
