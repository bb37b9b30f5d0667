/**
 * @module scripts/train-tagger
 * Train the POS tagger + lemmatizer on UD English EWT train + GUM train (model selection on EWT
 * dev) and write models/tagger.bin. Called by scripts/train.ts; runnable alone:
 *   node --import tsx scripts/train-tagger.ts [--data DIR] [--out DIR] [--quick]
 */
import { join } from 'node:path';
import { readConllu, type UdSentence } from './lib/conllu.ts';
import { availableParallelism } from 'node:os';
import { trainTagger, saveTagger, inlineJackknife, type TaggedSentence } from '../src/nlp/tagger-train.ts';
import { threadJackknife } from './lib/jackknife-thread.ts';
import type { Tagger } from '../src/nlp/tagger.ts';
import type { WordClusters } from '../src/nlp/clusters.ts';

export interface TrainStepOptions {
  dataDir: string;
  outDir: string;
  log: (s: string) => void;
  /** Train on a small slice for smoke tests. */
  quick?: boolean;
  epochs?: number;
  seed?: number;
  /** Word clusters for the tagger's and parser's cluster features (null = none). */
  clusters?: WordClusters | null;
  /** Threads for the tagger's training: 2 runs its jackknife models beside the first pass (default: 2 when the machine has two cores). */
  jobs?: number;
  /** Worker threads write their log lines straight to stdout (the command line, where `log` is console.log). */
  threadStdout?: boolean;
}

/** Default thread count for training: 2 when the machine has two cores or more. */
export function defaultJobs(): number {
  return Math.min(2, availableParallelism());
}

/** Whether a UD sentence comes from GUM (its sent_id starts with "GUM_"). */
export function isGum(s: UdSentence): boolean {
  return s.id.startsWith('GUM_');
}

export function toTagged(s: UdSentence): TaggedSentence {
  return { words: s.words.map((w) => w.form), upos: s.words.map((w) => w.upos), xpos: s.words.map((w) => w.xpos), lemmas: s.words.map((w) => w.lemma) };
}

/** Load UD training and dev sentences (EWT + GUM train; EWT dev). */
export function loadUd(dataDir: string, quick = false): { train: UdSentence[]; dev: UdSentence[] } {
  const ud = join(dataDir, 'ud');
  let train = [...readConllu(join(ud, 'en_ewt', 'train.conllu')), ...readConllu(join(ud, 'en_gum', 'train.conllu'))];
  let dev = readConllu(join(ud, 'en_ewt', 'dev.conllu'));
  if (quick) {
    train = train.slice(0, 50);
    dev = dev.slice(0, 20);
  }
  return { train, dev };
}

export interface TaggerStepResult {
  devUpos: number;
  bytes: number;
  tagger: Tagger;
  /** Held-out tags of each training sentence (UPOS, XPOS), for the parser. */
  trainTags: Array<{ upos: string[]; xpos: string[] }> | null;
}

export async function trainTaggerModel(opts: TrainStepOptions, data = loadUd(opts.dataDir, opts.quick)): Promise<TaggerStepResult> {
  const { train, dev } = data;
  const t0 = Date.now();
  const { tagger, devAccuracy, jackknife } = await trainTagger({
    train: train.map(toTagged),
    dev: dev.map(toTagged),
    epochs: opts.epochs ?? (opts.quick ? 1 : 10),
    seed: opts.seed ?? 1,
    twoPass: true,
    clusters: opts.clusters ?? null,
    log: opts.log,
    runJackknife: (opts.jobs ?? defaultJobs()) >= 2 ? threadJackknife({ stdout: opts.threadStdout ?? false }) : inlineJackknife,
  });
  const bytes = saveTagger(join(opts.outDir, 'tagger.bin'), tagger);
  opts.log(`tagger: dev UPOS ${(100 * devAccuracy).toFixed(2)}, ${(bytes / 1e6).toFixed(2)} MB, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  const trainTags = jackknife ? jackknife.map((c) => ({ upos: Array.from(c, (k) => tagger.upos[k]!), xpos: Array.from(c, (k) => tagger.xpos[k]!) })) : null;
  return { devUpos: devAccuracy, bytes, tagger, trainTags };
}
