/**
 * Cross-document entity keys: what counts as the same name, and what never merges.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseName, primaryKey, entityIdFor } from './keys.ts';

describe('name normalisation', () => {
  it('ignores case, diacritics, dash and apostrophe variants, and a leading "the"', () => {
    assert.equal(normaliseName('Nouri al-Maliki'), normaliseName('nouri Al Maliki'));
    assert.equal(normaliseName("Kata'ib Hezbollah"), normaliseName('Kata’ib  Hezbollah'));
    assert.equal(normaliseName('Asharq Al‑Awsat'), normaliseName('Asharq al Awsat'));
    assert.equal(normaliseName('Ḥamās'), 'hamas');
    assert.equal(normaliseName('the Coordinating Framework'), 'coordinating framework');
  });
  it('keeps full names apart', () => {
    assert.notEqual(normaliseName('Ali al-Sistani'), normaliseName('Mohammed al-Sistani'));
    assert.notEqual(normaliseName('al-Sistani'), normaliseName('Ali al-Sistani'));
  });
});

describe('primary keys', () => {
  it('prefer the knowledge-base id, else type and full name', () => {
    assert.equal(primaryKey({ type: 'ORGANIZATION', name: 'Hezbollah Brigades', kb: { id: 'KATAIB_HEZBOLLAH' } }, 'd1'), 'kb:KATAIB_HEZBOLLAH');
    assert.equal(primaryKey({ type: 'PERSON', name: 'Nouri al-Maliki' }, 'd1'), primaryKey({ type: 'PERSON', name: 'Nouri Al Maliki' }, 'd2'));
    assert.notEqual(primaryKey({ type: 'PERSON', name: 'Basra' }, 'd1'), primaryKey({ type: 'LOCATION', name: 'Basra' }, 'd1'));
  });
  it('tie anonymous sources to their document', () => {
    const a = primaryKey({ type: 'SOURCE', name: 'informed sources' }, 'd1');
    assert.notEqual(a, primaryKey({ type: 'SOURCE', name: 'informed sources' }, 'd2'));
    assert.equal(a, primaryKey({ type: 'SOURCE', name: 'Informed sources' }, 'd1'));
    assert.match(primaryKey({ type: 'ROLE', name: 'a senior official', anonymous: true }, 'd1'), /^anon:d1:/);
  });
  it('derive stable entity ids', () => {
    assert.equal(entityIdFor('kb:X'), entityIdFor('kb:X'));
    assert.match(entityIdFor('kb:X'), /^ent_[0-9a-f]{16}$/);
  });
});
