/**
 * The web-search query language and its translation to FTS5: user text never reaches FTS5 as
 * syntax.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseQuery, toFts5 } from './search.ts';

const fts = (q: string) => toFts5(parseQuery(q));

describe('search queries', () => {
  it('ANDs words and keeps quoted phrases', () => {
    assert.equal(fts('Quds Force'), '"Quds" AND "Force"');
    assert.equal(fts('"Quds Force" Baghdad'), '"Quds Force" AND "Baghdad"');
  });
  it('groups OR alternatives and excludes -words', () => {
    assert.equal(fts('meeting OR visit Baghdad'), '("meeting" OR "visit") AND "Baghdad"');
    assert.equal(fts('Baghdad -Beirut'), '("Baghdad") NOT ("Beirut")');
  });
  it('quotes FTS5 syntax and punctuation instead of obeying it', () => {
    assert.equal(fts('NEAR(a b) col:x'), '"NEAR(a" AND "b" AND "col:x"');
    assert.equal(fts('say "hi'), '"say" AND "hi"');
    assert.equal(fts('a"b'), '"a""b"', 'an inner quote is escaped');
  });
  it('has nothing to search for when only exclusions or punctuation are left', () => {
    assert.equal(fts('-Beirut'), undefined);
    assert.equal(fts(' ( * '), undefined);
    assert.equal(fts(''), undefined);
  });
});
