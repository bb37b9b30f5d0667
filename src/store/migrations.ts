/**
 * @module store/migrations
 * Versioned schema migrations, provided in code (no folder scanning) to Kysely's `Migrator`.
 * Each migration is written once; the few dialect differences (auto-increment ids, full-text
 * search: FTS5 on SQLite, a tsvector column + GIN index on PostgreSQL) branch on `dialect`.
 * Never edit a released migration: add a new one and bump `SCHEMA_VERSION`.
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import type { Dialect } from './types.ts';

/** The schema version this code writes; a database with a higher version is refused. */
export const SCHEMA_VERSION = 2;
export const MIGRATION_TABLE = 'dossier_migrations';
export const MIGRATION_LOCK_TABLE = 'dossier_migration_lock';

// Migrations work on an untyped Kysely: the typed DB interface describes the latest schema only.
type AnyDb = Kysely<any>;

function v1(dialect: Dialect): Migration {
  const serial = dialect === 'sqlite' ? 'integer' : 'serial';
  const autoId = (db: AnyDb, table: string) =>
    db.schema.createTable(table).addColumn('id', serial, (c) => (dialect === 'sqlite' ? c.primaryKey().autoIncrement() : c.primaryKey()));

  return {
    async up(db: AnyDb) {
      await db.schema
        .createTable('dossier_meta')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('documents')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('title', 'text')
        .addColumn('source', 'text')
        .addColumn('published_at', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('json', 'text', (c) => c.notNull())
        .addColumn('hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();

      await autoId(db, 'sentences')
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('idx', 'integer', (c) => c.notNull())
        .addColumn('span_start', 'integer', (c) => c.notNull())
        .addColumn('span_end', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('sentences_doc').on('sentences').columns(['document_id', 'span_start']).execute();

      await db.schema
        .createTable('entities')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('subtype', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('kb_id', 'text')
        .addColumn('wikidata', 'text')
        .addColumn('code', 'text')
        .addColumn('lat', 'double precision')
        .addColumn('lon', 'double precision')
        .addColumn('country', 'text')
        .addColumn('geonames_id', 'integer')
        .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('entities_type').on('entities').column('type').execute();

      await db.schema
        .createTable('entity_keys')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('entity_keys_entity').on('entity_keys').column('entity_id').execute();

      await db.schema
        .createTable('document_entities')
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('local_id', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('document_entities_pk', ['document_id', 'local_id'])
        .execute();
      await db.schema.createIndex('document_entities_entity').on('document_entities').column('entity_id').execute();

      await autoId(db, 'mentions')
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('local_entity_id', 'text', (c) => c.notNull())
        .addColumn('span_start', 'integer', (c) => c.notNull())
        .addColumn('span_end', 'integer', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mentions_entity').on('mentions').column('entity_id').execute();
      await db.schema.createIndex('mentions_doc').on('mentions').column('document_id').execute();

      await db.schema
        .createTable('events')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('local_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('mode', 'text')
        .addColumn('context', 'text')
        .addColumn('cameo', 'text')
        .addColumn('modality', 'text', (c) => c.notNull())
        .addColumn('happened', 'integer', (c) => c.notNull())
        .addColumn('trigger_start', 'integer', (c) => c.notNull())
        .addColumn('trigger_end', 'integer', (c) => c.notNull())
        .addColumn('trigger_text', 'text', (c) => c.notNull())
        .addColumn('date_text', 'text')
        .addColumn('date_start', 'text')
        .addColumn('date_end', 'text')
        .addColumn('location_id', 'text')
        .addColumn('claim_id', 'text')
        .addColumn('cluster_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('events_doc').on('events').column('document_id').execute();
      await db.schema.createIndex('events_type').on('events').columns(['type', 'happened']).execute();
      await db.schema.createIndex('events_cluster').on('events').column('cluster_id').execute();

      await db.schema
        .createTable('event_actors')
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('event_actors_event').on('event_actors').column('event_id').execute();
      await db.schema.createIndex('event_actors_entity').on('event_actors').column('entity_id').execute();

      await db.schema
        .createTable('claims')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('local_id', 'text', (c) => c.notNull())
        .addColumn('span_start', 'integer', (c) => c.notNull())
        .addColumn('span_end', 'integer', (c) => c.notNull())
        .addColumn('cue_start', 'integer')
        .addColumn('cue_end', 'integer')
        .addColumn('cue_text', 'text')
        .addColumn('anonymous', 'integer', (c) => c.notNull())
        .addColumn('hedges', 'text', (c) => c.notNull())
        .addColumn('certainty', 'double precision', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('claims_doc').on('claims').column('document_id').execute();

      await db.schema
        .createTable('claim_sources')
        .addColumn('claim_id', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('position', 'integer', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('claim_sources_claim').on('claim_sources').column('claim_id').execute();
      await db.schema.createIndex('claim_sources_entity').on('claim_sources').column('entity_id').execute();

      await db.schema
        .createTable('relations')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('local_id', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('from_id', 'text', (c) => c.notNull())
        .addColumn('to_id', 'text', (c) => c.notNull())
        .addColumn('evidence_start', 'integer', (c) => c.notNull())
        .addColumn('evidence_end', 'integer', (c) => c.notNull())
        .addColumn('claim_id', 'text')
        .execute();
      await db.schema.createIndex('relations_doc').on('relations').column('document_id').execute();
      await db.schema.createIndex('relations_from').on('relations').column('from_id').execute();
      await db.schema.createIndex('relations_to').on('relations').column('to_id').execute();

      await autoId(db, 'corrections')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();

      await autoId(db, 'entity_overrides')
        .addColumn('document_id', 'text', (c) => c.notNull())
        .addColumn('key', 'text', (c) => c.notNull())
        .addColumn('span_start', 'integer')
        .addColumn('span_end', 'integer')
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('entity_overrides_doc').on('entity_overrides').columns(['document_id', 'key']).execute();

      // Full-text search: the one place the dialects really differ.
      if (dialect === 'sqlite') {
        // Standalone FTS5 table keyed by sentences.id (rowid), maintained by the store.
        await sql`create virtual table sentence_fts using fts5(text, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
      } else {
        await sql`alter table sentences add column tsv tsvector`.execute(db);
        await sql`create index sentences_tsv on sentences using gin (tsv)`.execute(db);
      }
    },
  };
}

/** Version 2: full-text search over whole documents (title and text), existing ones indexed. */
function v2(dialect: Dialect): Migration {
  return {
    async up(db: AnyDb) {
      if (dialect === 'sqlite') {
        // Keyed by the implicit rowid of `documents`, which an UPDATE keeps.
        await sql`create virtual table document_fts using fts5(title, text, tokenize = 'porter unicode61 remove_diacritics 2')`.execute(db);
        await sql`insert into document_fts (rowid, title, text) select rowid, coalesce(title, ''), text from documents`.execute(db);
      } else {
        await sql`alter table documents add column tsv tsvector`.execute(db);
        await sql`create index documents_tsv on documents using gin (tsv)`.execute(db);
        await sql`update documents set tsv = setweight(to_tsvector('english', coalesce(title, '')), 'A') || setweight(to_tsvector('english', text), 'B')`.execute(db);
      }
    },
  };
}

/** All migrations, by name (names sort in the order they must run). */
export function migrationProvider(dialect: Dialect): MigrationProvider {
  return {
    async getMigrations() {
      return { '0001_initial': v1(dialect), '0002_document_search': v2(dialect) };
    },
  };
}
