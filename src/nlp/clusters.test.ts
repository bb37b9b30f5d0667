import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { isDossierError } from '../errors.ts';
import { UNLISTED_COARSE, UNLISTED_FINE, loadClusters, parseClusters } from './clusters.ts';
import { modelPath } from './models.ts';

test('parseClusters: words of one cluster share its id; unlisted words get the reserved ids', () => {
  const c = parseClusters('# comment\nsaid\t3\t1\ntold\t3\t1\narmy\t7\t1\n', 'mem');
  assert.equal(c.size, 3);
  assert.equal(c.fine('said'), c.fine('told'));
  assert.notEqual(c.fine('said'), c.fine('army'));
  assert.equal(c.coarse('said'), c.coarse('army'));
  assert.equal(c.fine('zzzunseen'), UNLISTED_FINE);
  assert.equal(c.coarse('zzzunseen'), UNLISTED_COARSE);
  // a fine id never equals a coarse id of the same number (separate feature spaces)
  assert.notEqual(parseClusters('a\t1\t1\n', 'mem').fine('a'), parseClusters('a\t1\t1\n', 'mem').coarse('a'));
});

test('parseClusters: a malformed line is an error naming the source and line', () => {
  assert.throws(() => parseClusters('said\t3\t1\nbroken line\n', 'clusters.tsv'), (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && /clusters\.tsv line 2/.test(e.message));
});

test('loadClusters: a missing file is MODEL_MISSING naming the file', () => {
  assert.throws(() => loadClusters('/nonexistent/clusters.tsv.gz'), (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && e.message.includes('/nonexistent/clusters.tsv.gz'));
});

test('the shipped clusters group words by use: reporting verbs together, armed groups together', { skip: !existsSync(modelPath('clusters.tsv.gz')) && 'models/clusters.tsv.gz not built' }, () => {
  const c = loadClusters();
  assert.ok(c.size >= 50_000);
  assert.equal(c.fine('said'), c.fine('told'));
  assert.equal(c.coarse('said'), c.coarse('stated'));
  assert.equal(c.fine('hezbollah'), c.fine('militia'));
  assert.notEqual(c.fine('said'), c.fine('militia'));
  assert.notEqual(c.fine('the'), UNLISTED_FINE);
});

test('parseClusters: unusual but readable lines (CRLF, leading zeros, padded numbers, extra columns) read as plain ones', () => {
  const plain = parseClusters('a\t7\t1\nb\t3\t2\nc\t1\t2\n', 'mem');
  const odd = parseClusters('a\t007\t1\r\nb\t 3\t2\nc\t000001\t2\textra', 'mem');
  for (const w of ['a', 'b', 'c', 'zz']) {
    assert.equal(odd.fine(w), plain.fine(w), w);
    assert.equal(odd.coarse(w), plain.coarse(w), w);
  }
  assert.equal(odd.size, 3);
  assert.throws(() => parseClusters('a\t70000\t1\n', 'big.tsv'), (e: unknown) => isDossierError(e) && /big\.tsv line 1/.test(e.message));
});
