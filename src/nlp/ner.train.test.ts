/**
 * Smoke test of NER training: a tiny quick run into a temporary folder produces model files the
 * stage can load, and the same inputs give the same bytes (fixed seed). Needs the shared data
 * folder (DOSSIER_SHARED_DATA or ../shared/data); skipped when it is absent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { trainNer } from '../../scripts/train-ner.ts';
import { sharedDataDir } from '../../scripts/lib/shared-data.ts';
import { Recognizer } from './ner.ts';

const dataDir = sharedDataDir();
const skip = existsSync(join(dataDir, 'uner')) ? false : `shared data not found at ${dataDir}`;

test('quick training writes a loadable, deterministic model', { skip, timeout: 120_000 }, async (t) => {
  const a = mkdtempSync(join(tmpdir(), 'ner-a-'));
  const b = mkdtempSync(join(tmpdir(), 'ner-b-'));
  t.after(() => {
    rmSync(a, { recursive: true, force: true });
    rmSync(b, { recursive: true, force: true });
  });
  const lines: string[] = [];
  await trainNer({ dataDir, outDir: a, log: (s) => lines.push(s), quick: true });
  await trainNer({ dataDir, outDir: b, log: () => {}, quick: true });
  for (const f of ['ner.bin', 'gazetteer.tsv', 'casing.tsv']) assert.ok(existsSync(join(a, f)), `${f} written`);
  assert.deepEqual(readFileSync(join(a, 'ner.bin')), readFileSync(join(b, 'ner.bin')));
  assert.ok(lines.some((l) => l.includes('UNER dev')), 'reports dev F1');
  const rec = Recognizer.load(a);
  const spans = rec.recognize(['He', 'flew', 'to', 'London', '.']);
  assert.ok(Array.isArray(spans));
});
