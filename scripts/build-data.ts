/**
 * `npm run build:data`: rebuild every data file Dossier ships, from named sources, in order:
 * the actor knowledge base (data/kb), the gazetteer (data/gazetteer), the event trigger lexicon
 * (data/lexicon) and the NER gazetteer features (models/ner). Each step is its own script and
 * records its sources and licences; this one only runs them, each in a child process.
 * Options: --data DIR (the shared corpora, default ../shared/data or DOSSIER_SHARED_DATA).
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { checkScriptArgs } from './lib/script-args.ts';

checkScriptArgs('build:data', 'npm run build:data -- [--data DIR]',
  'Rebuild every data file Dossier ships (knowledge base, gazetteer, trigger lexicon, NER\ngazetteer features) from named sources, one child process per step.',
  [{ flag: '--data', value: 'DIR', help: 'the shared corpora (default ../shared/data or $DOSSIER_SHARED_DATA)' }]);
const here = dirname(fileURLToPath(import.meta.url));
const i = process.argv.indexOf('--data');
const dataArgs = i >= 0 && process.argv[i + 1] ? ['--data', process.argv[i + 1]!] : [];

const steps: Array<[string, string[]]> = [
  ['build-kb.ts', dataArgs],
  ['build-gazetteer.ts', []],
  ['build-lexicon.ts', dataArgs],
  ['build-ner-gazetteer.ts', dataArgs],
];

for (const [script, args] of steps) {
  console.log(`== ${script} ${args.join(' ')}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(here, script), ...args], { stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`build:data: ${script} failed with status ${r.status}`);
    process.exit(r.status ?? 1);
  }
}
console.log('build:data: done');
