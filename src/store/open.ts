/**
 * @module store/open
 * Opening a store from a URL: a file path or `sqlite:PATH` (`:memory:` allowed) for SQLite,
 * `postgres://…`/`postgresql://…` for PostgreSQL (`?schema=NAME` picks a schema). A database that
 * is not Dossier's is refused with STORE_FOREIGN and never modified: the check runs read-only
 * before any migration.
 */
import { closeSync, existsSync, openSync, readSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { Kysely, Migrator, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { DossierError, isDossierError } from '../errors.ts';
import type { DB } from './schema.ts';
import type { OpenStoreOptions, Store } from './types.ts';
import { MIGRATION_LOCK_TABLE, MIGRATION_TABLE, SCHEMA_VERSION, migrationProvider } from './migrations.ts';
import { KyselyStore } from './store.ts';

export const DEFAULT_DB = 'dossier.db';
const SQLITE_MAGIC = 'SQLite format 3\u0000';

export type StoreLocation = { dialect: 'sqlite'; path: string } | { dialect: 'postgres'; url: string; schema: string };

/** Parses a store URL (see module doc). */
export function parseStoreUrl(url: string = DEFAULT_DB, opts: OpenStoreOptions = {}): StoreLocation {
  const u = url.trim();
  if (/^postgres(ql)?:\/\//i.test(u)) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new DossierError('USAGE', `store URL "${u}" is not a valid postgres:// URL`, { input: u });
    }
    const schema = opts.schema ?? parsed.searchParams.get('schema') ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new DossierError('USAGE', `PostgreSQL schema "${schema}" must be a plain identifier (letters, digits, _)`, { input: u });
    }
    parsed.searchParams.delete('schema');
    return { dialect: 'postgres', url: parsed.toString(), schema };
  }
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(u)) {
    throw new DossierError('USAGE', `store URL "${u}" has an unsupported scheme; expected a file path, sqlite:PATH or postgres://…`, { input: u });
  }
  const path = u.replace(/^sqlite:(\/\/)?/i, '');
  if (path === '') throw new DossierError('USAGE', 'store URL is empty; expected a file path, sqlite:PATH or postgres://…');
  return { dialect: 'sqlite', path };
}

function foreign(where: string, why: string): DossierError {
  return new DossierError('STORE_FOREIGN', `${where} is not a Dossier database (${why}); expected a new file or one created by Dossier`, { input: where });
}

/** Checks an existing SQLite file without writing to it. */
function checkSqliteFile(path: string): void {
  const st = statSync(path);
  if (!st.isFile()) throw foreign(path, 'it is not a file');
  if (st.size === 0) return;
  const head = Buffer.alloc(16);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, head, 0, 16, 0);
  } finally {
    closeSync(fd);
  }
  if (head.toString('latin1') !== SQLITE_MAGIC) throw foreign(path, 'not an SQLite file');
  const db = new Database(path, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("select name from sqlite_master where type in ('table', 'view') and name not like 'sqlite_%'").all() as Array<{ name: string }>;
    checkTables(path, tables.map((t) => t.name), () => db.prepare('select key, value from dossier_meta').all() as Array<{ key: string; value: string }>);
  } catch (e) {
    if (isDossierError(e)) throw e;
    throw foreign(path, `it cannot be read as SQLite: ${e instanceof Error ? e.message : String(e)}`);
  } finally {
    db.close();
  }
}

function checkTables(where: string, tables: string[], meta: () => Array<{ key: string; value: string }>): void {
  if (tables.length === 0) return;
  if (!tables.includes('dossier_meta')) throw foreign(where, `it has tables (${tables.slice(0, 5).join(', ')}${tables.length > 5 ? ', …' : ''}) but no dossier_meta`);
  const m = new Map(meta().map((r) => [r.key, r.value]));
  if (m.get('app') !== 'dossier') throw foreign(where, 'its dossier_meta does not name the dossier app');
  const version = Number(m.get('schema_version'));
  if (version > SCHEMA_VERSION) {
    throw new DossierError('STORE_FOREIGN', `${where} has Dossier schema version ${version}, newer than this Dossier (version ${SCHEMA_VERSION}); upgrade Dossier`, { input: where });
  }
}

async function migrate(db: Kysely<DB>, dialect: 'sqlite' | 'postgres', where: string, schema?: string): Promise<void> {
  const migrator = new Migrator({
    db,
    provider: migrationProvider(dialect),
    migrationTableName: MIGRATION_TABLE,
    migrationLockTableName: MIGRATION_LOCK_TABLE,
    ...(schema && { migrationTableSchema: schema }),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) {
    throw new DossierError('STORE_FAILED', `migrating ${where} to schema version ${SCHEMA_VERSION} failed: ${error instanceof Error ? error.message : String(error)}`, { input: where, cause: error });
  }
  const now = new Date().toISOString();
  for (const [key, value] of [['app', 'dossier'], ['schema_version', String(SCHEMA_VERSION)]] as const) {
    await db.insertInto('dossier_meta').values({ key, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value })).execute();
  }
  await db.insertInto('dossier_meta').values({ key: 'created_at', value: now }).onConflict((oc) => oc.column('key').doNothing()).execute();
}

async function openSqlite(path: string, opts: OpenStoreOptions): Promise<Store> {
  const memory = path === ':memory:';
  const where = memory ? 'the in-memory database' : resolve(path);
  if (!memory) {
    if (existsSync(path)) checkSqliteFile(path);
    else if (opts.mustExist) throw new DossierError('NOT_FOUND', `database ${where} does not exist`, { input: path });
    else if (!existsSync(dirname(resolve(path)))) {
      throw new DossierError('STORE_FAILED', `cannot create database ${where}: folder ${dirname(resolve(path))} does not exist`, { input: path });
    }
  }
  let database: Database.Database;
  try {
    database = new Database(path);
    database.pragma('busy_timeout = 5000');
    if (!memory) database.pragma('journal_mode = WAL');
  } catch (e) {
    throw new DossierError('STORE_FAILED', `cannot open database ${where}: ${e instanceof Error ? e.message : String(e)}`, { input: path, cause: e });
  }
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database }) });
  try {
    await migrate(db, 'sqlite', where);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return new KyselyStore(db, 'sqlite', where, opts);
}

async function openPostgres(url: string, schema: string, opts: OpenStoreOptions): Promise<Store> {
  const safe = url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
  const where = `${safe} (schema ${schema})`;
  const pool = new pg.Pool({ connectionString: url, options: `-c search_path=${schema}`, max: 4, connectionTimeoutMillis: 5000 });
  try {
    await pool.query('select 1');
  } catch (e) {
    await pool.end().catch(() => undefined);
    throw new DossierError('STORE_FAILED', `cannot connect to PostgreSQL at ${safe}: ${e instanceof Error ? e.message : String(e)}`, { input: safe, cause: e });
  }
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  try {
    const tables = await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = ${schema}`.execute(db);
    const names = tables.rows.map((r) => r.name);
    let meta: Array<{ key: string; value: string }> = [];
    if (names.includes('dossier_meta')) meta = await db.selectFrom('dossier_meta').select(['key', 'value']).execute();
    checkTables(where, names, () => meta);
    if (schema !== 'public') await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
    await migrate(db, 'postgres', where, schema);
  } catch (e) {
    await db.destroy();
    if (isDossierError(e)) throw e;
    throw new DossierError('STORE_FAILED', `opening ${where} failed: ${e instanceof Error ? e.message : String(e)}`, { input: safe, cause: e });
  }
  return new KyselyStore(db, 'postgres', where, opts);
}

/**
 * Opens (creating and migrating when needed) a Dossier store.
 * @example
 *   const store = await openStore('sqlite:dossier.db');
 *   await store.saveDocument(nativeDoc);
 *   await store.close();
 */
export async function openStore(url: string = DEFAULT_DB, opts: OpenStoreOptions = {}): Promise<Store> {
  const loc = parseStoreUrl(url, opts);
  return loc.dialect === 'sqlite' ? openSqlite(loc.path, opts) : openPostgres(loc.url, loc.schema, opts);
}
