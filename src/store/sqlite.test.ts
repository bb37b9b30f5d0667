/**
 * The store contract on SQLite (in memory), plus what only a file database can show:
 * persistence across openings and refusing files that are not Dossier's without touching them.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DossierError } from '../errors.ts';
import { openStore, parseStoreUrl } from './index.ts';
import { fixture, runStoreContract } from './contract.ts';

runStoreContract('SQLite', (opts) => openStore(':memory:', opts ?? {}));

describe('SQLite store files', () => {
  let dir = '';
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'dossier-store-'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps documents, entities and corrections across openings', async () => {
    const path = join(dir, 'kept.db');
    const s1 = await openStore(`sqlite:${path}`);
    await s1.saveDocument(fixture('meeting-asharq'));
    await s1.saveDocument(fixture('meeting-farda'));
    const merged = await s1.mergeEntities('Mohammad Reza Fallahzadeh', 'Mohammadreza Fallahzadeh');
    await s1.close();
    const s2 = await openStore(path);
    assert.equal((await s2.stats()).documents, 2);
    assert.equal((await s2.getEntity('Mohammadreza Fallahzadeh')).id, merged.id);
    assert.equal((await s2.search('ambassador')).length, 1);
    await s2.close();
  });

  it('refuses an SQLite file with other tables and leaves it unchanged', async () => {
    const path = join(dir, 'other.db');
    const db = new Database(path);
    db.exec("create table customers (id integer primary key, name text); insert into customers (name) values ('x')");
    db.close();
    const bytes = readFileSync(path);
    await assert.rejects(openStore(path), (e: unknown) => e instanceof DossierError && e.code === 'STORE_FOREIGN' && e.message.includes(path) && /customers/.test(e.message));
    assert.deepEqual(readFileSync(path), bytes);
  });

  it('refuses a file that is not SQLite at all', async () => {
    const path = join(dir, 'notes.txt');
    writeFileSync(path, 'These are my notes, not a database.\n');
    await assert.rejects(openStore(path), (e: unknown) => e instanceof DossierError && e.code === 'STORE_FOREIGN' && /not an SQLite file/.test(e.message));
    assert.equal(readFileSync(path, 'utf8'), 'These are my notes, not a database.\n');
  });

  it('refuses a Dossier database with a newer schema', async () => {
    const path = join(dir, 'future.db');
    const s = await openStore(path);
    await s.close();
    const db = new Database(path);
    db.prepare("update dossier_meta set value = '999' where key = 'schema_version'").run();
    db.close();
    await assert.rejects(openStore(path), (e: unknown) => e instanceof DossierError && e.code === 'STORE_FOREIGN' && /999/.test(e.message));
  });

  it('fails with STORE_FAILED when the folder does not exist', async () => {
    await assert.rejects(openStore(join(dir, 'no', 'such', 'x.db')), (e: unknown) => e instanceof DossierError && e.code === 'STORE_FAILED');
  });
});

describe('store URLs', () => {
  it('reads file paths, sqlite: URLs and postgres URLs with a schema', () => {
    assert.deepEqual(parseStoreUrl('dossier.db'), { dialect: 'sqlite', path: 'dossier.db' });
    assert.deepEqual(parseStoreUrl('sqlite:/tmp/a.db'), { dialect: 'sqlite', path: '/tmp/a.db' });
    assert.deepEqual(parseStoreUrl(':memory:'), { dialect: 'sqlite', path: ':memory:' });
    assert.deepEqual(parseStoreUrl('postgresql://u@h:5432/db?schema=team1'), { dialect: 'postgres', url: 'postgresql://u@h:5432/db', schema: 'team1' });
    assert.throws(() => parseStoreUrl('mysql://h/db'), (e: unknown) => e instanceof DossierError && e.code === 'USAGE');
    assert.throws(() => parseStoreUrl('postgres://h/db?schema=a;drop'), (e: unknown) => e instanceof DossierError && e.code === 'USAGE');
  });
});
