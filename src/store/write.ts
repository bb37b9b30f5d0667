/**
 * @module store/write
 * Writing one analysed document: its rows are replaced inside the caller's transaction, local
 * entities are resolved to global entities (applying analyst overrides first), and the event
 * clusters of the touched event types are recomputed.
 */
import { sql, type Transaction } from 'kysely';
import type { NativeDocument, NativeEntity } from '../export/contract.ts';
import { DossierError } from '../errors.ts';
import type { DB } from './schema.ts';
import type { Dialect } from './types.ts';
import { entityIdFor, idKey, isAnonymousSource, kbKey, nameKey, primaryKey } from './keys.ts';
import { lockWriters, recluster } from './corroborate.ts';

const UNHAPPENED = new Set(['conditional', 'negated']);

export function happened(modality: string): boolean {
  return !UNHAPPENED.has(modality);
}

function* chunks<T>(rows: readonly T[], size = 200): Generator<T[]> {
  for (let i = 0; i < rows.length; i += size) yield rows.slice(i, i + size);
}

export function globalId(documentId: string, localId: string): string {
  return `${documentId}:${localId}`;
}

/**
 * Deletes every row derived from a document (not the document row, not global entities).
 * Returns the event clusters its events belonged to (they must be re-clustered).
 */
export async function deleteDocumentRows(trx: Transaction<DB>, dialect: Dialect, documentId: string): Promise<string[]> {
  const oldClusters = await trx.selectFrom('events').select('cluster_id').distinct().where('document_id', '=', documentId).execute();
  if (dialect === 'sqlite') {
    await sql`delete from sentence_fts where rowid in (select id from sentences where document_id = ${documentId})`.execute(trx);
  }
  await trx.deleteFrom('sentences').where('document_id', '=', documentId).execute();
  await trx.deleteFrom('mentions').where('document_id', '=', documentId).execute();
  await trx.deleteFrom('document_entities').where('document_id', '=', documentId).execute();
  await trx
    .deleteFrom('event_actors')
    .where('event_id', 'in', trx.selectFrom('events').select('id').where('document_id', '=', documentId))
    .execute();
  await trx.deleteFrom('events').where('document_id', '=', documentId).execute();
  await trx
    .deleteFrom('claim_sources')
    .where('claim_id', 'in', trx.selectFrom('claims').select('id').where('document_id', '=', documentId))
    .execute();
  await trx.deleteFrom('claims').where('document_id', '=', documentId).execute();
  await trx.deleteFrom('relations').where('document_id', '=', documentId).execute();
  return oldClusters.map((r) => r.cluster_id);
}

/**
 * `entity_keys` as read and written during one save. Writers are serialised (SQLite by itself,
 * PostgreSQL by `lockWriters`), so what this cache holds stays true until the commit.
 */
class KeyCache {
  readonly #trx: Transaction<DB>;
  readonly #map = new Map<string, string | undefined>();

  constructor(trx: Transaction<DB>) {
    this.#trx = trx;
  }

  /** Reads many keys in a few queries. */
  async prefetch(keys: Iterable<string>): Promise<void> {
    const todo = [...new Set(keys)].filter((k) => !this.#map.has(k));
    for (let i = 0; i < todo.length; i += 500) {
      const slice = todo.slice(i, i + 500);
      const rows = await this.#trx.selectFrom('entity_keys').select(['key', 'entity_id']).where('key', 'in', slice).execute();
      for (const k of slice) this.#map.set(k, undefined);
      for (const r of rows) this.#map.set(r.key, r.entity_id);
    }
  }

  async get(key: string): Promise<string | undefined> {
    if (!this.#map.has(key)) await this.prefetch([key]);
    return this.#map.get(key);
  }

  /** Gives `key` to `entityId` unless some entity already owns it. */
  async claim(key: string, entityId: string): Promise<void> {
    if ((await this.get(key)) !== undefined) return;
    await this.#trx.insertInto('entity_keys').values({ key, entity_id: entityId }).onConflict((oc) => oc.column('key').doNothing()).execute();
    this.#map.set(key, entityId);
  }
}

type LocalEntity = NativeEntity & { anonymous?: boolean };

type Override = { key: string; span_start: number | null; span_end: number | null; entity_id: string };

/** Finds or creates the global entity for a local entity; returns its id. */
async function resolveEntity(
  trx: Transaction<DB>,
  keys: KeyCache,
  documentId: string,
  e: LocalEntity,
  now: string,
  overrides: readonly Override[],
): Promise<string> {
  const pk = primaryKey(e, documentId);
  const anonymous = isAnonymousSource(e);
  const nk = nameKey(e.type, e.name);
  // The latest document-level split for this key wins.
  const override = overrides.findLast((o) => o.key === pk && o.span_start === null);
  let id = override?.entity_id ?? (await keys.get(pk));
  if (!id && e.kb?.id && !anonymous) {
    // A kb-linked entity may join an earlier unlinked one with the same name and type,
    // but never one linked to a different kb id.
    const byName = await keys.get(nk);
    if (byName) {
      const row = await trx.selectFrom('entities').select('kb_id').where('id', '=', byName).executeTakeFirst();
      if (row && (row.kb_id === null || row.kb_id === e.kb.id)) id = byName;
    }
  }
  if (!id) {
    id = entityIdFor(pk);
    await trx
      .insertInto('entities')
      .values({
        id,
        type: e.type,
        subtype: e.subtype ?? null,
        name: e.name,
        kb_id: e.kb?.id ?? null,
        wikidata: e.kb?.wikidata ?? null,
        code: e.kb?.code ?? null,
        lat: e.geo?.lat ?? null,
        lon: e.geo?.lon ?? null,
        country: e.geo?.country ?? null,
        geonames_id: e.geo?.geonamesId ?? null,
        anonymous: e.anonymous ? 1 : 0,
        created_at: now,
      })
      .onConflict((oc) => oc.column('id').doNothing())
      .execute();
    await keys.claim(pk, id);
    await keys.claim(idKey(id), id);
  } else {
    await keys.claim(pk, id);
    if (e.kb?.id) await keys.claim(kbKey(e.kb.id), id);
    // Fill in what earlier reports lacked (kb link, coordinates), never overwrite.
    const row = e.kb || e.geo || e.subtype ? await trx.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirst() : undefined;
    if (row) {
      const patch: Partial<Record<'kb_id' | 'wikidata' | 'code' | 'subtype' | 'country', string>> & { lat?: number; lon?: number; geonames_id?: number } = {};
      if (row.kb_id === null && e.kb?.id) patch.kb_id = e.kb.id;
      if (row.wikidata === null && e.kb?.wikidata) patch.wikidata = e.kb.wikidata;
      if (row.code === null && e.kb?.code) patch.code = e.kb.code;
      if (row.subtype === null && e.subtype) patch.subtype = e.subtype;
      if (row.lat === null && e.geo) {
        patch.lat = e.geo.lat;
        patch.lon = e.geo.lon;
        patch.country = e.geo.country;
        if (e.geo.geonamesId !== undefined) patch.geonames_id = e.geo.geonamesId;
      }
      if (Object.keys(patch).length > 0) await trx.updateTable('entities').set(patch).where('id', '=', id).execute();
    }
  }
  if (!anonymous) await keys.claim(nk, id);
  return id;
}

function missing(documentId: string, what: string, ref: string): DossierError {
  return new DossierError('STORE_FAILED', `saveDocument: document "${documentId}" ${what} refers to unknown id "${ref}"`, { input: documentId });
}

/** Inserts all rows of `doc` (its old rows must already be gone). Returns the new event ids. */
export async function insertDocumentRows(trx: Transaction<DB>, dialect: Dialect, doc: NativeDocument, now: string): Promise<string[]> {
  const docId = doc.document.id;
  const text = doc.document.text;

  const sentences = doc.sentences.map((s, idx) => ({ document_id: docId, idx, span_start: s.start, span_end: s.end, text: text.slice(s.start, s.end) }));
  for (const c of chunks(sentences)) await trx.insertInto('sentences').values(c).execute();
  if (sentences.length > 0) {
    if (dialect === 'sqlite') {
      await sql`insert into sentence_fts (rowid, text) select id, text from sentences where document_id = ${docId}`.execute(trx);
    } else {
      await sql`update sentences set tsv = to_tsvector('english', text) where document_id = ${docId}`.execute(trx);
    }
  }

  const local = new Map<string, string>();
  const docEntities: DB['document_entities'][] = [];
  const mentions: Array<Omit<DB['mentions'], 'id'>> = [];
  const overrides = await trx
    .selectFrom('entity_overrides')
    .select(['key', 'span_start', 'span_end', 'entity_id'])
    .where('document_id', '=', docId)
    .orderBy('id')
    .execute();
  const keys = new KeyCache(trx);
  await keys.prefetch(
    (doc.entities as LocalEntity[]).flatMap((e) => [primaryKey(e, docId), nameKey(e.type, e.name), ...(e.kb?.id ? [kbKey(e.kb.id)] : [])]),
  );
  for (const e of doc.entities as LocalEntity[]) {
    const gid = await resolveEntity(trx, keys, docId, e, now, overrides);
    local.set(e.id, gid);
    const pk = primaryKey(e, docId);
    docEntities.push({ document_id: docId, local_id: e.id, entity_id: gid, name: e.name, type: e.type, key: pk });
    for (const m of e.mentions) {
      const o = overrides.findLast((x) => x.key === pk && x.span_start === m.start && x.span_end === m.end);
      mentions.push({ document_id: docId, entity_id: o?.entity_id ?? gid, local_entity_id: e.id, span_start: m.start, span_end: m.end, text: m.text });
    }
  }
  for (const c of chunks(docEntities)) await trx.insertInto('document_entities').values(c).execute();
  for (const c of chunks(mentions)) await trx.insertInto('mentions').values(c).execute();
  const entity = (what: string, ref: string): string => {
    const g = local.get(ref);
    if (!g) throw missing(docId, what, ref);
    return g;
  };

  const claimIds = new Set(doc.claims.map((c) => c.id));
  const claimRef = (what: string, ref: string | undefined): string | null => {
    if (ref === undefined) return null;
    if (!claimIds.has(ref)) throw missing(docId, what, ref);
    return globalId(docId, ref);
  };
  const claims = doc.claims.map((c) => ({
    id: globalId(docId, c.id),
    document_id: docId,
    local_id: c.id,
    span_start: c.start,
    span_end: c.end,
    cue_start: c.cue?.start ?? null,
    cue_end: c.cue?.end ?? null,
    cue_text: c.cue?.text ?? null,
    anonymous: c.anonymous ? 1 : 0,
    hedges: JSON.stringify(c.hedges),
    certainty: c.certainty,
  }));
  const claimSources = doc.claims.flatMap((c) => [
    ...c.attributedTo.map((ref, position) => ({ claim_id: globalId(docId, c.id), entity_id: entity(`claim ${c.id}`, ref), role: 'attributed', position })),
    ...c.via.map((ref, position) => ({ claim_id: globalId(docId, c.id), entity_id: entity(`claim ${c.id}`, ref), role: 'via', position })),
  ]);
  for (const c of chunks(claims)) await trx.insertInto('claims').values(c).execute();
  for (const c of chunks(claimSources)) await trx.insertInto('claim_sources').values(c).execute();

  const events = doc.events.map((ev) => ({
    id: globalId(docId, ev.id),
    document_id: docId,
    local_id: ev.id,
    type: ev.type,
    mode: ev.mode ?? null,
    context: ev.context ?? null,
    cameo: ev.cameo ?? null,
    modality: ev.modality,
    happened: happened(ev.modality) ? 1 : 0,
    trigger_start: ev.trigger.start,
    trigger_end: ev.trigger.end,
    trigger_text: ev.trigger.text,
    date_text: ev.date?.text ?? null,
    date_start: ev.date?.start ?? null,
    date_end: ev.date?.end ?? null,
    location_id: ev.location === undefined ? null : entity(`event ${ev.id} location`, ev.location),
    claim_id: claimRef(`event ${ev.id} claim`, ev.claim),
    cluster_id: globalId(docId, ev.id),
  }));
  const actors = doc.events.flatMap((ev) => [
    ...ev.sources.map((ref) => ({ event_id: globalId(docId, ev.id), entity_id: entity(`event ${ev.id} source`, ref), role: 'source' })),
    ...ev.targets.map((ref) => ({ event_id: globalId(docId, ev.id), entity_id: entity(`event ${ev.id} target`, ref), role: 'target' })),
  ]);
  for (const c of chunks(events, 100)) await trx.insertInto('events').values(c).execute();
  for (const c of chunks(actors)) await trx.insertInto('event_actors').values(c).execute();

  const relations = doc.relations.map((r) => ({
    id: globalId(docId, r.id),
    document_id: docId,
    local_id: r.id,
    type: r.type,
    from_id: entity(`relation ${r.id} from`, r.from),
    to_id: entity(`relation ${r.id} to`, r.to),
    evidence_start: r.evidence.start,
    evidence_end: r.evidence.end,
    claim_id: claimRef(`relation ${r.id} claim`, r.claim),
  }));
  for (const c of chunks(relations)) await trx.insertInto('relations').values(c).execute();
  return events.map((e) => e.id);
}

/** Replaces a document's rows and re-clusters; runs inside the caller's transaction. */
export async function writeDocument(
  trx: Transaction<DB>,
  dialect: Dialect,
  doc: NativeDocument,
  json: string,
  hash: string,
  exists: boolean,
): Promise<void> {
  const now = new Date().toISOString();
  const d = doc.document;
  const row = {
    title: d.title ?? null,
    source: d.source ?? null,
    published_at: d.publishedAt ?? null,
    language: d.language,
    text: d.text,
    json,
    hash,
    updated_at: now,
  };
  await lockWriters(trx);
  let staleClusters: string[] = [];
  let replace = exists;
  if (!replace) {
    const inserted = await trx
      .insertInto('documents')
      .values({ id: d.id, ...row, created_at: now })
      .onConflict((oc) => oc.column('id').doNothing())
      .executeTakeFirst();
    // Another writer stored the same id meanwhile: replace its rows like a re-analysis.
    replace = Number(inserted.numInsertedOrUpdatedRows ?? 0n) === 0;
  }
  if (replace) {
    staleClusters = await deleteDocumentRows(trx, dialect, d.id);
    await trx.updateTable('documents').set(row).where('id', '=', d.id).execute();
  }
  if (dialect === 'sqlite') {
    await sql`delete from document_fts where rowid = (select rowid from documents where id = ${d.id})`.execute(trx);
    await sql`insert into document_fts (rowid, title, text) select rowid, coalesce(title, ''), text from documents where id = ${d.id}`.execute(trx);
  } else {
    await sql`update documents set tsv = setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B') where id = ${d.id}`.execute(trx);
  }
  const eventIds = await insertDocumentRows(trx, dialect, doc, now);
  await recluster(trx, eventIds, staleClusters);
}
