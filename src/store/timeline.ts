/**
 * @module store/timeline
 * Events in date order (undated ones last, in the order they were reported), one entry per
 * cross-document cluster (see corroborate.ts), with the number of documents and claims behind
 * each. Conditional and negated events are left out unless asked for: they never count as
 * having happened.
 */
import type { Kysely } from 'kysely';
import type { EntityType } from '../nlp/doc.ts';
import { DossierError } from '../errors.ts';
import type { DB } from './schema.ts';
import type { ActorRef, TimelineEntry, TimelineOptions } from './types.ts';
import { num } from './read.ts';

/** Most to least attested; a cluster shows its best-attested report's modality. */
const MODALITY_ORDER = ['asserted', 'reported', 'planned', 'requested', 'conditional', 'negated'];

function isoDay(s: string, what: string): string {
  if (!/^\d{4}-\d{2}-\d{2}/.test(s)) throw new DossierError('USAGE', `timeline: ${what} must be an ISO date (YYYY-MM-DD), got "${s}"`, { input: s });
  return s.slice(0, 10);
}

export async function timeline(db: Kysely<DB>, { from, to, includeUnhappened = false, limit }: TimelineOptions = {}): Promise<TimelineEntry[]> {
  let q = db
    .selectFrom('events as ev')
    .innerJoin('documents as d', 'd.id', 'ev.document_id')
    .leftJoin('entities as loc', 'loc.id', 'ev.location_id')
    .select([
      'ev.id', 'ev.document_id', 'd.title', 'd.published_at', 'ev.trigger_start', 'ev.type', 'ev.modality', 'ev.happened', 'ev.trigger_text', 'ev.claim_id',
      'ev.date_text', 'ev.date_start', 'ev.date_end', 'ev.cluster_id', 'ev.location_id', 'loc.name as loc_name', 'loc.type as loc_type',
    ]);
  if (!includeUnhappened) q = q.where('ev.happened', '=', 1);
  // The date window applies to whole clusters (their date), so it is checked after grouping.
  const fromDay = from === undefined ? undefined : isoDay(from, 'from');
  const toDay = to === undefined ? undefined : isoDay(to, 'to');
  const events = await q.orderBy('ev.id').execute();
  if (events.length === 0) return [];

  const ids = events.map((e) => e.id);
  const actors: Array<{ event_id: string; role: string; id: string; name: string; type: string }> = [];
  for (let i = 0; i < ids.length; i += 500) {
    actors.push(
      ...(await db
        .selectFrom('event_actors as a')
        .innerJoin('entities as e', 'e.id', 'a.entity_id')
        .select(['a.event_id', 'a.role', 'e.id', 'e.name', 'e.type'])
        .where('a.event_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  }

  const clusters = new Map<string, typeof events>();
  for (const e of events) clusters.set(e.cluster_id, [...(clusters.get(e.cluster_id) ?? []), e]);

  const entries: TimelineEntry[] = [];
  // Undated events (and ties) keep the order in which they were reported.
  const reportOrder = new Map<string, string>();
  for (const [clusterId, members] of clusters) {
    const memberIds = new Set(members.map((m) => m.id));
    const role = (r: string): ActorRef[] => {
      const seen = new Map<string, ActorRef>();
      for (const a of actors) if (memberIds.has(a.event_id) && a.role === r) seen.set(a.id, { id: a.id, name: a.name, type: a.type as EntityType });
      return [...seen.values()];
    };
    // The narrowest dated report gives the cluster's date.
    const dated = members.filter((m) => m.date_start !== null && m.date_end !== null);
    const narrowest = dated.sort((a, b) => Date.parse(a.date_end!) - Date.parse(a.date_start!) - (Date.parse(b.date_end!) - Date.parse(b.date_start!)))[0];
    const best = [...members].sort((a, b) => MODALITY_ORDER.indexOf(a.modality) - MODALITY_ORDER.indexOf(b.modality))[0]!;
    const loc = members.find((m) => m.location_id !== null);
    const order = members.map((m) => `${m.published_at ?? '9999'}\u0000${m.document_id}\u0000${String(m.trigger_start).padStart(9, '0')}`).sort()[0]!;
    reportOrder.set(clusterId, order);
    entries.push({
      clusterId,
      type: best.type,
      happened: members.some((m) => num(m.happened) === 1),
      modality: best.modality,
      ...(narrowest && { date: { start: narrowest.date_start!, end: narrowest.date_end!, text: narrowest.date_text ?? '' } }),
      corroboration: new Set(members.map((m) => m.document_id)).size,
      claimCount: new Set(members.map((m) => m.claim_id ?? m.id)).size,
      sources: role('source'),
      targets: role('target'),
      ...(loc && { location: { id: loc.location_id!, name: loc.loc_name ?? loc.location_id!, type: (loc.loc_type ?? 'LOCATION') as EntityType } }),
      reports: members.map((m) => ({
        eventId: m.id,
        documentId: m.document_id,
        ...(m.title !== null && { documentTitle: m.title }),
        trigger: m.trigger_text,
        modality: m.modality,
        ...(m.claim_id !== null && { claimId: m.claim_id }),
      })),
    });
  }
  const inWindow = entries.filter((e) => {
    if (fromDay === undefined && toDay === undefined) return true;
    if (!e.date) return false;
    return (fromDay === undefined || e.date.end.slice(0, 10) >= fromDay) && (toDay === undefined || e.date.start.slice(0, 10) <= toDay);
  });
  const byReport = (a: TimelineEntry, b: TimelineEntry) => reportOrder.get(a.clusterId)!.localeCompare(reportOrder.get(b.clusterId)!);
  inWindow.sort((a, b) => {
    if (a.date && b.date) return a.date.start.localeCompare(b.date.start) || a.date.end.localeCompare(b.date.end) || byReport(a, b);
    if (a.date) return -1;
    if (b.date) return 1;
    return byReport(a, b);
  });
  return limit === undefined ? inWindow : inWindow.slice(0, limit);
}
