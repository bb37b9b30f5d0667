import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, entityOf, exactlyAt } from './testkit.ts';

test('"Iraqi politicians" is its own unnamed SOURCE, linked to Iraq, not the country itself', () => {
  const doc = run('Iraqi politicians emphasize that the alliance in Iraq is keen on showing its support.');
  const pol = exactlyAt(doc, 'Iraqi politicians');
  assert.ok(pol, 'an entity for the phrase');
  assert.equal(pol.type, 'SOURCE');
  assert.equal(pol.subtype, 'people');
  assert.equal(pol.anonymous, false, 'unnamed, but not an anonymous source');
  assert.equal(pol.kb, undefined);
  const iraq = exactlyAt(doc, 'Iraqi');
  assert.equal(iraq?.kb?.id, 'country_irq', 'the nationality word stays a mention of Iraq');
  assert.equal(entityOf(doc, 'Iraq')?.id, iraq.id, '"Iraqi" and "Iraq" are one entity');
  assert.deepEqual(pol.nationality, [iraq.id]);
});

test('state agents stay the country acting: "Iranian officials", "Turkish forces"', () => {
  const doc = run('Iranian officials requested support. Turkish forces shelled the village.');
  assert.equal(entityOf(doc, 'Iranian officials')?.kb?.id, 'country_irn');
  assert.equal(entityOf(doc, 'Turkish')?.kb?.id, 'country_tur');
  assert.ok(!doc.entities.some((e) => e.subtype === 'people'));
});

test('analysts, residents, witnesses and activists of a nationality are people, with modifiers kept', () => {
  const doc = run('Some Lebanese analysts said the talks failed. Syrian residents fled, and local Jordanian activists protested.');
  for (const phrase of ['Some Lebanese analysts', 'Syrian residents', 'local Jordanian activists']) {
    const e = exactlyAt(doc, phrase);
    assert.equal(e?.type, 'SOURCE', phrase);
    assert.equal(e?.subtype, 'people', phrase);
  }
  assert.equal(exactlyAt(doc, 'Syrian')?.kb?.id, 'country_syr');
});

test('the same nationality and noun is the same set; "the analysts" resumes it; other nationalities stay apart', () => {
  const doc = run('Iraqi analysts said the vote was delayed. Syrian analysts disagreed. Iraqi analysts later added that the analysts expect a deal.');
  const iraqi = exactlyAt(doc, 'Iraqi analysts');
  assert.equal(exactlyAt(doc, 'Iraqi analysts', 1)?.id, iraqi?.id);
  assert.notEqual(exactlyAt(doc, 'Syrian analysts')?.id, iraqi?.id);
  // "the analysts" goes to the latest set of analysts (the Iraqi ones, named last).
  assert.equal(exactlyAt(doc, 'the analysts')?.id, iraqi?.id);
});

test('without a nationality there is no people set from this rule ("witnesses said")', () => {
  const doc = run('Witnesses said the convoy was hit. The politicians met later.');
  assert.ok(!doc.entities.some((e) => e.subtype === 'people'));
});

test('a regional nationality ("Kurdish politicians") counts only when the document names the region', () => {
  const named = run('Kurdish politicians in the Kurdistan Region rejected the budget.');
  const pol = exactlyAt(named, 'Kurdish politicians');
  assert.equal(pol?.subtype, 'people');
  assert.equal(exactlyAt(named, 'Kurdish')?.kb?.id, 'kurdistan_region');
  const unnamed = run('Kurdish politicians in Diyarbakir rejected the budget.');
  assert.ok(!unnamed.entities.some((e) => e.kb?.id === 'kurdistan_region'), 'Kurds live in four countries: no region without context');
});

test('the Kurdistan Regional Government, which leads the region, is context enough for "Kurdish"', () => {
  const doc = run('Kurdish politicians said the Kurdistan Regional Government asked Baghdad for funds.');
  assert.equal(exactlyAt(doc, 'Kurdish')?.kb?.id, 'kurdistan_region');
  assert.equal(exactlyAt(doc, 'Kurdish politicians')?.subtype, 'people');
});

test('a country name or an ethnic word may stand in the phrase: "US lawmakers", "Iraqi Kurdish politicians"', () => {
  const doc = run('US lawmakers criticised the deal, while Iraqi Kurdish politicians welcomed it.', [{ phrase: 'US', label: 'LOC' }]);
  const us = exactlyAt(doc, 'US lawmakers');
  assert.equal(us?.subtype, 'people');
  assert.equal(exactlyAt(doc, 'US')?.kb?.id, 'country_usa');
  assert.deepEqual(us?.nationality, [exactlyAt(doc, 'US')!.id]);
  assert.equal(exactlyAt(doc, 'Iraqi Kurdish politicians')?.subtype, 'people');
  assert.equal(exactlyAt(doc, 'Iraqi')?.kb?.id, 'country_irq');
});

test('groups and anonymous sources described by nationality also point to the country entity', () => {
  const doc = run('Armed Iraqi factions allied with Iran moved to Syria, informed Iraqi sources said. Iraq denied it.');
  const iraq = entityOf(doc, 'Iraq', 0);
  assert.equal(iraq?.kb?.id, 'country_irq');
  assert.deepEqual(entityOf(doc, 'Armed Iraqi factions allied with Iran')?.nationality, [iraq.id]);
  assert.deepEqual(entityOf(doc, 'informed Iraqi sources')?.nationality, [iraq.id]);
});
