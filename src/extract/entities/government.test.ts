import { test } from 'node:test';
import assert from 'node:assert/strict';
import { run, entityOf, exactlyAt } from './testkit.ts';

test('"the US Treasury" is the Treasury department (KB), with "US" a mention of the United States', () => {
  const doc = run('In Washington, the US Treasury imposed sanctions on two companies, the department said.', [{ phrase: 'US', label: 'LOC' }]);
  const t = exactlyAt(doc, 'US Treasury');
  assert.equal(t?.type, 'ORGANIZATION');
  assert.equal(t?.kb?.id, 'us_treasury');
  assert.equal(t?.subtype, 'government');
  assert.equal(exactlyAt(doc, 'US')?.kb?.id, 'country_usa');
  assert.equal(exactlyAt(doc, 'the department')?.id, t?.id, '"the department" resumes the latest government body');
});

test('a ministry the KB lacks is still a government organisation, not the country, and merges across spellings', () => {
  const doc = run("The Iraqi Interior Ministry said three officers were killed. Later, Iraq's Interior Ministry denied it.");
  const m = exactlyAt(doc, 'Iraqi Interior Ministry');
  assert.equal(m?.type, 'ORGANIZATION');
  assert.equal(m?.subtype, 'government');
  assert.equal(m?.kb, undefined);
  assert.equal(exactlyAt(doc, "Iraq's Interior Ministry")?.id, m?.id);
  assert.equal(m?.name, 'Ministry of Interior (Iraq)', 'a canonical name, so documents merge it');
  assert.equal(exactlyAt(doc, 'Iraqi')?.kb?.id, 'country_irq');
});

test('"Ministry of Foreign Affairs" after a nationality, and an NER span covering the whole body', () => {
  const doc = run('The Turkish Ministry of Foreign Affairs summoned the envoy.', [{ phrase: 'Turkish Ministry of Foreign Affairs', label: 'ORG' }]);
  const m = exactlyAt(doc, 'Turkish Ministry of Foreign Affairs');
  assert.equal(m?.type, 'ORGANIZATION');
  assert.equal(m?.subtype, 'government');
  assert.notEqual(m?.kb?.id, 'country_tur');
  assert.equal(m?.name, 'Ministry of Foreign Affairs (Türkiye)');
});

test('the body name among the country\'s KB actors: "the American State Department"', () => {
  const doc = run('The American State Department condemned the attack.');
  assert.equal(entityOf(doc, 'State Department')?.kb?.id, 'us_state_department');
});

test('a title can point to a government body: "a spokesman for the Iraqi Interior Ministry"', () => {
  const doc = run('A spokesman for the Iraqi Interior Ministry said the road was closed.');
  const ministry = exactlyAt(doc, 'Iraqi Interior Ministry');
  const role = doc.entities.find((e) => e.type === 'ROLE');
  assert.ok(ministry && role, 'a ministry and a role');
  assert.equal(role.role?.of, ministry.id);
});

test('no portfolio, no capital, no body: "the Iraqi state", "Iraqi officials" stay the country', () => {
  const doc = run('The Iraqi state and Iraqi officials rejected the plan of the department store.');
  assert.ok(!doc.entities.some((e) => e.subtype === 'government'));
  assert.equal(entityOf(doc, 'Iraqi officials')?.kb?.id, 'country_irq');
});
