import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDescription } from './candidates.ts';
import { kb, run, entityOf, exactlyAt } from './testkit.ts';

test('a nationality word with lower-case words describes, it does not name', () => {
  assert.equal(isDescription('Palestinian resistance', kb), true);
  assert.equal(isDescription('Iraqi army', kb), true);
  assert.equal(isDescription('Palestinian Resistance', kb), false);
  assert.equal(isDescription('Kurdistan Workers Party', kb), false);
  assert.equal(isDescription('resistance', kb), false);
});

test('"the Palestinian resistance" is a group of Palestinians, not a 1970s Phoenix record (nor French)', () => {
  for (const ner of [[], [{ phrase: 'Palestinian resistance', label: 'ORG' as const }]]) {
    const doc = run('The leaders are keen on showing their support for the Palestinian resistance in Gaza.', ner);
    const e = entityOf(doc, 'Palestinian resistance');
    assert.ok(e, 'an entity');
    assert.notEqual(e.kb?.id, 'phx_palestinian_resistance');
    assert.ok(!doc.entities.some((x) => x.kb?.code?.startsWith('FRA')), 'no French code anywhere');
  }
});

test('"the Kurdish Rudaw network": the outlet links to Rudaw and "Kurdish" to the Kurdistan Region it names', () => {
  const doc = run('A drone hit a base, as reported by the Kurdish Rudaw network. Residents in the Kurdistan Region protested.', [
    { phrase: 'Kurdish Rudaw network', label: 'ORG' },
    { phrase: 'Kurdistan Region', label: 'LOC' },
  ]);
  assert.equal(entityOf(doc, 'Rudaw')?.kb?.id, 'rudaw');
  const region = exactlyAt(doc, 'Kurdistan Region');
  assert.equal(region?.kb?.id, 'kurdistan_region');
  assert.equal(region?.type, 'LOCATION');
  assert.equal(exactlyAt(doc, 'Kurdish')?.id, region?.id);
});

test('"Kurdish" is not the Kurdistan Region when the document does not name the region', () => {
  const doc = run('As reported by the Kurdish Rudaw network, the strike hit Qamishli in Syria.', [{ phrase: 'Kurdish Rudaw network', label: 'ORG' }]);
  assert.equal(entityOf(doc, 'Rudaw')?.kb?.id, 'rudaw');
  assert.ok(!doc.entities.some((e) => e.kb?.id === 'kurdistan_region'));
});

test('a country demonym before a named organisation is a mention of the country ("the Iranian Tasnim agency")', () => {
  const doc = run('The Iranian Tasnim agency reported the launch.', [{ phrase: 'Iranian Tasnim agency', label: 'ORG' }]);
  assert.equal(entityOf(doc, 'Tasnim')?.kb?.id, 'tasnim');
  assert.equal(exactlyAt(doc, 'Iranian')?.kb?.id, 'country_irn');
});

test('a capital the NER labels as an organisation is the (geocoded) place: "Tehran would respond"', () => {
  const doc = run('Tehran would respond, the spokesman said.', [{ phrase: 'Tehran', label: 'ORG' }]);
  const e = entityOf(doc, 'Tehran');
  assert.equal(e?.type, 'LOCATION');
  assert.equal(e?.geo?.country, 'IR');
});
