import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BoundedCache } from './bounded-cache.ts';

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
