/**
 * The store commands as the CLI registers them (in-process, output captured): search, show, stats,
 * entities, merge, split, timeline — readable tables by default, JSON with --json, one-line
 * errors with their codes and exit statuses.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command, CommanderError } from 'commander';
import { isDossierError, ERROR_CODES } from '../../errors.ts';
import type { CliContext } from '../context.ts';
import * as search from './search.ts';
import * as show from './show.ts';
import * as stats from './stats.ts';
import * as entities from './entities.ts';
import * as merge from './merge.ts';
import * as split from './split.ts';
import * as timeline from './timeline.ts';
import { openStore } from '../../store/index.ts';
import { fixture } from '../../store/contract.ts';

let dir = '';
let db = '';

/**
 * Runs `dossier ...args` against the test database with the store commands registered as the
 * CLI does, capturing what they print; errors become (code, one-line message) like main's.
 */
async function dossier(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  const ctx: CliContext = {
    openStore: () => openStore(db),
    print: (s) => void (out += s + '\n'),
    json: (v) => void (out += JSON.stringify(v) + '\n'),
  };
  const program = new Command().name('dossier').exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  for (const cmd of [search, show, stats, entities, merge, split, timeline]) cmd.register(program, ctx);
  for (const c of program.commands) c.exitOverride().configureOutput({ writeErr: () => undefined, writeOut: () => undefined });
  try {
    await program.parseAsync(['node', 'dossier', ...args]);
    return { code: 0, out, err: '' };
  } catch (e) {
    if (e instanceof CommanderError) return { code: ERROR_CODES.USAGE.exit, out, err: e.message };
    if (isDossierError(e)) return { code: e.exitCode, out, err: `error[${e.code}] ${e.message}` };
    throw e;
  }
}

describe('store commands', () => {
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'dossier-cmd-'));
    db = join(dir, 'cmd.db');
    const s = await openStore(db);
    for (const f of ['meeting-asharq', 'meeting-farda', 'sistani-ali', 'sistani-mohammed']) await s.saveDocument(fixture(f));
    await s.close();
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('search prints matching sentences with the words marked', async () => {
    const r = await dossier('search', 'ambassador');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /1 sentence match: ambassador/);
    assert.match(r.out, /doc_farda_meeting {2}\[0-166\]/);
    assert.match(r.out, /\[Ambassador\]/);
    const j = await dossier('search', 'Baghdad', '--json', '--limit', '1');
    assert.equal(JSON.parse(j.out).length, 1);
    const d = await dossier('search', '--documents', 'general');
    assert.match(d.out, /^1 document match: general\n\ndoc_farda_meeting {2}2023-10-28 {2}Iranian general held talks/);
  });

  it('stats counts in aligned columns, or JSON', async () => {
    const r = await dossier('stats');
    assert.match(r.out, /^documents +4$/m);
    assert.match(r.out, /^event clusters +5 +1 reported by 2\+ documents$/m);
    assert.equal(JSON.parse((await dossier('stats', '--json')).out).happenedEvents, 6);
  });

  it('entities lists merged entities with mention and document counts', async () => {
    const r = await dossier('entities', '--type', 'PERSON');
    const lines = r.out.trim().split('\n');
    assert.match(lines[0]!, /^ID +TYPE +MENTIONS +DOCS +KB +NAME$/);
    assert.ok(lines.some((l) => /PERSON +2 +2 +NOURI_AL_MALIKI +Nouri al-Maliki$/.test(l)));
    assert.equal(lines.filter((l) => /al-Sistani/.test(l)).length, 2);
    const bad = await dossier('entities', '--type', 'ALIEN');
    assert.equal(bad.code, 64);
  });

  it('show entity gives evidence sentences; an unknown name is a one-line NOT_FOUND with candidates', async () => {
    const r = await dossier('show', 'entity', 'Quds Force');
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^Quds Force {2}\(ORGANIZATION\/armed_group\)/);
    assert.match(r.out, /2 mentions in 2 documents/);
    assert.match(r.out, /Evidence:\n {2}doc_asharq_meeting/);
    const miss = await dossier('show', 'entity', 'al-Sistani');
    assert.equal(miss.code, 1);
    assert.equal(miss.err.trim().split('\n').length, 1);
    assert.match(miss.err, /error\[NOT_FOUND\].*Ali al-Sistani.*Mohammed al-Sistani/);
  });

  it('show event gives the claim, its sources and the other reports of the event', async () => {
    const r = await dossier('show', 'event', 'doc_farda_meeting:x1');
    assert.match(r.out, /said by: informed sources {2}via: Radio Farda/);
    assert.match(r.out, /Corroboration: 2 documents/);
    assert.match(r.out, /also reported as doc_asharq_meeting:v1/);
    const doc = await dossier('show', 'document', 'doc_sistani_ali', '--json');
    assert.equal(JSON.parse(doc.out).document.id, 'doc_sistani_ali');
    assert.equal((await dossier('show', 'document', 'doc_none')).code, 1);
  });

  it('timeline lists events by date with report counts; --all adds what did not happen', async () => {
    const r = await dossier('timeline');
    const lines = r.out.trim().split('\n').slice(2);
    assert.match(lines[0]!, /^2023-10-20 +REQUEST +1 +asserted/);
    assert.ok(lines.some((l) => /^2023-10-24 +CONSULT +2 +reported/.test(l)));
    assert.ok(!r.out.includes('ASSAULT'));
    assert.match((await dossier('timeline', '--all')).out, /ASSAULT +1 +conditional \(NOT happened\)/);
    const w = JSON.parse((await dossier('timeline', '--from', '2023-10-21', '--to', '2023-10-23', '--json')).out);
    assert.deepEqual(w.map((e: { type: string }) => e.type), ['CONSULT']);
    const bad = await dossier('timeline', '--from', 'soon');
    assert.equal(bad.code, 64);
    assert.match(bad.err, /ISO date/);
  });

  it('merge and split correct the resolution', async () => {
    const m = await dossier('merge', 'Mohammad Reza Fallahzadeh', 'Mohammadreza Fallahzadeh', '--json');
    assert.equal(m.code, 0, m.err);
    assert.equal(JSON.parse(m.out).mentionsMoved, 1);
    assert.match((await dossier('show', 'entity', 'Mohammadreza Fallahzadeh')).out, /2 mentions in 2 documents/);
    const s = await dossier('split', 'Baghdad', '--document', 'doc_farda_meeting');
    assert.equal(s.code, 0, s.err);
    assert.match(s.out, /^Split 1 mention off ent_\w+ into new entity ent_\w+/);
    const none = await dossier('split', 'Baghdad');
    assert.equal(none.code, 64);
    assert.match(none.err, /--document/);
  });
});
