import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { argsProblem, scriptUsage, usageOrThrow, type ScriptOption } from './script-args.ts';

const options: ScriptOption[] = [
  { flag: '--data', value: 'DIR', help: 'the corpora' },
  { flag: '--errors', help: 'list errors' },
];

test('argsProblem accepts known switches and options with their values', () => {
  assert.equal(argsProblem('x', options, []), null);
  assert.equal(argsProblem('x', options, ['--errors', '--data', '/d']), null);
  assert.equal(argsProblem('x', options, ['--help']), null);
});

test('argsProblem names an unknown option, a stray argument and a missing value', () => {
  assert.equal(argsProblem('eval:x', options, ['--erors']), 'eval:x: unknown option "--erors" (expected --data, --errors, --help)');
  assert.match(argsProblem('eval:x', options, ['stray'])!, /unknown argument "stray"/);
  assert.equal(argsProblem('eval:x', options, ['--data']), 'eval:x: --data needs DIR');
  assert.equal(argsProblem('eval:x', options, ['--data', '--errors']), 'eval:x: --data needs DIR');
});

test('scriptUsage lists every option and --help', () => {
  const u = scriptUsage('npm run x -- [--data DIR]', 'Does x.', options);
  assert.match(u, /^usage: npm run x -- \[--data DIR\]\n\nDoes x\.\n/);
  assert.match(u, /--data DIR +the corpora/);
  assert.match(u, /--errors +list errors/);
  assert.match(u, /--help +print this help and exit/);
});

// regression: `npm run build:data -- --help` used to rebuild every data file instead of printing its usage
test('build:data --help prints its usage and builds nothing; an unknown option exits 64 with a clear error', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'build-data.ts');
  const help = spawnSync(process.execPath, ['--import', 'tsx', script, '--help'], { encoding: 'utf8' });
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^usage: npm run build:data/);
  assert.doesNotMatch(help.stdout, /build-kb/);
  const bad = spawnSync(process.execPath, ['--import', 'tsx', script, '--dta', 'x'], { encoding: 'utf8' });
  assert.equal(bad.status, 64);
  assert.match(bad.stderr, /^error\[USAGE\]: build:data: unknown option "--dta"/);
  assert.doesNotMatch(bad.stderr, /at .*\.ts:\d+/);
});

test('usageOrThrow throws a USAGE error naming an unknown option or a missing value, and passes good arguments', () => {
  const opts = [{ flag: '--data', value: 'DIR', help: 'data' }, { flag: '--quick', help: 'quick' }];
  assert.doesNotThrow(() => usageOrThrow('x', 'npm run x', 'Does x.', opts, ['--data', '/d', '--quick']));
  assert.throws(() => usageOrThrow('x', 'npm run x', 'Does x.', opts, ['--bogus']), (e: Error & { code?: string }) => e.code === 'USAGE' && /x: unknown option "--bogus"/.test(e.message));
  assert.throws(() => usageOrThrow('x', 'npm run x', 'Does x.', opts, ['--data']), (e: Error & { code?: string }) => e.code === 'USAGE' && /x: --data needs DIR/.test(e.message));
});

test('eval:nlp names an unknown option with the list its --help prints, and a --data without its folder (exit 64)', () => {
  const script = join(dirname(fileURLToPath(import.meta.url)), '..', 'eval-nlp.ts');
  const bad = spawnSync(process.execPath, ['--import', 'tsx', script, '--skip-peer'], { encoding: 'utf8' });
  assert.equal(bad.status, 64);
  assert.equal(bad.stderr.trim(), 'error[USAGE]: eval:nlp: unknown option "--skip-peer" (expected --data, --dev, --skip-peers, --skip-ner, --help)');
  const noDir = spawnSync(process.execPath, ['--import', 'tsx', script, '--data', '--dev'], { encoding: 'utf8' });
  assert.equal(noDir.status, 64);
  assert.equal(noDir.stderr.trim(), 'error[USAGE]: eval:nlp: --data needs DIR');
});

// regression: `node scripts/build-lexicon.ts --help` rebuilt data/lexicon/triggers.json instead of printing its usage
test('each data builder behind build:data prints its usage on --help without building, and names an unknown option (exit 64)', () => {
  for (const name of ['build-kb', 'build-gazetteer', 'build-lexicon', 'build-ner-gazetteer']) {
    const script = join(dirname(fileURLToPath(import.meta.url)), '..', `${name}.ts`);
    const help = spawnSync(process.execPath, ['--import', 'tsx', script, '--help'], { encoding: 'utf8' });
    assert.equal(help.status, 0, name);
    assert.match(help.stdout, new RegExp(`^usage: node --import tsx scripts/${name}\\.ts`), name);
    // what each builder prints when it has written its file
    assert.doesNotMatch(help.stdout, /^(?:build-kb: \d|build-gazetteer: \d|build-lexicon: \d|wrote )/m, `${name} --help built something`);
    const bad = spawnSync(process.execPath, ['--import', 'tsx', script, '--bogus'], { encoding: 'utf8' });
    assert.equal(bad.status, 64, name);
    assert.match(bad.stderr, new RegExp(`^error\\[USAGE\\]: ${name}: unknown option "--bogus"`), name);
  }
});
