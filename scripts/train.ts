/**
 * @module scripts/train
 * `npm run train`: reproduce every shipped NLP model from ../shared/data, deterministically
 * (fixed seeds): the sentence-boundary classifier, the POS tagger + lemmatizer, the dependency parser + labeller, then the NER
 * model (scripts/train-ner.ts, when present).
 *
 *   npm run train -- [--data DIR] [--out DIR] [--quick] [--no-clusters] [--jobs N] [--only sentences,tagger,parser,ner]
 *
 * The tagger and parser use the word clusters of models/clusters.tsv.gz (scripts/build-clusters.ts),
 * copied beside the models when --out is another folder; --no-clusters trains them without.
 * --data defaults to $DOSSIER_SHARED_DATA or ../shared/data relative to the repository root;
 * --out defaults to models/. --quick trains on a 50-sentence slice for smoke tests. --jobs 1 keeps
 * all training on one thread (default: 2 on a machine with two cores: the tagger's jackknife
 * models then train on a worker thread, and the sentence classifier and NER on another while the
 * parser trains; the files written are the same either way).
 */
import { copyFileSync, existsSync, mkdirSync } from 'node:fs';
import { loadClusters, type WordClusters } from '../src/nlp/clusters.ts';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { DossierError } from '../src/errors.ts';
import { defaultJobs, loadUd, trainTaggerModel } from './train-tagger.ts';
import { trainParserModel } from './train-parser.ts';
import { trainSentencesModel } from './train-sentences.ts';
import { runIfMain } from './lib/run-main.ts';
import { trainOnThread } from './lib/train-thread.ts';
import { usageOrThrow, type ScriptOption } from './lib/script-args.ts';
import { sharedDataDir } from './lib/shared-data.ts';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface TrainOptions {
  dataDir?: string;
  outDir?: string;
  quick?: boolean;
  /** Which models to train (default all). */
  only?: Array<'sentences' | 'tagger' | 'parser' | 'ner'>;
  /** Word-cluster features in the tagger and parser (default true; false for an ablation). */
  clusters?: boolean;
  /** Threads (1 or 2; default 2 on a machine with two cores): see the module comment. */
  jobs?: number;
  log?: (s: string) => void;
}

/**
 * The word clusters the tagger and parser are trained with: `<out>/clusters.tsv.gz`, copied there
 * from the repository's models/ when training into another folder (models read the file beside them).
 */
function clustersFor(outDir: string): WordClusters {
  const file = join(outDir, 'clusters.tsv.gz');
  const shipped = join(repoRoot, 'models', 'clusters.tsv.gz');
  if (!existsSync(file)) {
    if (!existsSync(shipped)) throw new DossierError('MODEL_MISSING', `train: ${shipped} not found; build it with \`node --import tsx scripts/build-clusters.ts\` (or train with --no-clusters)`, { input: shipped });
    mkdirSync(outDir, { recursive: true });
    copyFileSync(shipped, file);
  }
  return loadClusters(file);
}

/** Train the models; returns a summary of dev scores and file sizes. */
export async function trainAll(opts: TrainOptions = {}): Promise<Record<string, unknown>> {
  const dataDir = opts.dataDir ?? sharedDataDir();
  const outDir = opts.outDir ?? join(repoRoot, 'models');
  const log = opts.log ?? ((s: string) => console.log(s));
  const only = new Set(opts.only ?? ['sentences', 'tagger', 'parser', 'ner']);
  if (!existsSync(join(dataDir, 'ud', 'en_ewt', 'train.conllu'))) {
    throw new DossierError('INPUT_UNREADABLE', `train: ${join(dataDir, 'ud', 'en_ewt', 'train.conllu')} not found; pass --data DIR (the shared data folder with ud/, uner/, re3d/) or set DOSSIER_SHARED_DATA`, { input: dataDir });
  }
  const summary: Record<string, unknown> = {};
  const t0 = Date.now();
  const useClusters = opts.clusters !== false && (only.has('tagger') || only.has('parser'));
  // without a caller's log (the command line) worker threads print their lines themselves: their
  // messages would wait for this thread's long synchronous steps
  const threadStdout = opts.log === undefined;
  const step = { dataDir, outDir, log, quick: opts.quick ?? false, clusters: useClusters ? clustersFor(outDir) : null, jobs: opts.jobs ?? defaultJobs(), threadStdout };
  // With two threads, the models that do not need the tagger (sentences, NER) train on a worker
  // thread while this one trains the parser (the longest step); the files are the same.
  const aside = step.jobs >= 2 && only.has('parser') && only.has('tagger') ? (['sentences', 'ner'] as const).filter((m) => only.has(m)) : [];
  let besides: Promise<Record<string, unknown>> | null = null;
  if (only.has('sentences') || only.has('tagger') || only.has('parser')) {
    const data = loadUd(dataDir, step.quick);
    log(`data: ${data.train.length} training sentences, ${data.dev.length} dev sentences from ${dataDir}`);
    if (only.has('sentences') && aside.length === 0) summary['sentences'] = await trainSentencesModel(step, data);
    let tagger;
    let trainTags = null;
    if (only.has('tagger')) {
      const r = await trainTaggerModel(step, data);
      tagger = r.tagger;
      trainTags = r.trainTags;
      summary['tagger'] = { devUpos: r.devUpos, bytes: r.bytes };
    } else if (only.has('parser')) {
      // the parser alone: tags from the tagger already in --out (its training tags are then the
      // tagger's own, not jackknifed; `--only tagger,parser` reproduces the shipped parser)
      const { loadTagger } = await import('../src/nlp/tagger.ts');
      tagger = loadTagger(join(outDir, 'tagger.bin'));
    }
    if (aside.length > 0) {
      besides = trainOnThread({ dataDir, outDir, quick: step.quick, jobs: 1, only: [...aside] }, log, { stdout: threadStdout });
      // waited for below; a failure meanwhile must not count as unhandled
      besides.catch(() => {});
    }
    if (only.has('parser') && tagger) {
      const r = await trainParserModel({ ...step, tagger, trainTags }, data);
      summary['parser'] = r;
    }
  }
  if (besides) Object.assign(summary, await besides);
  if (only.has('ner') && !aside.includes('ner')) {
    const nerScript = join(repoRoot, 'scripts', 'train-ner.ts');
    if (!existsSync(nerScript)) {
      log('ner: scripts/train-ner.ts is absent; skipping NER training');
    } else {
      const mod = (await import(pathToFileURL(nerScript).href)) as {
        trainNer?: (o: { dataDir: string; outDir: string; log: (s: string) => void; quick?: boolean }) => Promise<void>;
      };
      if (typeof mod.trainNer !== 'function') log('ner: scripts/train-ner.ts does not export trainNer(); skipping');
      else {
        await mod.trainNer({ dataDir, outDir: join(outDir, 'ner'), log, quick: step.quick });
        summary['ner'] = 'trained';
      }
    }
  }
  log(`train: done in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return summary;
}

const SYNOPSIS = 'npm run train -- [--data DIR] [--out DIR] [--quick] [--no-clusters] [--jobs N] [--only sentences,tagger,parser,ner]';
const DESCRIPTION =
  'Trains every NLP model (sentence classifier, tagger + lemmatizer, parser, NER) from the\n' +
  'treebanks and NER corpora in the shared data folder, deterministically (fixed seeds).';
/** The options, for --help and for the check of unknown options and missing values. */
const OPTIONS: readonly ScriptOption[] = [
  { flag: '--data', value: 'DIR', help: 'folder holding ud/, uner/ and re3d/ (default ../shared/data or $DOSSIER_SHARED_DATA)' },
  { flag: '--out', value: 'DIR', help: 'where the model files go (default models/)' },
  { flag: '--only', value: 'LIST', help: 'train only these: sentences, tagger, parser, ner (default all)' },
  { flag: '--quick', help: 'a 50-sentence slice, 1 epoch: a smoke test' },
  { flag: '--no-clusters', help: 'tagger and parser without the word-cluster features' },
  { flag: '--jobs', value: 'N', help: '1 or 2 threads (default 2 on two cores; the files are the same)' },
];

function parseArgs(argv: string[]): TrainOptions {
  usageOrThrow('train', SYNOPSIS, DESCRIPTION, OPTIONS, argv);
  const o: TrainOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    // usageOrThrow has checked that every value option has its value
    const val = () => argv[++i]!;
    if (a === '--data') o.dataDir = resolve(val());
    else if (a === '--out') o.outDir = resolve(val());
    else if (a === '--quick') o.quick = true;
    else if (a === '--no-clusters') o.clusters = false;
    else if (a === '--jobs') {
      const v = val();
      if (v !== '1' && v !== '2') throw new DossierError('USAGE', `train: --jobs expects 1 or 2, got "${v}"`);
      o.jobs = Number(v);
    } else if (a === '--only') {
      const parts = val().split(',');
      for (const p of parts) if (!['sentences', 'tagger', 'parser', 'ner'].includes(p)) throw new DossierError('USAGE', `train: --only expects sentences, tagger, parser and/or ner, got "${p}"`);
      o.only = parts as TrainOptions['only'];
    }
  }
  return o;
}

await runIfMain(import.meta.url, () => trainAll(parseArgs(process.argv.slice(2))));
