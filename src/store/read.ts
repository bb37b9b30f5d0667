/**
 * @module store/read
 * Read queries shared by both dialects: documents, entities (with evidence), events (with their
 * claim and corroborating reports) and statistics. Counts come back as strings on PostgreSQL
 * (bigint), so every aggregate goes through `num`.
 */
import type { Kysely } from 'kysely';
import type { NativeDocument } from '../export/contract.ts';
import type { EntityType } from '../nlp/doc.ts';
import { DossierError } from '../errors.ts';
import type { DB } from './schema.ts';
import type { ActorRef, ClaimDetail, EntityDetail, EntitySummary, EventDetail, ListEntitiesOptions, StoreStats, Dialect } from './types.ts';
import { idKey, kbKey, nameKey } from './keys.ts';
import { SCHEMA_VERSION } from './migrations.ts';

/** `getEntity` lists at most this many mentions (counts are always complete). */
const MAX_MENTIONS = 1000;

const ENTITY_TYPES: readonly EntityType[] = ['PERSON', 'ORGANIZATION', 'LOCATION', 'ROLE', 'SOURCE'];

export function num(x: unknown): number {
  return typeof x === 'number' ? x : Number(x ?? 0);
}

function opt<T>(v: T | null | undefined): T | undefined {
  return v === null ? undefined : v;
}

export async function getDocument(db: Kysely<DB>, id: string): Promise<NativeDocument | undefined> {
  const row = await db.selectFrom('documents').select('json').where('id', '=', id).executeTakeFirst();
  return row ? (JSON.parse(row.json) as NativeDocument) : undefined;
}

/** Turns an id, a merged-away id, a kb id or a name into a global entity id. */
export async function resolveEntityRef(db: Kysely<DB>, idOrName: string): Promise<string> {
  const ref = idOrName.trim();
  const direct = await db.selectFrom('entities').select('id').where('id', '=', ref).executeTakeFirst();
  if (direct) return direct.id;
  const keyed = await db.selectFrom('entity_keys').select('entity_id').where('key', 'in', [idKey(ref), kbKey(ref)]).executeTakeFirst();
  if (keyed) return keyed.entity_id;
  const byName = await db
    .selectFrom('entity_keys')
    .select('entity_id')
    .distinct()
    .where('key', 'in', ENTITY_TYPES.map((t) => nameKey(t, ref)))
    .execute();
  let ids = byName.map((r) => r.entity_id);
  if (ids.length === 0) {
    // Last resort: a case-insensitive match on the display name.
    const rows = await db.selectFrom('entities').select('id').where((eb) => eb(eb.fn('lower', ['name']), '=', ref.toLowerCase())).execute();
    ids = rows.map((r) => r.id);
  }
  if (ids.length === 1) return ids[0]!;
  if (ids.length === 0) {
    // Never resolve a partial name (a surname may belong to several people), but say who matches.
    const like = await db
      .selectFrom('entities')
      .select(['id', 'name'])
      .where((eb) => eb(eb.fn('lower', ['name']), 'like', `%${ref.toLowerCase().replace(/[%_\\]/g, '')}%`))
      .orderBy('name')
      .limit(5)
      .execute();
    const hint = like.length > 0 ? `; names containing it: ${like.map((r) => `${r.name} (${r.id})`).join(', ')}` : ' (list them with `dossier entities`)';
    throw new DossierError('NOT_FOUND', `no entity with id or name "${ref}"${hint}`, { input: ref });
  }
  const rows = await db.selectFrom('entities').select(['id', 'type', 'name']).where('id', 'in', ids).execute();
  const list = rows.map((r) => `${r.id} (${r.type} ${r.name})`).join(', ');
  throw new DossierError('USAGE', `entity name "${ref}" is ambiguous: ${list}; use an id`, { input: ref });
}

export async function listEntities(db: Kysely<DB>, { type, limit = 100 }: ListEntitiesOptions = {}): Promise<EntitySummary[]> {
  let q = db
    .selectFrom('entities as e')
    .innerJoin('mentions as m', 'm.entity_id', 'e.id')
    .select(['e.id', 'e.type', 'e.subtype', 'e.name', 'e.kb_id'])
    .select((eb) => [eb.fn.count('m.id').as('mention_count'), eb.fn.count('m.document_id').distinct().as('document_count')])
    .groupBy(['e.id', 'e.type', 'e.subtype', 'e.name', 'e.kb_id']);
  if (type) q = q.where('e.type', '=', type);
  const rows = await q.orderBy('mention_count', 'desc').orderBy('e.name').limit(limit).execute();
  return rows.map((r) => ({
    id: r.id,
    type: r.type as EntityType,
    ...(r.subtype !== null && { subtype: r.subtype }),
    name: r.name,
    ...(r.kb_id !== null && { kbId: r.kb_id }),
    mentionCount: num(r.mention_count),
    documentCount: num(r.document_count),
  }));
}

async function actorRefs(db: Kysely<DB>, ids: readonly string[]): Promise<Map<string, ActorRef>> {
  if (ids.length === 0) return new Map();
  const rows = await db.selectFrom('entities').select(['id', 'name', 'type']).where('id', 'in', [...new Set(ids)]).execute();
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name, type: r.type as EntityType }]));
}

export async function getEntity(db: Kysely<DB>, idOrName: string): Promise<EntityDetail> {
  const id = await resolveEntityRef(db, idOrName);
  const e = await db.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const mentions = await db
    .selectFrom('mentions')
    .select(['id', 'document_id', 'span_start', 'span_end', 'text'])
    .where('entity_id', '=', id)
    .orderBy('document_id')
    .orderBy('span_start')
    .limit(MAX_MENTIONS)
    .execute();
  const total = await db.selectFrom('mentions').select((eb) => eb.fn.countAll().as('n')).where('entity_id', '=', id).executeTakeFirstOrThrow();
  const names = await db
    .selectFrom('document_entities')
    .select('name')
    .select((eb) => eb.fn.count('local_id').as('n'))
    .where('entity_id', '=', id)
    .groupBy('name')
    .execute();
  const aliasCount = new Map<string, number>();
  for (const n of names) aliasCount.set(n.name, num(n.n));
  for (const m of mentions) aliasCount.set(m.text, (aliasCount.get(m.text) ?? 0) + 1);
  const docs = await db
    .selectFrom('mentions as m')
    .innerJoin('documents as d', 'd.id', 'm.document_id')
    .select(['d.id', 'd.title', 'd.published_at'])
    .select((eb) => eb.fn.count('m.id').as('n'))
    .where('m.entity_id', '=', id)
    .groupBy(['d.id', 'd.title', 'd.published_at'])
    .orderBy('d.published_at')
    .orderBy('d.id')
    .execute();
  const evidence = await db
    .selectFrom('sentences as s')
    .innerJoin('mentions as m', (j) =>
      j.onRef('m.document_id', '=', 's.document_id').onRef('s.span_start', '<=', 'm.span_start').onRef('s.span_end', '>=', 'm.span_end'),
    )
    .innerJoin('documents as d', 'd.id', 's.document_id')
    .select(['s.document_id', 'd.title', 's.span_start', 's.span_end', 's.text'])
    .distinct()
    .where('m.entity_id', '=', id)
    .orderBy('s.document_id')
    .orderBy('s.span_start')
    .limit(50)
    .execute();
  const acting = await db
    .selectFrom('event_actors as a')
    .innerJoin('events as ev', 'ev.id', 'a.event_id')
    .select(['ev.id', 'ev.type', 'ev.modality', 'a.role'])
    .where('a.entity_id', '=', id)
    .execute();
  const located = await db.selectFrom('events').select(['id', 'type', 'modality']).where('location_id', '=', id).execute();
  const rels = await db
    .selectFrom('relations')
    .select(['id', 'type', 'from_id', 'to_id'])
    .where((eb) => eb.or([eb('from_id', '=', id), eb('to_id', '=', id)]))
    .execute();
  const others = await actorRefs(db, rels.map((r) => (r.from_id === id ? r.to_id : r.from_id)));
  return {
    id: e.id,
    type: e.type as EntityType,
    ...(e.subtype !== null && { subtype: e.subtype }),
    name: e.name,
    ...(e.kb_id !== null && { kbId: e.kb_id }),
    ...(e.wikidata !== null && { wikidata: e.wikidata }),
    ...(e.code !== null && { code: e.code }),
    ...(e.lat !== null &&
      e.lon !== null && {
        geo: { lat: num(e.lat), lon: num(e.lon), ...(e.country !== null && { country: e.country }), ...(e.geonames_id !== null && { geonamesId: num(e.geonames_id) }) },
      }),
    anonymous: num(e.anonymous) === 1,
    mentionCount: num(total.n),
    documentCount: docs.length,
    aliases: [...aliasCount.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n),
    documents: docs.map((d) => ({ id: d.id, ...(d.title !== null && { title: d.title }), ...(d.published_at !== null && { publishedAt: d.published_at }), mentionCount: num(d.n) })),
    mentions: mentions.map((m) => ({ id: num(m.id), documentId: m.document_id, start: m.span_start, end: m.span_end, text: m.text })),
    evidence: evidence.map((s) => ({ documentId: s.document_id, ...(s.title !== null && { title: s.title }), start: s.span_start, end: s.span_end, text: s.text })),
    events: [
      ...acting.map((a) => ({ id: a.id, type: a.type, modality: a.modality, role: a.role as 'source' | 'target' })),
      ...located.map((l) => ({ id: l.id, type: l.type, modality: l.modality, role: 'location' as const })),
    ],
    relations: rels.map((r) => {
      const out = r.from_id === id;
      const otherId = out ? r.to_id : r.from_id;
      return { id: r.id, type: r.type, direction: out ? ('out' as const) : ('in' as const), other: { id: otherId, name: others.get(otherId)?.name ?? otherId } };
    }),
  };
}

export async function getClaim(db: Kysely<DB>, claimId: string): Promise<ClaimDetail | undefined> {
  const c = await db.selectFrom('claims').selectAll().where('id', '=', claimId).executeTakeFirst();
  if (!c) return undefined;
  const doc = await db.selectFrom('documents').select('text').where('id', '=', c.document_id).executeTakeFirstOrThrow();
  const sources = await db.selectFrom('claim_sources').selectAll().where('claim_id', '=', claimId).orderBy('position').execute();
  const refs = await actorRefs(db, sources.map((s) => s.entity_id));
  const pick = (role: string) => sources.filter((s) => s.role === role).map((s) => refs.get(s.entity_id)!).filter(Boolean);
  return {
    id: c.id,
    documentId: c.document_id,
    start: c.span_start,
    end: c.span_end,
    text: doc.text.slice(c.span_start, c.span_end),
    ...(c.cue_text !== null && { cue: c.cue_text }),
    attributedTo: pick('attributed'),
    via: pick('via'),
    anonymous: num(c.anonymous) === 1,
    hedges: JSON.parse(c.hedges) as string[],
    certainty: num(c.certainty),
  };
}

export async function getEvent(db: Kysely<DB>, id: string): Promise<EventDetail> {
  const ev = await db
    .selectFrom('events as ev')
    .innerJoin('documents as d', 'd.id', 'ev.document_id')
    .selectAll('ev')
    .select('d.title')
    .where('ev.id', '=', id)
    .executeTakeFirst();
  if (!ev) throw new DossierError('NOT_FOUND', `no event with id "${id}" (event ids look like <documentId>:<eventId>)`, { input: id });
  const actors = await db.selectFrom('event_actors').selectAll().where('event_id', '=', id).execute();
  const refs = await actorRefs(db, [...actors.map((a) => a.entity_id), ...(ev.location_id ? [ev.location_id] : [])]);
  const sentence = await db
    .selectFrom('sentences')
    .select(['span_start', 'span_end', 'text'])
    .where('document_id', '=', ev.document_id)
    .where('span_start', '<=', ev.trigger_start)
    .where('span_end', '>=', ev.trigger_end)
    .executeTakeFirst();
  const claim = ev.claim_id ? await getClaim(db, ev.claim_id) : undefined;
  const siblings = await db
    .selectFrom('events as ev')
    .innerJoin('documents as d', 'd.id', 'ev.document_id')
    .select(['ev.id', 'ev.document_id', 'd.title'])
    .where('ev.cluster_id', '=', ev.cluster_id)
    .where('ev.id', '!=', id)
    .orderBy('ev.id')
    .execute();
  const loc = ev.location_id ? refs.get(ev.location_id) : undefined;
  return {
    id: ev.id,
    documentId: ev.document_id,
    ...(ev.title !== null && { documentTitle: ev.title }),
    localId: ev.local_id,
    type: ev.type,
    ...(ev.mode !== null && { mode: ev.mode }),
    ...(ev.context !== null && { context: ev.context }),
    ...(ev.cameo !== null && { cameo: ev.cameo }),
    modality: ev.modality,
    happened: num(ev.happened) === 1,
    trigger: { start: ev.trigger_start, end: ev.trigger_end, text: ev.trigger_text },
    ...(sentence && { sentence: { start: sentence.span_start, end: sentence.span_end, text: sentence.text } }),
    sources: actors.filter((a) => a.role === 'source').map((a) => refs.get(a.entity_id)!).filter(Boolean),
    targets: actors.filter((a) => a.role === 'target').map((a) => refs.get(a.entity_id)!).filter(Boolean),
    ...(loc && { location: loc }),
    ...(ev.date_start !== null && ev.date_end !== null && { date: { text: ev.date_text ?? '', start: ev.date_start, end: ev.date_end } }),
    ...(claim && { claim }),
    clusterId: ev.cluster_id,
    corroboratedBy: siblings.map((s) => ({ id: s.id, documentId: s.document_id, ...(opt(s.title) !== undefined && { documentTitle: s.title! }) })),
  };
}

async function countOf(db: Kysely<DB>, table: keyof DB): Promise<number> {
  const r = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return num(r.n);
}

export async function stats(db: Kysely<DB>, dialect: Dialect): Promise<StoreStats> {
  const byType = async (table: 'entities' | 'events'): Promise<Record<string, number>> => {
    const rows = await db.selectFrom(table).select('type').select((eb) => eb.fn.countAll().as('n')).groupBy('type').orderBy('type').execute();
    return Object.fromEntries(rows.map((r) => [r.type, num(r.n)]));
  };
  // Entities with no mention left (e.g. after re-analysis) are not counted.
  const liveEntities = await db
    .selectFrom('entities as e')
    .select(['e.type'])
    .select((eb) => eb.fn.countAll().as('n'))
    .where((eb) => eb.exists(eb.selectFrom('mentions as m').select('m.id').whereRef('m.entity_id', '=', 'e.id')))
    .groupBy('e.type')
    .orderBy('e.type')
    .execute();
  const clusters = await db
    .selectFrom(
      db.selectFrom('events').select('cluster_id').select((eb) => eb.fn.count('document_id').distinct().as('docs')).where('happened', '=', 1).groupBy('cluster_id').as('c'),
    )
    .select((eb) => [eb.fn.countAll().as('n'), eb.fn.sum(eb.case().when('c.docs', '>=', 2).then(1).else(0).end()).as('corroborated')])
    .executeTakeFirstOrThrow();
  const happenedRow = await db.selectFrom('events').select((eb) => eb.fn.countAll().as('n')).where('happened', '=', 1).executeTakeFirstOrThrow();
  const entitiesByType = Object.fromEntries(liveEntities.map((r) => [r.type, num(r.n)]));
  const version = await db.selectFrom('dossier_meta').select('value').where('key', '=', 'schema_version').executeTakeFirst();
  return {
    dialect,
    schemaVersion: version ? num(version.value) : SCHEMA_VERSION,
    documents: await countOf(db, 'documents'),
    sentences: await countOf(db, 'sentences'),
    entities: Object.values(entitiesByType).reduce((a, b) => a + b, 0),
    entitiesByType,
    mentions: await countOf(db, 'mentions'),
    events: await countOf(db, 'events'),
    eventsByType: await byType('events'),
    happenedEvents: num(happenedRow.n),
    eventClusters: num(clusters.n),
    corroboratedClusters: num(clusters.corroborated),
    claims: await countOf(db, 'claims'),
    relations: await countOf(db, 'relations'),
    corrections: await countOf(db, 'corrections'),
  };
}
