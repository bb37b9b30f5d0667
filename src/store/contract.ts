/**
 * @module store/contract
 * The one behaviour every `Store` implementation must have, as a node:test suite. Run it with
 * `runStoreContract(name, open)` where `open()` returns a fresh, empty store each call (see
 * sqlite.test.ts and postgres.test.ts). Fixtures are hand-written native documents: two reports
 * of one meeting by two outlets, and two different people who share a surname.
 */
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { NativeDocument } from '../export/contract.ts';
import { DossierError } from '../errors.ts';
import type { Store } from './types.ts';

/** Loads a fixture document by file name (without `.json`); a fresh copy each call. */
export function fixture(name: string): NativeDocument {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8')) as NativeDocument;
}

/** Opens a fresh, empty store; `validate: false` skips the contract check (to test failures). */
export type OpenFreshStore = (opts?: { validate?: boolean }) => Promise<Store>;

async function withStore(open: OpenFreshStore, fn: (s: Store) => Promise<void>, opts?: { validate?: boolean }): Promise<void> {
  const store = await open(opts);
  try {
    await fn(store);
  } finally {
    await store.close();
  }
}

function code(c: string) {
  return (e: unknown) => e instanceof DossierError && e.code === c;
}

/** A re-analysis of a document: same id, different content. */
function reanalysed(doc: NativeDocument): NativeDocument {
  const d = structuredClone(doc);
  d.claims = d.claims.map((c) => ({ ...c, certainty: Math.round(Math.max(0, c.certainty - 0.05) * 100) / 100 }));
  return d;
}

export function runStoreContract(name: string, open: OpenFreshStore): void {
  describe(`Store contract: ${name}`, () => {
    it('returns a saved document exactly as saved, extra fields included', () =>
      withStore(open, async (s) => {
        const doc = fixture('meeting-asharq');
        assert.deepEqual(await s.saveDocument(doc), { id: 'doc_asharq_meeting', created: true, replaced: false });
        assert.equal(await s.hasDocument('doc_asharq_meeting'), true);
        assert.equal(await s.hasDocument('doc_nope'), false);
        const back = await s.getDocument('doc_asharq_meeting');
        assert.deepEqual(back, doc);
        assert.equal((back?.entities.find((e) => e.id === 'e6') as { anonymous?: boolean }).anonymous, true);
        assert.equal(await s.getDocument('doc_nope'), undefined);
      }));

    it('stores a document once when it is saved twice', () =>
      withStore(open, async (s) => {
        const doc = fixture('meeting-asharq');
        await s.saveDocument(doc);
        const before = await s.stats();
        assert.deepEqual(await s.saveDocument(fixture('meeting-asharq')), { id: 'doc_asharq_meeting', created: false, replaced: false });
        const after = await s.stats();
        assert.equal(after.documents, 1);
        assert.equal(after.mentions, before.mentions);
        assert.equal(after.events, before.events);
        assert.equal(after.sentences, doc.sentences.length);
      }));

    it('replaces all rows of a re-analysed document', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        const doc = reanalysed(fixture('meeting-asharq'));
        doc.events = doc.events.filter((e) => e.id !== 'v2');
        doc.entities = doc.entities.filter((e) => e.id !== 'e5');
        assert.deepEqual(await s.saveDocument(doc), { id: 'doc_asharq_meeting', created: false, replaced: true });
        const st = await s.stats();
        assert.equal(st.documents, 1);
        assert.equal(st.events, 2);
        assert.equal(st.entitiesByType['ORGANIZATION'], 3, "Kata'ib Hezbollah no longer has a mention");
        const ev = await s.getEvent('doc_asharq_meeting:v1');
        assert.equal(ev.claim?.certainty, 0.55);
        await assert.rejects(s.getEvent('doc_asharq_meeting:v2'), code('NOT_FOUND'));
      }));

    it('keeps the stored rows when a re-save fails half-way', () =>
      withStore(
        open,
        async (s) => {
          await s.saveDocument(fixture('meeting-asharq'));
          const broken = reanalysed(fixture('meeting-asharq'));
          broken.events[0]!.sources = ['e404'];
          await assert.rejects(s.saveDocument(broken), (e: unknown) => e instanceof DossierError && e.code === 'STORE_FAILED' && /e404/.test(e.message));
          assert.deepEqual(await s.getDocument('doc_asharq_meeting'), fixture('meeting-asharq'));
          const ev = await s.getEvent('doc_asharq_meeting:v1');
          assert.equal(ev.sources[0]?.name, 'Mohammad Reza Fallahzadeh');
          assert.equal((await s.stats()).sentences, 3);
          assert.equal((await s.search('Fallahzadeh')).length, 1, 'the search index was rolled back too');
          assert.equal((await s.searchDocuments('Fallahzadeh')).length, 1);
        },
        { validate: false },
      ));

    it('refuses a document that breaks the native contract, storing nothing', () =>
      withStore(open, async (s) => {
        const bad = fixture('sistani-ali');
        bad.entities[0]!.mentions[0]!.end = 10_000;
        await assert.rejects(s.saveDocument(bad), (e: unknown) => e instanceof DossierError && e.code === 'USAGE' && /doc_sistani_ali/.test(e.message));
        assert.equal((await s.stats()).documents, 0);
      }));

    it('merges entities across documents by kb id and by type + full name', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        await s.saveDocument(fixture('meeting-farda'));
        const maliki = await s.getEntity('Nouri al-Maliki');
        assert.equal(maliki.documentCount, 2);
        assert.equal(maliki.kbId, 'NOURI_AL_MALIKI');
        const quds = await s.getEntity('IRGC-QF');
        assert.equal(quds.documentCount, 2);
        assert.ok(quds.aliases.includes('the Quds Force'));
        const baghdad = await s.getEntity('baghdad');
        assert.equal(baghdad.documentCount, 2);
        assert.deepEqual(baghdad.geo, { lat: 33.34058, lon: 44.40088, country: 'IQ', geonamesId: 98182 });
        const factions = await s.getEntity('Iraqi factions');
        assert.equal(factions.documentCount, 2);
        // Two anonymous sources behind two outlets stay two entities.
        assert.notEqual((await s.getEntity('informed Iraqi sources')).id, (await s.getEntity('informed sources')).id);
        assert.equal((await s.getEntity('informed sources')).anonymous, true);
      }));

    it('never merges anonymous sources across documents, even with the same description', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        const farda = fixture('meeting-farda');
        farda.entities.find((e) => e.id === 'p2')!.name = 'informed Iraqi sources';
        await s.saveDocument(farda);
        const sources = await s.listEntities({ type: 'SOURCE' });
        assert.equal(sources.length, 2);
        assert.ok(sources.every((e) => e.name === 'informed Iraqi sources' && e.documentCount === 1));
        await assert.rejects(s.getEntity('informed Iraqi sources'), code('USAGE'), 'the name is ambiguous: ask for an id');
      }));

    it('never merges two people who share only a surname', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('sistani-ali'));
        await s.saveDocument(fixture('sistani-mohammed'));
        const people = await s.listEntities({ type: 'PERSON' });
        assert.deepEqual(people.map((p) => p.name).sort(), ['Ali al-Sistani', 'Mohammed al-Sistani']);
        for (const p of people) assert.equal(p.documentCount, 1);
        const ali = await s.getEntity('Ali al-Sistani');
        assert.equal(ali.mentionCount, 2);
        assert.deepEqual(ali.documents.map((d) => d.id), ['doc_sistani_ali']);
        await assert.rejects(s.getEntity('Hassan al-Sistani'), code('NOT_FOUND'));
      }));

    it('lists entities by mention count with document counts, filtered by type', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        await s.saveDocument(fixture('meeting-farda'));
        const all = await s.listEntities();
        for (let i = 1; i < all.length; i++) assert.ok(all[i - 1]!.mentionCount >= all[i]!.mentionCount);
        const locs = await s.listEntities({ type: 'LOCATION' });
        assert.ok(locs.length > 0 && locs.every((e) => e.type === 'LOCATION'));
        assert.equal((await s.listEntities({ limit: 2 })).length, 2);
      }));

    it('shows an entity with its evidence sentences, events and relations', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        const e = await s.getEntity('Mohammad Reza Fallahzadeh');
        assert.equal(e.type, 'PERSON');
        assert.equal(e.evidence.length, 1);
        assert.match(e.evidence[0]!.text, /deputy commander of the Quds Force/);
        assert.deepEqual(e.events.map((x) => `${x.id}/${x.role}`).sort(), ['doc_asharq_meeting:v1/source', 'doc_asharq_meeting:v2/target']);
        assert.deepEqual(e.relations.map((r) => [r.type, r.direction, r.other.name]), [['deputy_commander_of', 'out', 'Quds Force']]);
        assert.equal((await s.getEntity(e.id)).id, e.id);
      }));

    it('counts two reports of one meeting as one event with two sources', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        await s.saveDocument(fixture('meeting-farda'));
        const consults = (await s.timeline()).filter((t) => t.type === 'CONSULT');
        const meeting = consults.find((t) => t.corroboration === 2);
        assert.ok(meeting, 'the meeting is corroborated by both reports');
        assert.equal(meeting.claimCount, 2);
        assert.deepEqual(meeting.reports.map((r) => r.documentId).sort(), ['doc_asharq_meeting', 'doc_farda_meeting']);
        assert.deepEqual(meeting.date, { start: '2023-10-24', end: '2023-10-24', text: 'on Tuesday' });
        assert.equal(meeting.location?.name, 'Baghdad');
        const ev = await s.getEvent('doc_farda_meeting:x1');
        assert.deepEqual(ev.corroboratedBy.map((c) => c.id), ['doc_asharq_meeting:v1']);
        assert.equal(ev.claim?.via[0]?.name, 'Radio Farda');
        assert.equal(ev.claim?.attributedTo[0]?.name, 'informed sources');
        const st = await s.stats();
        assert.equal(st.corroboratedClusters, 1);
        assert.equal(st.eventClusters, st.happenedEvents - 1);
      }));

    it('keeps conditional events out of the timeline unless asked, never as happened', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        const happened = await s.timeline();
        assert.ok(happened.every((t) => t.happened && t.type !== 'ASSAULT'));
        const all = await s.timeline({ includeUnhappened: true });
        const attack = all.find((t) => t.type === 'ASSAULT');
        assert.ok(attack);
        assert.equal(attack.happened, false);
        assert.equal(attack.modality, 'conditional');
        assert.equal((await s.stats()).happenedEvents, 2);
        assert.equal((await s.getEvent('doc_asharq_meeting:v3')).happened, false);
      }));

    it('orders the timeline by date and filters by a date range', () =>
      withStore(open, async (s) => {
        for (const f of ['meeting-asharq', 'meeting-farda', 'sistani-ali', 'sistani-mohammed']) await s.saveDocument(fixture(f));
        const t = await s.timeline();
        const dated = t.filter((x) => x.date).map((x) => x.date!.start);
        assert.deepEqual(dated, [...dated].sort());
        assert.equal(t[0]!.date?.start, '2023-10-20');
        assert.ok(t.findIndex((x) => !x.date) > t.findLastIndex((x) => x.date), 'undated events come last');
        const window = await s.timeline({ from: '2023-10-22', to: '2023-10-23' });
        assert.deepEqual(window.map((x) => x.date?.start), ['2023-10-22']);
        await assert.rejects(s.timeline({ from: 'last week' }), code('USAGE'));
      }));

    it('finds sentences by full-text search', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        await s.saveDocument(fixture('meeting-farda'));
        const hits = await s.search('ambassador');
        assert.equal(hits.length, 1);
        assert.equal(hits[0]!.documentId, 'doc_farda_meeting');
        assert.equal(hits[0]!.title, 'Iranian general held talks with Iraqi leaders, Radio Farda says');
        assert.deepEqual(hits[0]!.sentence, { start: 0, end: 166 });
        assert.match(hits[0]!.snippet, /\[Ambassador\]/);
        // Words are ANDed; stemming lets "meetings" find "meeting".
        const both = await s.search('meeting Baghdad');
        assert.deepEqual(both.map((h) => h.documentId), ['doc_farda_meeting']);
        const either = await s.search('meetings OR Baghdad');
        assert.deepEqual(either.map((h) => `${h.documentId}@${h.sentence.start}`).sort(), ['doc_asharq_meeting@0', 'doc_asharq_meeting@159', 'doc_farda_meeting@0']);
        for (const h of either) assert.match(h.snippet, /\[(meeting|Baghdad)\]/);
        for (let i = 1; i < either.length; i++) assert.ok(either[i - 1]!.rank >= either[i]!.rank, 'best hits first');
        assert.deepEqual((await s.search('"recent days"')).map((h) => h.documentId), ['doc_farda_meeting']);
        assert.deepEqual((await s.search('Baghdad -ambassador')).map((h) => h.documentId), ['doc_asharq_meeting']);
        assert.equal((await s.search('Baghdad', { limit: 1 })).length, 1);
        assert.deepEqual(await s.search('zeppelin'), []);
        assert.deepEqual(await s.search('  '), []);
        // Punctuation that is syntax in FTS engines is just text here.
        assert.equal((await s.search("al-Maliki ( * ^ \"")).length, 2);
      }));

    it('finds whole documents by title and text, title words first', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        await s.saveDocument(fixture('meeting-farda'));
        await s.saveDocument(fixture('sistani-ali'));
        // "general" is only in the Farda report's title.
        const general = await s.searchDocuments('general');
        assert.deepEqual(general.map((h) => h.documentId), ['doc_farda_meeting']);
        assert.equal(general[0]!.publishedAt, '2023-10-28');
        const maliki = await s.searchDocuments('al-Maliki');
        assert.deepEqual(maliki.map((h) => h.documentId).sort(), ['doc_asharq_meeting', 'doc_farda_meeting']);
        assert.equal(maliki[0]!.documentId, 'doc_asharq_meeting', 'its title names al-Maliki');
        assert.ok(maliki.every((h) => /\[/.test(h.snippet)));
        assert.deepEqual((await s.searchDocuments('restraint -Basra')).map((h) => h.documentId), ['doc_sistani_ali']);
        // A re-analysed document is indexed once, with its new content.
        const re = fixture('sistani-ali');
        re.document.title = 'Najaf cleric urges calm';
        await s.saveDocument(re);
        assert.deepEqual((await s.searchDocuments('cleric')).map((h) => h.documentId), ['doc_sistani_ali']);
        assert.deepEqual(await s.searchDocuments('"calls for restraint"'), [], 'the old title is gone');
        assert.deepEqual(await s.searchDocuments('-x'), []);
      }));

    it('merges two entities and keeps the merge when a document is re-analysed', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        await s.saveDocument(fixture('meeting-farda'));
        const a = await s.getEntity('Mohammad Reza Fallahzadeh');
        const b = await s.getEntity('Mohammadreza Fallahzadeh');
        assert.notEqual(a.id, b.id);
        const r = await s.mergeEntities(a.id, 'Mohammadreza Fallahzadeh');
        assert.deepEqual(r, { id: a.id, merged: b.id, mentionsMoved: 1 });
        assert.equal((await s.getEntity(a.id)).documentCount, 2);
        assert.equal((await s.getEntity(b.id)).id, a.id, 'the merged-away id still resolves');
        await s.saveDocument(reanalysed(fixture('meeting-farda')));
        const merged = await s.getEntity('Mohammadreza Fallahzadeh');
        assert.equal(merged.id, a.id);
        assert.equal(merged.documentCount, 2);
        assert.ok(merged.aliases.includes('Mohammadreza Fallahzadeh'));
        assert.equal((await s.stats()).corrections, 1);
        await assert.rejects(s.mergeEntities(a.id, b.id), code('USAGE'));
        await assert.rejects(s.mergeEntities(a.id, 'Nobody Known'), code('NOT_FOUND'));
      }));

    it('splits an entity by document and keeps the split when the document is re-analysed', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        await s.saveDocument(fixture('meeting-farda'));
        const maliki = await s.getEntity('NOURI_AL_MALIKI');
        const r = await s.splitEntity(maliki.id, { documentId: 'doc_farda_meeting' });
        assert.equal(r.from, maliki.id);
        assert.equal(r.mentionsMoved, 1);
        assert.deepEqual((await s.getEntity(maliki.id)).documents.map((d) => d.id), ['doc_asharq_meeting']);
        const split = await s.getEntity(r.id);
        assert.deepEqual(split.documents.map((d) => d.id), ['doc_farda_meeting']);
        assert.deepEqual(split.events.map((e) => e.id), ['doc_farda_meeting:x1']);
        await s.saveDocument(reanalysed(fixture('meeting-farda')));
        assert.deepEqual((await s.getEntity(maliki.id)).documents.map((d) => d.id), ['doc_asharq_meeting']);
        assert.deepEqual((await s.getEntity(r.id)).documents.map((d) => d.id), ['doc_farda_meeting']);
        // Without a shared participant the two meeting reports are no longer one event.
        assert.ok((await s.timeline()).every((t) => t.corroboration === 1));
        await assert.rejects(s.splitEntity(maliki.id, { documentId: 'doc_sistani_ali' }), code('NOT_FOUND'));
        await assert.rejects(s.splitEntity(maliki.id, { documentId: 'doc_asharq_meeting' }), code('USAGE'));
      }));

    it('splits single mentions off an entity, surviving re-analysis', () =>
      withStore(open, async (s) => {
        await s.saveDocument(fixture('meeting-asharq'));
        const src = await s.getEntity('informed Iraqi sources');
        assert.equal(src.mentionCount, 2);
        const second = src.mentions.find((m) => m.text === 'the same sources')!;
        const r = await s.splitEntity(src.id, { mentionIds: [second.id] });
        assert.deepEqual((await s.getEntity(r.id)).mentions.map((m) => m.text), ['the same sources']);
        await s.saveDocument(reanalysed(fixture('meeting-asharq')));
        assert.deepEqual((await s.getEntity(src.id)).mentions.map((m) => m.text), ['Informed Iraqi sources']);
        assert.deepEqual((await s.getEntity(r.id)).mentions.map((m) => m.text), ['the same sources']);
      }));

    it('reports unknown ids as NOT_FOUND', () =>
      withStore(open, async (s) => {
        await assert.rejects(s.getEntity('ent_0000000000000000'), code('NOT_FOUND'));
        await assert.rejects(s.getEvent('doc_x:v1'), code('NOT_FOUND'));
      }));

    it('counts what it holds', () =>
      withStore(open, async (s) => {
        for (const f of ['meeting-asharq', 'meeting-farda', 'sistani-ali', 'sistani-mohammed']) await s.saveDocument(fixture(f));
        const st = await s.stats();
        assert.equal(st.dialect, name.toLowerCase().startsWith('postgres') ? 'postgres' : 'sqlite');
        assert.equal(st.schemaVersion, 2);
        assert.equal(st.documents, 4);
        assert.equal(st.sentences, 3 + 2 + 2 + 2);
        assert.equal(st.events, 7);
        assert.equal(st.eventsByType['CONSULT'], 4);
        assert.equal(st.happenedEvents, 6);
        assert.equal(st.claims, 4);
        assert.equal(st.relations, 3);
        assert.equal(st.entitiesByType['PERSON'], 5, 'two spellings of Fallahzadeh stay apart until merged');
        assert.equal(st.corrections, 0);
        const docs = await s.listDocuments();
        assert.deepEqual(docs.map((d) => d.publishedAt), ['2023-10-20', '2023-10-23', '2023-10-26', '2023-10-28']);
        assert.equal(docs[0]!.title, 'Sistani calls for restraint');
        assert.equal((await s.listDocuments({ limit: 1 })).length, 1);
      }));
  });
}
