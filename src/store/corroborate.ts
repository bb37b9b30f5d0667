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
import type { Kysely, Transaction } from 'kysely';
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

/**
 * Recomputes the clusters of the happened events of `types` and writes changed cluster ids.
 * Called after a save, a merge or a split (all of which can change who the participants are).
 */
export async function recluster(db: Kysely<DB> | Transaction<DB>, types: readonly string[]): Promise<void> {
  if (types.length === 0) return;
  const rows = await db
    .selectFrom('events as ev')
    .leftJoin('entities as loc', 'loc.id', 'ev.location_id')
    .select([
      'ev.id', 'ev.document_id', 'ev.type', 'ev.date_start', 'ev.date_end', 'ev.cluster_id', 'ev.location_id',
      'loc.lat', 'loc.lon', 'loc.country', 'loc.subtype',
    ])
    .where('ev.type', 'in', [...types])
    .where('ev.happened', '=', 1)
    .execute();
  if (rows.length === 0) return;
  const actors = await db
    .selectFrom('event_actors')
    .innerJoin('events', 'events.id', 'event_actors.event_id')
    .select(['event_actors.event_id', 'event_actors.entity_id'])
    .where('events.type', 'in', [...types])
    .where('events.happened', '=', 1)
    .execute();
  const participants = new Map<string, string[]>();
  for (const a of actors) {
    const list = participants.get(a.event_id) ?? [];
    list.push(a.entity_id);
    participants.set(a.event_id, list);
  }
  const candidates: ClusterCandidate[] = rows.map((r) => ({
    id: r.id,
    documentId: r.document_id,
    type: r.type,
    happened: true,
    participants: participants.get(r.id) ?? [],
    location: r.location_id ? { id: r.location_id, lat: r.lat, lon: r.lon, country: r.country, subtype: r.subtype } : undefined,
    date: r.date_start && r.date_end ? { start: r.date_start, end: r.date_end } : undefined,
  }));
  const clusters = clusterEvents(candidates);
  // Group updates by new cluster id so a large recluster is a few statements, not one per event.
  const changes = new Map<string, string[]>();
  for (const r of rows) {
    const c = clusters.get(r.id)!;
    if (c === r.cluster_id) continue;
    const list = changes.get(c) ?? [];
    list.push(r.id);
    changes.set(c, list);
  }
  for (const [cluster, ids] of changes) {
    for (let i = 0; i < ids.length; i += 500) {
      await db.updateTable('events').set({ cluster_id: cluster }).where('id', 'in', ids.slice(i, i + 500)).execute();
    }
  }
}
