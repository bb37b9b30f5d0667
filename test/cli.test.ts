/**
 * The `dossier` command as a user runs it: real processes, real files, exit statuses and
 * one-line errors (never a stack trace).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { assertContract } from './helpers.ts';

const root = new URL('..', import.meta.url).pathname;
const tmp = mkdtempSync(join(tmpdir(), 'dossier-cli-'));

function dossier(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [join(root, 'bin/dossier.js'), ...args], {
    cwd: tmp,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, DOSSIER_DB: join(tmp, 'default.db') },
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function noStack(err: string) {
  assert.doesNotMatch(err, /\n\s+at /, `stack trace leaked:\n${err}`);
}

test('analyze --json on the bundled example prints one contract-valid JSON object', () => {
  const r = dossier(['analyze', '--json', '--published-at', '2023-10-29', join(root, 'examples/seed.txt')]);
  assert.equal(r.code, 0, r.err);
  const lines = r.out.trim().split('\n');
  assert.equal(lines.length, 1);
  const doc = JSON.parse(lines[0]!);
  assertContract(doc);
  assert.equal(doc.document.publishedAt, '2023-10-29');
  assert.ok(doc.entities.length > 10);
});

test('analyze without --json prints a readable summary', () => {
  const r = dossier(['analyze', '--published-at', '2023-10-29', join(root, 'examples/seed.txt')]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /Entities/);
  assert.match(r.out, /Fallahzadeh/);
});

test('analyze --pretokenized keeps exactly the given sentences and tokens, one document per blank-line block', () => {
  const input = 'Hamas fired rockets at Israel .\nIsrael struck back .\n\nThe U.N. called for calm .\n';
  const r = dossier(['analyze', '--pretokenized', '--tokens', '--json', '-'], input);
  assert.equal(r.code, 0, r.err);
  const docs = r.out.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(docs.length, 2);
  for (const d of docs) assertContract(d);
  const toks = (d: { tokens: Array<{ text: string }> }) => d.tokens.map((t) => t.text).join(' ');
  assert.equal(toks(docs[0]), 'Hamas fired rockets at Israel . Israel struck back .');
  assert.equal(docs[0].sentences.length, 2);
  assert.equal(toks(docs[1]), 'The U.N. called for calm .');
  assert.ok(docs[0].tokens.every((t: { pos: string; dep: string }) => t.pos !== '' && t.dep !== ''), 'tokens are tagged and parsed');
});

test('analyze --input-format jsonl keeps the documents\' ids', () => {
  const f = join(tmp, 'in.jsonl');
  writeFileSync(f, JSON.stringify({ id: 'r-1', text: 'Reuters reported that Iran sent drones to Russia.' }) + '\n' + JSON.stringify({ id: 'r-2', title: 'T', html: '<p>Hamas leaders met in Doha on Monday.</p>', publishedAt: '2024-01-10' }) + '\n');
  const r = dossier(['analyze', '--input-format', 'jsonl', '--json', f]);
  assert.equal(r.code, 0, r.err);
  const ids = r.out.trim().split('\n').map((l) => JSON.parse(l).document.id);
  assert.deepEqual(ids, ['r-1', 'r-2']);
});

test('a missing file is a one-line error naming it, with a non-zero exit', () => {
  const r = dossier(['analyze', '--json', join(tmp, 'nope.txt')]);
  assert.notEqual(r.code, 0);
  assert.match(r.err, /error\[INPUT_UNREADABLE\].*nope\.txt/);
  noStack(r.err);
});

test('a bad --published-at is a usage error', () => {
  const r = dossier(['analyze', '--published-at', 'yesterday', join(root, 'examples/seed.txt')]);
  assert.equal(r.code, 64);
  assert.match(r.err, /--published-at/);
  noStack(r.err);
});

test('ingest stores a document once: re-ingesting it is a no-op', () => {
  const db = join(tmp, 'idem.db');
  const a = dossier(['--db', db, 'ingest', '-q', '--published-at', '2023-10-29', join(root, 'examples/seed.txt')]);
  assert.equal(a.code, 0, a.err);
  assert.match(a.out, /ingested 1 new, 0 unchanged, 0 failed/);
  const b = dossier(['--db', db, 'ingest', '-q', join(root, 'examples/seed.txt')]);
  assert.equal(b.code, 0, b.err);
  assert.match(b.out, /ingested 0 new, 1 unchanged, 0 failed/);
});

test('ingest stores the good inputs, lists the failed ones and exits non-zero', () => {
  const db = join(tmp, 'partial.db');
  const empty = join(tmp, 'empty.txt');
  writeFileSync(empty, '   \n');
  const good = join(tmp, 'good.txt');
  writeFileSync(good, 'Houthi forces attacked a cargo ship in the Red Sea on Tuesday, the US military said.\n');
  const r = dossier(['--db', db, 'ingest', '-q', empty, good, join(tmp, 'missing.txt')]);
  assert.equal(r.code, 1);
  assert.match(r.out, /ingested 1 new, 0 unchanged, 2 failed/);
  assert.match(r.err, /INPUT_EMPTY.*empty\.txt/);
  assert.match(r.err, /INPUT_UNREADABLE.*missing\.txt/);
  noStack(r.err);
  const s = dossier(['--db', db, 'stats', '--json']);
  assert.equal(s.code, 0, s.err);
  assert.equal(JSON.parse(s.out).documents, 1);
});

test('a database that is not Dossier\'s is refused and left untouched', () => {
  const db = join(tmp, 'foreign.db');
  const other = new Database(db);
  other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, total REAL); INSERT INTO invoices (total) VALUES (9.5);');
  other.close();
  const r = dossier(['--db', db, 'ingest', '-q', join(root, 'examples/seed.txt')]);
  assert.notEqual(r.code, 0);
  assert.match(r.err, /STORE_FOREIGN/);
  noStack(r.err);
  const check = new Database(db, { readonly: true });
  const tables = check.prepare("SELECT name FROM sqlite_master WHERE type='table'").all() as Array<{ name: string }>;
  check.close();
  assert.deepEqual(tables.map((t) => t.name), ['invoices']);
});

test('--help documents every command', () => {
  const r = dossier(['--help']);
  assert.equal(r.code, 0);
  for (const c of ['analyze', 'ingest', 'search', 'show', 'stats', 'entities', 'merge', 'split', 'timeline']) assert.match(r.out, new RegExp(`\\b${c}\\b`));
  assert.match(r.out, /Exit status/);
});
