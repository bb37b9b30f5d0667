/**
 * @module store/corrections
 * Analyst corrections of entity resolution. Their effect is stored where re-analysis reads it,
 * so it survives a document being saved again:
 *  - merge: every key of the merged-away entity (kb id, names, its own id) now points to the
 *    surviving entity, so a re-saved document resolves to it;
 *  - split: per-document overrides (`entity_overrides`) send the document's local entity — or
 *    single mention spans — to the new entity before the keys are consulted.
 * Each correction is also logged in `corrections` for audit.
 */
import type { Kysely, Transaction } from 'kysely';
import { DossierError } from '../errors.ts';
import type { DB } from './schema.ts';
import type { MergeResult, SplitOptions, SplitResult } from './types.ts';
import { entityIdFor, idKey } from './keys.ts';
import { resolveEntityRef, num } from './read.ts';
import { lockWriters, recluster } from './corroborate.ts';

/** Events whose participants or place include one of the entities. */
async function eventsOf(trx: Transaction<DB>, entityIds: string[]): Promise<string[]> {
  const rows = await trx
    .selectFrom('events as ev')
    .select('ev.id')
    .where((eb) =>
      eb.or([
        eb('ev.location_id', 'in', entityIds),
        eb.exists(eb.selectFrom('event_actors as a').select('a.event_id').whereRef('a.event_id', '=', 'ev.id').where('a.entity_id', 'in', entityIds)),
      ]),
    )
    .execute();
  return rows.map((r) => r.id);
}

async function log(trx: Transaction<DB>, kind: string, payload: unknown): Promise<void> {
  await trx.insertInto('corrections').values({ kind, payload: JSON.stringify(payload), created_at: new Date().toISOString() }).execute();
}

export async function mergeEntities(db: Kysely<DB>, intoRef: string, fromRef: string): Promise<MergeResult> {
  const into = await resolveEntityRef(db, intoRef);
  const from = await resolveEntityRef(db, fromRef);
  if (into === from) {
    throw new DossierError('USAGE', `merge: "${intoRef}" and "${fromRef}" are already the same entity (${into})`, { input: fromRef });
  }
  return db.transaction().execute(async (trx) => {
    await lockWriters(trx);
    const a = await trx.selectFrom('entities').selectAll().where('id', '=', into).executeTakeFirstOrThrow();
    const b = await trx.selectFrom('entities').selectAll().where('id', '=', from).executeTakeFirstOrThrow();
    const moved = await trx.selectFrom('mentions').select((eb) => eb.fn.countAll().as('n')).where('entity_id', '=', from).executeTakeFirstOrThrow();
    await trx.updateTable('entity_keys').set({ entity_id: into }).where('entity_id', '=', from).execute();
    await trx.insertInto('entity_keys').values({ key: idKey(from), entity_id: into }).onConflict((oc) => oc.column('key').doUpdateSet({ entity_id: into })).execute();
    await trx.updateTable('document_entities').set({ entity_id: into }).where('entity_id', '=', from).execute();
    await trx.updateTable('mentions').set({ entity_id: into }).where('entity_id', '=', from).execute();
    await trx.updateTable('event_actors').set({ entity_id: into }).where('entity_id', '=', from).execute();
    await trx.updateTable('events').set({ location_id: into }).where('location_id', '=', from).execute();
    await trx.updateTable('claim_sources').set({ entity_id: into }).where('entity_id', '=', from).execute();
    await trx.updateTable('relations').set({ from_id: into }).where('from_id', '=', from).execute();
    await trx.updateTable('relations').set({ to_id: into }).where('to_id', '=', from).execute();
    await trx.updateTable('entity_overrides').set({ entity_id: into }).where('entity_id', '=', from).execute();
    // Keep what only the merged-away entity knew (kb link, coordinates).
    await trx
      .updateTable('entities')
      .set({
        kb_id: a.kb_id ?? b.kb_id,
        wikidata: a.wikidata ?? b.wikidata,
        code: a.code ?? b.code,
        subtype: a.subtype ?? b.subtype,
        lat: a.lat ?? b.lat,
        lon: a.lon ?? b.lon,
        country: a.country ?? b.country,
        geonames_id: a.geonames_id ?? b.geonames_id,
      })
      .where('id', '=', into)
      .execute();
    await trx.deleteFrom('entities').where('id', '=', from).execute();
    await log(trx, 'merge', { into, from, intoName: a.name, fromName: b.name });
    await recluster(trx, await eventsOf(trx, [into]));
    return { id: into, merged: from, mentionsMoved: num(moved.n) };
  });
}

export async function splitEntity(db: Kysely<DB>, ref: string, opts: SplitOptions): Promise<SplitResult> {
  const id = await resolveEntityRef(db, ref);
  const { documentId, mentionIds } = opts;
  if ((documentId === undefined) === (mentionIds === undefined)) {
    throw new DossierError('USAGE', 'split: give exactly one of documentId or mentionIds', { input: ref });
  }
  return db.transaction().execute(async (trx) => {
    await lockWriters(trx);
    const src = await trx.selectFrom('entities').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
    const mentions = await trx
      .selectFrom('mentions as m')
      .innerJoin('document_entities as de', (j) => j.onRef('de.document_id', '=', 'm.document_id').onRef('de.local_id', '=', 'm.local_entity_id'))
      .select(['m.id', 'm.document_id', 'm.span_start', 'm.span_end', 'm.local_entity_id', 'de.key'])
      .where('m.entity_id', '=', id)
      .$if(documentId !== undefined, (q) => q.where('m.document_id', '=', documentId!))
      .$if(mentionIds !== undefined, (q) => q.where('m.id', 'in', mentionIds!.length > 0 ? mentionIds! : [-1]))
      .execute();
    if (mentions.length === 0) {
      const where = documentId !== undefined ? `document "${documentId}"` : `mentions ${JSON.stringify(mentionIds)}`;
      throw new DossierError('NOT_FOUND', `split: entity ${id} (${src.name}) has no mention in ${where}`, { input: ref });
    }
    const all = await trx.selectFrom('mentions').select((eb) => eb.fn.countAll().as('n')).where('entity_id', '=', id).executeTakeFirstOrThrow();
    if (num(all.n) === mentions.length) {
      throw new DossierError('USAGE', `split: that would move every mention of ${id} (${src.name}); nothing would be left to split from`, { input: ref });
    }
    const seed = documentId !== undefined ? `split:${id}:${documentId}` : `split:${id}:${mentions.map((m) => m.id).sort((x, y) => x - y).join(',')}`;
    let fresh = entityIdFor(seed);
    for (let n = 2; await trx.selectFrom('entities').select('id').where('id', '=', fresh).executeTakeFirst(); n++) fresh = entityIdFor(`${seed}#${n}`);
    const now = new Date().toISOString();
    await trx
      .insertInto('entities')
      .values({ ...src, id: fresh, kb_id: null, wikidata: null, code: null, created_at: now })
      .execute();
    await trx.insertInto('entity_keys').values({ key: idKey(fresh), entity_id: fresh }).execute();

    if (documentId !== undefined) {
      const locals = [...new Set(mentions.map((m) => m.local_entity_id))];
      for (const key of new Set(mentions.map((m) => m.key))) {
        await trx.insertInto('entity_overrides').values({ document_id: documentId, key, span_start: null, span_end: null, entity_id: fresh }).execute();
      }
      await trx.updateTable('mentions').set({ entity_id: fresh }).where('document_id', '=', documentId).where('entity_id', '=', id).execute();
      await trx.updateTable('document_entities').set({ entity_id: fresh }).where('document_id', '=', documentId).where('local_id', 'in', locals).execute();
      const docEvents = trx.selectFrom('events').select('id').where('document_id', '=', documentId);
      await trx.updateTable('event_actors').set({ entity_id: fresh }).where('entity_id', '=', id).where('event_id', 'in', docEvents).execute();
      await trx.updateTable('events').set({ location_id: fresh }).where('location_id', '=', id).where('document_id', '=', documentId).execute();
      const docClaims = trx.selectFrom('claims').select('id').where('document_id', '=', documentId);
      await trx.updateTable('claim_sources').set({ entity_id: fresh }).where('entity_id', '=', id).where('claim_id', 'in', docClaims).execute();
      await trx.updateTable('relations').set({ from_id: fresh }).where('from_id', '=', id).where('document_id', '=', documentId).execute();
      await trx.updateTable('relations').set({ to_id: fresh }).where('to_id', '=', id).where('document_id', '=', documentId).execute();
    } else {
      for (const m of mentions) {
        await trx.insertInto('entity_overrides').values({ document_id: m.document_id, key: m.key, span_start: m.span_start, span_end: m.span_end, entity_id: fresh }).execute();
      }
      await trx.updateTable('mentions').set({ entity_id: fresh }).where('id', 'in', mentions.map((m) => m.id)).execute();
    }
    await log(trx, 'split', { from: id, into: fresh, name: src.name, ...(documentId !== undefined && { documentId }), ...(mentionIds !== undefined && { mentionIds }) });
    await recluster(trx, await eventsOf(trx, [id, fresh]));
    return { from: id, id: fresh, mentionsMoved: mentions.length };
  });
}
