import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { BoundedCache, detach } from './bounded-cache.ts';

test('makes a value once, keeps it, and clears when full', () => {
  let made = 0;
  const c = new BoundedCache<string, number>(2, (k) => (made++, k.length));
  assert.equal(c.get('abc'), 3);
  assert.equal(c.get('abc'), 3);
  assert.equal(made, 1, 'cached');
  c.get('de');
  assert.equal(c.size, 2);
  c.get('f'); // full: cleared, then 'f' added
  assert.equal(c.size, 1);
  assert.equal(c.get('abc'), 3);
  assert.equal(made, 4);
});

test('rejects a size below one', () => {
  assert.throws(() => new BoundedCache(0, () => 1), /BoundedCache: max must be at least 1/);
});

/** The garbage collector as a function (node:test runs without --expose-gc). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

// regression: tokens cut from a document with `slice` are views into the whole document in V8;
// the per-word caches kept every document they had seen a long word of alive (300 reports of
// 25 KB through `analyze`: +11.5 MB of heap before, +4.5 MB after the fix)
test('a cached string key or value does not keep the document it was cut from alive', () => {
  const gc = collector();
  const cache = new BoundedCache(10, (w: string) => w.toLowerCase());
  // a 16 MB document with one long lower-case word (its lower-case form is the very same string),
  // made and dropped inside a function of its own
  const cacheWordOf = (i: number): void => {
    const doc = `${'filler '.repeat(2_400_000)}supercalifragilistic${i} said.`;
    const start = doc.indexOf('supercalifragilistic');
    const token = doc.slice(start, start + 21);
    assert.equal(cache.get(token), token);
  };
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < 3; i++) cacheWordOf(i);
  gc();
  const grown = process.memoryUsage().heapUsed - before;
  assert.ok(grown < 8e6, `heap grew ${(grown / 1e6).toFixed(1)} MB: a cached token kept its document alive`);
  assert.equal(cache.get('supercalifragilistic1'), 'supercalifragilistic1');
  assert.equal(detach('a'.repeat(40)), 'a'.repeat(40));
});
