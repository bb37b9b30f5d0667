/**
 * @module store/corroborate
 * Cross-document event corroboration: two reports of one real-world event become one cluster
 * whose corroboration count is the number of documents reporting it.
 *
 * Rule: two events (from different documents) are the same event when they have
 *   - the same PLOVER type,
 *   - at least one participant (source or target, by GLOBAL entity) in common,
 *   - compatible places: either missing, the same entity, within 50 km, or one is a country
 *     that contains the other,
 *   - compatible dates: either missing, or the ranges overlap,
 * and both happened (conditional and negated events are never clustered: they did not happen).
 * Clusters are built by union over matching pairs, but a cluster never holds two events of the
 * same document (the document's own analysis decides identity within it).
 */
import { PostgresAdapter, sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export interface PlaceInfo {
  id: string;
  lat?: number | null;
  lon?: number | null;
  /** ISO 3166-1 alpha-2 code of the country the place is in. */
  country?: string | null;
  subtype?: string | null;
}

export interface ClusterCandidate {
  id: string;
  documentId: string;
  type: string;
  happened: boolean;
  /** Global entity ids of sources and targets. */
  participants: readonly string[];
  location?: PlaceInfo | undefined;
  date?: { start: string; end: string } | undefined;
}

/** Places farther apart than this are different places. */
export const SAME_PLACE_KM = 50;

function distanceKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.min(1, Math.sqrt(h)));
}

function isCountry(p: PlaceInfo): boolean {
  return p.subtype === 'country';
}

export function compatiblePlace(a?: PlaceInfo, b?: PlaceInfo): boolean {
  if (!a || !b || a.id === b.id) return true;
  if (a.lat != null && a.lon != null && b.lat != null && b.lon != null && !isCountry(a) && !isCountry(b)) {
    return distanceKm({ lat: a.lat, lon: a.lon }, { lat: b.lat, lon: b.lon }) <= SAME_PLACE_KM;
  }
  // A country is compatible with any place inside it ("in Iraq" vs "in Baghdad").
  if (a.country && b.country && a.country === b.country && (isCountry(a) || isCountry(b))) return true;
  return false;
}

/** ISO dates compare as text; only the day part matters here. */
export function compatibleDate(a?: { start: string; end: string }, b?: { start: string; end: string }): boolean {
  if (!a || !b) return true;
  const day = (s: string) => s.slice(0, 10);
  return day(a.start) <= day(b.end) && day(b.start) <= day(a.end);
}

export function sameEvent(a: ClusterCandidate, b: ClusterCandidate): boolean {
  if (a.documentId === b.documentId || a.type !== b.type || !a.happened || !b.happened) return false;
  const shared = a.participants.some((p) => b.participants.includes(p));
  return shared && compatiblePlace(a.location, b.location) && compatibleDate(a.date, b.date);
}

/**
 * Clusters events; returns event id → cluster id (the smallest event id of the cluster, so ids
 * are deterministic). Candidate pairs are found through shared participants, not all pairs.
 */
export function clusterEvents(events: readonly ClusterCandidate[]): Map<string, string> {
  const byId = new Map(events.map((e) => [e.id, e]));
  const parent = new Map<string, string>(events.map((e) => [e.id, e.id]));
  const docs = new Map<string, Set<string>>(events.map((e) => [e.id, new Set([e.documentId])]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    let c = x;
    while (c !== r) {
      const next = parent.get(c)!;
      parent.set(c, r);
      c = next;
    }
    return r;
  };

  const byParticipant = new Map<string, string[]>();
  for (const e of events) {
    if (!e.happened) continue;
    for (const p of new Set(e.participants)) {
      const list = byParticipant.get(`${e.type}\u0000${p}`) ?? [];
      list.push(e.id);
      byParticipant.set(`${e.type}\u0000${p}`, list);
    }
  }
  const pairs = new Set<string>();
  for (const ids of byParticipant.values()) {
    ids.sort();
    for (let i = 0; i < ids.length; i++) for (let j = i + 1; j < ids.length; j++) pairs.add(`${ids[i]}\u0000${ids[j]}`);
  }
  for (const pair of [...pairs].sort()) {
    const [x, y] = pair.split('\u0000') as [string, string];
    if (!sameEvent(byId.get(x)!, byId.get(y)!)) continue;
    const rx = find(x);
    const ry = find(y);
    if (rx === ry) continue;
    const dx = docs.get(rx)!;
    const dy = docs.get(ry)!;
    if ([...dy].some((d) => dx.has(d))) continue;
    const [root, child] = rx < ry ? [rx, ry] : [ry, rx];
    parent.set(child, root);
    for (const d of docs.get(child)!) docs.get(root)!.add(d);
  }
  return new Map(events.map((e) => [e.id, find(e.id)]));
}

type Db = Kysely<DB> | Transaction<DB>;
type Stored = ClusterCandidate & { cluster: string };

/** Advisory lock key (PostgreSQL) that serialises writers across connections. */
const WRITE_LOCK = 0x0d055e1;

/**
 * On PostgreSQL, makes concurrent writers (workers on several machines) take turns until their
 * transaction ends: each then sees what the previous one committed (so two reports of one event
 * saved at once still cluster), and two saves can never deadlock on each other's entity keys.
 * Analysis, the costly part, stays parallel. SQLite serialises writers by itself.
 */
export async function lockWriters(db: Db): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await sql`select pg_advisory_xact_lock(${WRITE_LOCK})`.execute(db);
}

/** Most candidates examined for one event: keeps a save cheap even for hub actors. */
const MAX_CANDIDATES = 500;

async function load(db: Db, ids: readonly string[]): Promise<Stored[]> {
  const out: Stored[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const slice = ids.slice(i, i + 500);
    const rows = await db
      .selectFrom('events as ev')
      .leftJoin('entities as loc', 'loc.id', 'ev.location_id')
      .select(['ev.id', 'ev.document_id', 'ev.type', 'ev.happened', 'ev.date_start', 'ev.date_end', 'ev.cluster_id', 'ev.location_id', 'loc.lat', 'loc.lon', 'loc.country', 'loc.subtype'])
      .where('ev.id', 'in', slice)
      .execute();
    const actors = await db.selectFrom('event_actors').select(['event_id', 'entity_id']).where('event_id', 'in', slice).execute();
    const parts = new Map<string, string[]>();
    for (const a of actors) parts.set(a.event_id, [...(parts.get(a.event_id) ?? []), a.entity_id]);
    for (const r of rows) {
      out.push({
        id: r.id,
        documentId: r.document_id,
        type: r.type,
        happened: Number(r.happened) === 1,
        participants: parts.get(r.id) ?? [],
        location: r.location_id ? { id: r.location_id, lat: r.lat, lon: r.lon, country: r.country, subtype: r.subtype } : undefined,
        date: r.date_start && r.date_end ? { start: r.date_start, end: r.date_end } : undefined,
        cluster: r.cluster_id,
      });
    }
  }
  return out;
}

async function setCluster(db: Db, ids: readonly string[], cluster: string): Promise<void> {
  for (let i = 0; i < ids.length; i += 500) {
    await db.updateTable('events').set({ cluster_id: cluster }).where('id', 'in', ids.slice(i, i + 500)).execute();
  }
}

/** Stored events that could be the same event as `e` (type, shared participant, date window). */
async function candidatesFor(db: Db, e: ClusterCandidate): Promise<string[]> {
  if (e.participants.length === 0) return [];
  let q = db
    .selectFrom('events as ev')
    .innerJoin('event_actors as a', 'a.event_id', 'ev.id')
    .select('ev.id')
    .distinct()
    .where('ev.type', '=', e.type)
    .where('ev.happened', '=', 1)
    .where('ev.document_id', '!=', e.documentId)
    .where('a.entity_id', 'in', [...new Set(e.participants)]);
  if (e.date) {
    const { start, end } = e.date;
    q = q.where((eb) =>
      eb.or([
        eb('ev.date_start', 'is', null),
        eb.and([eb(sql<string>`substr(ev.date_start, 1, 10)`, '<=', end.slice(0, 10)), eb(sql<string>`substr(ev.date_end, 1, 10)`, '>=', start.slice(0, 10))]),
      ]),
    );
  }
  const rows = await q.orderBy('ev.id').limit(MAX_CANDIDATES).execute();
  return rows.map((r) => r.id);
}

/**
 * Re-clusters after a change. `eventIds` are events that are new or whose participants changed
 * (a save, a merge, a split); `staleClusters` are clusters that lost members (a re-save deleted
 * them). The members of the touched clusters are re-clustered among themselves, then each changed
 * event looks for matches among stored events — so a save costs what its own events cost, not
 * a pass over the whole database.
 */
export async function recluster(db: Db, eventIds: readonly string[], staleClusters: readonly string[] = []): Promise<void> {
  if (eventIds.length === 0 && staleClusters.length === 0) return;
  await lockWriters(db);
  const changed = await load(db, eventIds);
  const touched = [...new Set([...changed.map((e) => e.cluster), ...staleClusters])];
  const memberIds: string[] = [];
  for (let i = 0; i < touched.length; i += 500) {
    const rows = await db.selectFrom('events').select('id').where('cluster_id', 'in', touched.slice(i, i + 500)).execute();
    memberIds.push(...rows.map((r) => r.id));
  }
  const members = await load(db, [...new Set([...memberIds, ...eventIds])]);
  const fresh = clusterEvents(members);
  const byCluster = new Map<string, string[]>();
  for (const m of members) {
    const c = fresh.get(m.id)!;
    m.cluster = c;
    byCluster.set(c, [...(byCluster.get(c) ?? []), m.id]);
  }
  // Rewrite whole touched clusters: their old ids may now name nothing.
  for (const [c, ids] of byCluster) await setCluster(db, ids, c);

  const clusterOf = new Map(members.map((m) => [m.id, m.cluster]));
  for (const e of changed) {
    if (!e.happened) continue;
    const candidateIds = await candidatesFor(db, e);
    if (candidateIds.length === 0) continue;
    const matches = (await load(db, candidateIds)).filter((c) => sameEvent(e, c));
    let current = clusterOf.get(e.id)!;
    for (const cluster of [...new Set(matches.map((m) => m.cluster))].sort()) {
      if (cluster === current) continue;
      const rows = await db.selectFrom('events').select(['id', 'document_id', 'cluster_id']).where('cluster_id', 'in', [current, cluster]).execute();
      const docsA = new Set(rows.filter((r) => r.cluster_id === current).map((r) => r.document_id));
      if (rows.some((r) => r.cluster_id === cluster && docsA.has(r.document_id))) continue;
      const target = current < cluster ? current : cluster;
      await setCluster(db, rows.map((r) => r.id), target);
      for (const r of rows) clusterOf.set(r.id, target);
      current = target;
    }
  }
}
