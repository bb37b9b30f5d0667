import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizeName, foldText, slugify, isCaseSensitiveAlias, titleCasePhrase } from './normalize.ts';

test('al-/Al /el- article variants share one key', () => {
  assert.equal(normalizeName('al-Quds Force'), 'quds force');
  assert.equal(normalizeName('Al Quds Force'), 'quds force');
  assert.equal(normalizeName('the Quds Force'), 'quds force');
  assert.equal(normalizeName('Nouri al-Maliki'), normalizeName('Nouri Al Maliki'));
  assert.equal(normalizeName('ash-Sham'), 'sham');
});

test('apostrophes, diacritics and case are ignored', () => {
  assert.equal(normalizeName("Kata'ib Hezbollah"), normalizeName('Kataib Hezbollah'));
  assert.equal(normalizeName('Kata’ib Hezbollah'), 'kataib hezbollah');
  assert.equal(foldText('Deir ez-Zōr'), 'deir ez zor');
});

test('dots inside acronyms are dropped', () => {
  assert.equal(normalizeName('U.N.'), 'un');
  assert.equal(normalizeName('U.S.'), 'us');
});

test('a lone article is kept so a name never becomes empty', () => {
  assert.equal(normalizeName('Al'), 'al');
  assert.equal(normalizeName('The'), 'the');
});

test('slugify makes ascii ids', () => {
  assert.equal(slugify("Asa'ib Ahl al-Haq"), 'asaib_ahl_al_haq');
});

test('acronyms and short aliases are case-sensitive', () => {
  assert.equal(isCaseSensitiveAlias('AP'), true);
  assert.equal(isCaseSensitiveAlias('IRGC-QF'), true);
  assert.equal(isCaseSensitiveAlias('Hezbollah'), false);
});

test('PETRARCH phrases are title-cased', () => {
  assert.equal(titleCasePhrase('NURI_AL-MALIKI_'), 'Nuri al-Maliki');
  assert.equal(titleCasePhrase('ISLAMIC_STATE_OF_IRAQ_'), 'Islamic State of Iraq');
  assert.equal(titleCasePhrase('UN_'), 'UN');
});
