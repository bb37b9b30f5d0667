import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadKb, loadGazetteer, entityKey, KnowledgeBase, Gazetteer } from './index.ts';
import { DossierError } from '../errors.ts';

const kb = loadKb();
const gaz = loadGazetteer();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'dossier-kb-'));
const write = (name: string, body: string): string => {
  const f = path.join(tmp, name);
  fs.writeFileSync(f, body);
  return f;
};

test('the shipped KB has the curated actors with codes, aliases and affiliations', () => {
  const kh = kb.get('kataib_hezbollah');
  assert.equal(kh?.code, 'IRQREB');
  assert.ok(kh?.aliases.includes('Hezbollah Brigades'));
  assert.ok(kh?.affiliations?.some((a) => a.rel === 'aligned_with' && a.target === 'quds_force'));
  assert.equal(kb.get('quds_force')?.affiliations?.[0]?.target, 'irgc');
});

test('cleaning: Hezbollah no longer lists Islamic Jihad, the IRGC no longer lists the Quds Force', () => {
  assert.equal(kb.best('Islamic Jihad')?.id, 'palestinian_islamic_jihad');
  assert.ok(!kb.get('hezbollah')!.aliases.some((a) => /islamic jihad/i.test(a)));
  assert.ok(!kb.get('irgc')!.aliases.some((a) => /quds/i.test(a)));
  assert.equal(kb.best('Quds Force')?.id, 'quds_force');
});

test("dated roles are kept: al-Maliki's premiership", () => {
  const m = kb.get('nouri_al_maliki');
  assert.ok(m?.codes?.some((c) => c.code === 'IRQGOV' && c.from === '2006-05-20' && c.to === '2014-09-08'));
});

test('alias lookup ignores case, diacritics, al-/Al variants, apostrophes and "the"', () => {
  for (const v of ["Kata'ib Hezbollah", 'kataib hezbollah', 'Kataib Hizballah', 'the Hezbollah Brigades']) assert.equal(kb.best(v)?.id, 'kataib_hezbollah', v);
  for (const v of ['Nouri al-Maliki', 'Nuri Al Maliki', 'Nouri al Maliki']) assert.equal(kb.best(v)?.id, 'nouri_al_maliki', v);
  assert.equal(kb.best('the Middle East newspaper')?.id, 'asharq_al_awsat');
  assert.equal(kb.best('Farda radio')?.id, 'radio_farda');
});

test('demonyms name countries', () => {
  assert.equal(kb.demonym('Iranian')?.id, 'country_irn');
  assert.equal(kb.demonym('Iranians')?.id, 'country_irn');
  assert.equal(kb.demonym('American')?.id, 'country_usa');
  assert.equal(kb.demonym('Israelis')?.id, 'country_isr');
  assert.equal(kb.demonym('Table'), undefined);
});

test('--kb extra file (YAML) adds actors without editing the package', () => {
  const f = write('extra.yaml', 'actors:\n  - id: wagner_group\n    name: Wagner Group\n    type: ORGANIZATION\n    subtype: armed_group\n    code: RUSMIL\n    aliases: [Wagner, PMC Wagner]\n');
  const k = loadKb({ extra: [f] });
  assert.equal(k.best('PMC Wagner')?.id, 'wagner_group');
  assert.equal(k.best('Hamas')?.id, 'hamas');
  assert.equal(loadKb().best('PMC Wagner'), undefined, 'the shipped KB is not modified');
});

test('an extra file can override a shipped actor by id (JSON list form)', () => {
  const f = write('extra.json', JSON.stringify([{ id: 'hamas', name: 'Hamas', type: 'ORGANIZATION', code: 'PSEPTY', aliases: [] }]));
  assert.equal(loadKb({ extra: [f] }).get('hamas')?.code, 'PSEPTY');
});

test('an invalid extra file is a KB_INVALID error naming the file and the field', () => {
  const f = write('bad.yaml', 'actors:\n  - id: x_group\n    name: X\n    type: GROUP\n');
  assert.throws(() => loadKb({ extra: [f] }), (e: unknown) => {
    assert.ok(e instanceof DossierError);
    assert.equal(e.code, 'KB_INVALID');
    assert.match(e.message, /bad\.yaml/);
    assert.match(e.message, /x_group/);
    assert.match(e.message, /type/);
    return true;
  });
  const broken = write('broken.yaml', 'actors: [\n');
  assert.throws(() => loadKb({ extra: [broken] }), (e: unknown) => e instanceof DossierError && e.code === 'KB_INVALID' && /broken\.yaml/.test(e.message));
  assert.throws(() => loadKb({ extra: [path.join(tmp, 'missing.yaml')] }), (e: unknown) => e instanceof DossierError && e.code === 'KB_INVALID');
});

test('a KnowledgeBase can be built from records in memory', () => {
  const k = new KnowledgeBase([{ id: 'a_b', name: 'Alpha Beta', type: 'ORGANIZATION', aliases: ['AB'] }]);
  assert.equal(k.best('ab')?.id, 'a_b');
  assert.equal(k.size, 1);
});

test('gazetteer: homonyms by context and admin hints, with a confidence', () => {
  const plain = gaz.resolve('Paris');
  assert.equal(plain?.place.country, 'FR');
  assert.ok(plain!.candidates > 1);
  const texas = gaz.resolve('Paris', { hint: { country: 'US', admin: 'TX' } });
  assert.equal(texas?.place.country, 'US');
  assert.equal(texas?.place.admin, 'TX');
  assert.equal(gaz.resolve('Tripoli', { countries: ['LB'] })?.place.country, 'LB');
  assert.equal(gaz.resolve('Tripoli', { countries: ['LY'] })?.place.country, 'LY');
  const b = gaz.resolve('Baghdad');
  assert.equal(b?.place.geonamesId, 98182);
  assert.ok(b!.confidence > 0.9);
  assert.deepEqual(gaz.hintFor('Texas'), { country: 'US', admin: 'TX' });
});

test('gazetteer: curated alternate names of the region', () => {
  assert.equal(gaz.resolve('Bagdad')?.place.geonamesId, 98182);
  assert.equal(gaz.resolve('Dimashq')?.place.country, 'SY');
  assert.equal(gaz.resolve('Bayrut')?.place.country, 'LB');
  assert.equal(gaz.resolve('Deir al-Zour')?.place.country, 'SY');
  assert.equal(gaz.resolve('West Bank')?.place.country, 'PS');
  assert.equal(gaz.resolve('Anbar')?.place.country, 'IQ');
  assert.equal(gaz.resolve('Golan Heights')?.place.kind, 'region');
});

test('a Gazetteer can be built from rows in memory', () => {
  const g = new Gazetteer([['x1', 'Springfield', 'US', 'PPL', 'IL', 100, 39.8, -89.6, 0, []], ['x2', 'Springfield', 'US', 'PPL', 'MA', 150, 42.1, -72.6, 0, []]]);
  assert.equal(g.resolve('Springfield')?.place.id, 'x2');
  assert.equal(g.resolve('Springfield', { hint: { country: 'US', admin: 'IL' } })?.place.id, 'x1');
});

test('entityKey: KB id first, else type and normalised full name; never a bare surname', () => {
  assert.equal(entityKey({ type: 'ORGANIZATION', name: 'Whatever', kb: { id: 'hamas' } }), 'kb:hamas');
  assert.equal(entityKey({ type: 'PERSON', name: 'Nouri al-Maliki' }), entityKey({ type: 'PERSON', name: 'Nouri Al Maliki' }));
  assert.notEqual(entityKey({ type: 'PERSON', name: 'Maliki' }), entityKey({ type: 'PERSON', name: 'Salam al-Maliki' }));
  assert.notEqual(entityKey({ type: 'PERSON', name: 'Salam al-Maliki' }), entityKey({ type: 'PERSON', name: 'Nouri al-Maliki' }));
  assert.notEqual(entityKey({ type: 'PERSON', name: 'Jordan' }), entityKey({ type: 'LOCATION', name: 'Jordan' }));
});

test('a Phoenix organisation named by a nationality keeps that nationality\'s code ("Palestinian Resistance" is not French)', () => {
  const pr = kb.get('phx_palestinian_resistance');
  assert.equal(pr?.code, 'PSEREB');
  assert.equal(pr?.country, 'PSE');
  assert.match(pr?.source ?? '', /recoded/);
  assert.equal(kb.get('phx_armenian_revolutionary_army')?.code, 'ARMREB');
  // Regional and sector prefixes are not countries and stay: "Iraqi Liberation Army" [MEAREB].
  assert.equal(kb.get('phx_iraqi_liberation_army')?.code, 'MEAREB');
});

test('a demonym shared by several countries belongs to the UN member: "Indian" is India, "American" the US', () => {
  assert.equal(kb.demonym('Indian')?.id, 'country_ind');
  assert.equal(kb.demonym('Americans')?.id, 'country_usa');
  assert.equal(kb.demonym('Norwegian')?.id, 'country_nor');
});

test('regional demonyms are kept apart from country demonyms', () => {
  assert.equal(kb.demonym('Kurdish'), undefined, 'Kurdish is no country');
  assert.deepEqual(kb.regionDemonyms('Kurdish').map((a) => a.id), ['kurdistan_region']);
  assert.deepEqual(kb.regionDemonyms('Iranian'), []);
});

test('government departments and the PKK are curated records holding the Phoenix aliases', () => {
  assert.equal(kb.best('US Treasury')?.id, 'us_treasury');
  assert.equal(kb.best('United States Treasury Department')?.id, 'us_treasury');
  assert.equal(kb.get('us_treasury')?.subtype, 'government');
  assert.equal(kb.best('State Department')?.id, 'us_state_department');
  assert.ok(!kb.get('us_state_department')!.aliases.some((a) => /official/i.test(a)));
  assert.equal(kb.best('PKK')?.id, 'pkk');
  assert.equal(kb.best("Kurdistan Workers' Party")?.id, 'pkk');
});

test('the shipped actors file passes the full schema (loading checks only what it relies on)', async () => {
  const { KB_FILE } = await import('./load.ts');
  const { kbFileSchema } = await import('./types.ts');
  const raw = JSON.parse(fs.readFileSync(KB_FILE, 'utf8')) as { actors: unknown[] };
  const r = kbFileSchema.safeParse(raw);
  assert.ok(r.success, r.success ? '' : JSON.stringify(r.error.issues.slice(0, 3)));
  // nothing the schema would strip or fill in: the actors as loaded are the schema's output
  assert.deepEqual(r.data.actors, raw.actors);
});

test('a damaged shipped actors file fails with MODEL_MISSING naming the file and the first bad actor', async () => {
  const { checkShippedActors } = await import('./load.ts');
  const file = 'data/kb/actors.json';
  const fails = (raw: unknown, re: RegExp) =>
    assert.throws(() => checkShippedActors(raw, file), (e: unknown) => e instanceof DossierError && e.code === 'MODEL_MISSING' && e.message.includes(file) && re.test(e.message));
  fails(null, /not a version-1 knowledge base/);
  fails({ version: 2, actors: [] }, /not a version-1 knowledge base/);
  const ok = { id: 'hamas', name: 'Hamas', type: 'ORGANIZATION', aliases: [] };
  fails({ version: 1, actors: [ok, { ...ok, id: 'x', type: 'GROUP' }] }, /actors\[1\]\.type \(x\): expected one of PERSON, ORGANIZATION, LOCATION/);
  fails({ version: 1, actors: [{ ...ok, aliases: undefined }] }, /actors\[0\]\.aliases \(hamas\): expected a list/);
  fails({ version: 1, actors: [{ ...ok, name: '' }] }, /actors\[0\]\.name \(hamas\)/);
  assert.equal(checkShippedActors({ version: 1, actors: [ok] }, file).length, 1);
});
