import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { trainAll } from './train.ts';
import { loadTagger } from '../src/nlp/tagger.ts';
import { loadParser } from '../src/nlp/parser.ts';
import { sharedDataDir } from './lib/shared-data.ts';

const data = sharedDataDir();
const haveData = existsSync(join(data, 'ud', 'en_ewt', 'train.conllu'));

test('quick training writes loadable tagger and parser models', { skip: !haveData && 'shared data not present' }, async () => {
  const out = mkdtempSync(join(tmpdir(), 'dossier-train-'));
  try {
    const lines: string[] = [];
    await trainAll({ dataDir: data, outDir: out, quick: true, only: ['sentences', 'tagger', 'parser'], log: (s) => lines.push(s) });
    assert.ok(statSync(join(out, 'tagger.bin')).size > 1000);
    assert.ok(statSync(join(out, 'parser.bin')).size > 1000);
    assert.ok(lines.some((l) => l.startsWith('tagger: dev UPOS')));
    const tagger = loadTagger(join(out, 'tagger.bin'));
    const cls = tagger.tagClasses(['The', 'army', 'moved', '.']);
    assert.equal(cls.length, 4);
    const parser = loadParser(join(out, 'parser.bin'));
    const { heads } = parser.parseSentence(['The', 'army', 'moved', '.'], ['DET', 'NOUN', 'VERB', 'PUNCT'], ['DT', 'NN', 'VBD', '.']);
    assert.equal(heads.filter((h) => h === -1).length, 1, 'exactly one root');
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('two threads write the same files as one (quick training of every model)', { skip: !haveData && 'shared data not present' }, async () => {
  const one = mkdtempSync(join(tmpdir(), 'dossier-train-1-'));
  const two = mkdtempSync(join(tmpdir(), 'dossier-train-2-'));
  try {
    const lines: string[] = [];
    await trainAll({ dataDir: data, outDir: one, quick: true, jobs: 1, log: () => {} });
    await trainAll({ dataDir: data, outDir: two, quick: true, jobs: 2, log: (s) => lines.push(s) });
    assert.ok(lines.some((l) => l.endsWith('[second thread]')), 'some of the work ran on the second thread');
    // ner.bin's header holds the training date: mask it (the two runs may straddle midnight)
    const bytes = (dir: string, f: string) => readFileSync(join(dir, f)).toString('latin1').replace(/"trained":"[\d-]+"/, '"trained":""');
    for (const f of ['sentences.bin', 'tagger.bin', 'parser.bin', 'ner/ner.bin', 'ner/gazetteer.tsv']) {
      assert.ok(bytes(one, f) === bytes(two, f), `${f} differs between --jobs 1 and --jobs 2`);
    }
  } finally {
    rmSync(one, { recursive: true, force: true });
    rmSync(two, { recursive: true, force: true });
  }
});

test('training with a missing data folder fails with a message naming the file', async () => {
  await assert.rejects(trainAll({ dataDir: '/nonexistent/data', outDir: tmpdir(), quick: true, log: () => {} }), (e: Error & { code?: string }) => {
    assert.equal(e.code, 'INPUT_UNREADABLE');
    assert.match(e.message, /\/nonexistent\/data\/ud\/en_ewt\/train\.conllu/);
    return true;
  });
});

test('train --help describes every option; a bad --jobs or an unknown option is a usage error (exit 64)', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), 'train.ts');
  const help = spawnSync(process.execPath, ['--import', 'tsx', script, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  for (const flag of ['--data DIR', '--out DIR', '--only LIST', '--quick', '--no-clusters', '--jobs N', '--help']) assert.match(help.stdout, new RegExp(`^  ${flag} +\\S`, 'm'), flag);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', script, '--jobs', '3'], { encoding: 'utf8' });
  assert.equal(bad.status, 64);
  assert.equal(bad.stderr.trim(), 'error[USAGE]: train: --jobs expects 1 or 2, got "3"');
  // unknown options are named with the list --help prints
  const unknown = spawnSync(process.execPath, ['--import', 'tsx', script, '--job', '2'], { encoding: 'utf8' });
  assert.equal(unknown.status, 64);
  assert.equal(unknown.stderr.trim(), 'error[USAGE]: train: unknown option "--job" (expected --data, --out, --only, --quick, --no-clusters, --jobs, --help)');
});
