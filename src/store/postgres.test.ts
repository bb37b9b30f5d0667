/**
 * The store contract on PostgreSQL. Connects to DOSSIER_PG_URL, else
 * postgres://$PGUSER@127.0.0.1:5432/test (user `postgres` by default). Every store gets its own
 * fresh schema, dropped at the end, so runs are independent. When PostgreSQL is unreachable the
 * suite FAILS with a message saying how to start it, unless DOSSIER_SKIP_PG=1.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { DossierError } from '../errors.ts';
import { openStore } from './index.ts';
import { runStoreContract } from './contract.ts';

const url = process.env['DOSSIER_PG_URL'] ?? `postgres://${process.env['PGUSER'] ?? 'postgres'}@127.0.0.1:5432/test`;
const skip = process.env['DOSSIER_SKIP_PG'] === '1';
const run = `t${Date.now().toString(36)}${process.pid.toString(36)}`;
const schemas: string[] = [];
let counter = 0;

function freshSchema(): string {
  const s = `dossier_${run}_${++counter}`;
  schemas.push(s);
  return s;
}

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

describe('PostgreSQL store', { skip: skip ? 'DOSSIER_SKIP_PG=1' : false }, () => {
  before(async () => {
    try {
      await admin((c) => c.query('select 1'));
    } catch (e) {
      throw new Error(
        `PostgreSQL is not reachable at ${url} (${e instanceof Error ? e.message : String(e)}). ` +
          'Start it (e.g. `pg_ctlcluster 15 main start`), set DOSSIER_PG_URL, or set DOSSIER_SKIP_PG=1 to skip these tests.',
      );
    }
  });

  after(async () => {
    if (schemas.length === 0) return;
    await admin(async (c) => {
      for (const s of schemas) await c.query(`drop schema if exists "${s}" cascade`);
    }).catch(() => undefined);
  });

  runStoreContract('PostgreSQL', (opts) => openStore(url, { ...opts, schema: freshSchema() }));

  it('refuses a schema that holds other tables, leaving them alone', async () => {
    const schema = freshSchema();
    await admin(async (c) => {
      await c.query(`create schema "${schema}"`);
      await c.query(`create table "${schema}".customers (id serial primary key, name text)`);
      await c.query(`insert into "${schema}".customers (name) values ('x')`);
    });
    await assert.rejects(openStore(url, { schema }), (e: unknown) => e instanceof DossierError && e.code === 'STORE_FOREIGN' && /customers/.test(e.message));
    const tables = await admin((c) => c.query(`select table_name from information_schema.tables where table_schema = $1`, [schema]));
    assert.deepEqual(tables.rows.map((r: { table_name: string }) => r.table_name), ['customers']);
  });

  it('opens the same schema again with its data (schema named in the URL)', async () => {
    const schema = freshSchema();
    const s1 = await openStore(`${url}?schema=${schema}`);
    const { fixture } = await import('./contract.ts');
    await s1.saveDocument(fixture('sistani-ali'));
    await s1.close();
    const s2 = await openStore(`${url}?schema=${schema}`);
    assert.equal((await s2.stats()).documents, 1);
    assert.equal((await s2.stats()).dialect, 'postgres');
    await s2.close();
  });

  it('clusters two reports saved at the same time by two workers', async () => {
    const schema = freshSchema();
    const first = await openStore(url, { schema });
    const second = await openStore(url, { schema });
    const { fixture } = await import('./contract.ts');
    await Promise.all([first.saveDocument(fixture('meeting-asharq')), second.saveDocument(fixture('meeting-farda'))]);
    const meeting = (await first.timeline()).find((t) => t.corroboration === 2);
    assert.ok(meeting, 'the meeting is one event with two reports');
    assert.equal((await second.getEntity('Nouri al-Maliki')).documentCount, 2);
    await first.close();
    await second.close();
  });

  it('fails with STORE_FAILED naming the server when it cannot connect', async () => {
    await assert.rejects(openStore('postgres://nobody@127.0.0.1:1/none'), (e: unknown) => e instanceof DossierError && e.code === 'STORE_FAILED' && /127\.0\.0\.1:1/.test(e.message));
  });
});
