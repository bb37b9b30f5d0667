/**
 * @module store/store
 * The one `Store` implementation, written once over Kysely for both SQLite and PostgreSQL.
 * Every method turns unexpected database errors into `DossierError('STORE_FAILED')` naming the
 * operation, so callers never show a raw driver stack trace.
 */
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import { NativeDocumentSchema, type NativeDocument } from '../export/contract.ts';
import { DossierError, isDossierError } from '../errors.ts';
import type { DB } from './schema.ts';
import type {
  Dialect, DocumentHit, EntityDetail, EntitySummary, EventDetail, ListEntitiesOptions, MergeResult, SaveResult, SearchHit, SearchOptions,
  SplitOptions, SplitResult, Store, StoreStats, TimelineEntry, TimelineOptions,
} from './types.ts';
import { writeDocument } from './write.ts';
import * as read from './read.ts';
import { search, searchDocuments } from './search.ts';
import { timeline } from './timeline.ts';
import { mergeEntities, splitEntity } from './corrections.ts';

export class KyselyStore implements Store {
  readonly dialect: Dialect;
  readonly #db: Kysely<DB>;
  readonly #validate: boolean;
  readonly #where: string;
  #closed = false;

  constructor(db: Kysely<DB>, dialect: Dialect, where: string, { validate = true }: { validate?: boolean } = {}) {
    this.#db = db;
    this.dialect = dialect;
    this.#where = where;
    this.#validate = validate;
  }

  /** Runs `fn`, mapping driver errors to STORE_FAILED with the operation and database named. */
  async #guard<T>(op: string, fn: (db: Kysely<DB>) => Promise<T>): Promise<T> {
    if (this.#closed) throw new DossierError('STORE_FAILED', `${op}: the store for ${this.#where} is closed`, { input: this.#where });
    try {
      return await fn(this.#db);
    } catch (e) {
      if (isDossierError(e)) throw e;
      const msg = e instanceof Error ? e.message : String(e);
      throw new DossierError('STORE_FAILED', `${op} failed on ${this.#where}: ${msg}`, { input: this.#where, cause: e });
    }
  }

  async saveDocument(doc: NativeDocument): Promise<SaveResult> {
    const id = typeof doc?.document?.id === 'string' ? doc.document.id : '(no id)';
    if (this.#validate) {
      const parsed = NativeDocumentSchema.safeParse(doc);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new DossierError('USAGE', `saveDocument: document "${id}" is not a valid native document: ${issue.path.join('.') || '(root)'}: ${issue.message}`, { input: id });
      }
    }
    const json = JSON.stringify(doc);
    const hash = createHash('sha256').update(json).digest('hex');
    return this.#guard(`saveDocument("${id}")`, async (db) => {
      const existing = await db.selectFrom('documents').select('hash').where('id', '=', id).executeTakeFirst();
      if (existing?.hash === hash) return { id, created: false, replaced: false };
      await db.transaction().execute((trx) => writeDocument(trx, this.dialect, doc, json, hash, existing !== undefined));
      return { id, created: existing === undefined, replaced: existing !== undefined };
    });
  }

  hasDocument(id: string): Promise<boolean> {
    return this.#guard('hasDocument', async (db) => (await db.selectFrom('documents').select('id').where('id', '=', id).executeTakeFirst()) !== undefined);
  }

  getDocument(id: string): Promise<NativeDocument | undefined> {
    return this.#guard('getDocument', (db) => read.getDocument(db, id));
  }

  listDocuments({ limit = 100 }: { limit?: number } = {}): Promise<Array<{ id: string; title?: string; publishedAt?: string; source?: string }>> {
    return this.#guard('listDocuments', async (db) => {
      const rows = await db.selectFrom('documents').select(['id', 'title', 'published_at', 'source']).orderBy('published_at').orderBy('id').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id,
        ...(r.title !== null && { title: r.title }),
        ...(r.published_at !== null && { publishedAt: r.published_at }),
        ...(r.source !== null && { source: r.source }),
      }));
    });
  }

  search(query: string, opts: SearchOptions = {}): Promise<SearchHit[]> {
    return this.#guard(`search("${query}")`, (db) => search(db, this.dialect, query, opts));
  }

  searchDocuments(query: string, opts: SearchOptions = {}): Promise<DocumentHit[]> {
    return this.#guard(`searchDocuments("${query}")`, (db) => searchDocuments(db, this.dialect, query, opts));
  }

  listEntities(opts: ListEntitiesOptions = {}): Promise<EntitySummary[]> {
    return this.#guard('listEntities', (db) => read.listEntities(db, opts));
  }

  getEntity(idOrName: string): Promise<EntityDetail> {
    return this.#guard(`getEntity("${idOrName}")`, (db) => read.getEntity(db, idOrName));
  }

  getEvent(id: string): Promise<EventDetail> {
    return this.#guard(`getEvent("${id}")`, (db) => read.getEvent(db, id));
  }

  timeline(opts: TimelineOptions = {}): Promise<TimelineEntry[]> {
    return this.#guard('timeline', (db) => timeline(db, opts));
  }

  stats(): Promise<StoreStats> {
    return this.#guard('stats', (db) => read.stats(db, this.dialect));
  }

  mergeEntities(intoId: string, fromId: string): Promise<MergeResult> {
    return this.#guard(`mergeEntities("${intoId}", "${fromId}")`, (db) => mergeEntities(db, intoId, fromId));
  }

  splitEntity(id: string, opts: SplitOptions): Promise<SplitResult> {
    return this.#guard(`splitEntity("${id}")`, (db) => splitEntity(db, id, opts));
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#db.destroy();
  }
}
