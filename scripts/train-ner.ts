/**
 * Train the NER model (models/ner): BILOU averaged perceptron over PER/ORG/LOC.
 *
 *   node --import tsx scripts/train-ner.ts [--data <dir>] [--out <dir>] [--sources uner,gum,re3d]
 *                                          [--epochs N] [--quick]
 *
 * Data (under the shared data dir, DOSSIER_SHARED_DATA or ../shared/data): UNER EWT train,
 * GUM train `Entity=` named mentions, re3d documents outside the fixed hold-out. UNER dev picks
 * the epoch; test files are never read here. Deterministic (seeded shuffling).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readUner, readGum, readRe3d, type NerSentence } from '../src/nlp/ner/corpora.ts';
import { extractFeatures, FEATURES_VERSION, wordForm, type FeatureContext } from '../src/nlp/ner/features.ts';
import { Gazetteer } from '../src/nlp/ner/gazetteer.ts';
import { NerModel, LABELS, spansToLabels, labelsToSpans } from '../src/nlp/ner/model.ts';
import { trainPerceptron, type TrainSentence, type TrainedWeights } from '../src/nlp/ner/perceptron.ts';
import { scoreSpans, formatScores, type SpanScores } from '../src/nlp/ner/score.ts';
import { buildGazetteer, writeGazetteer } from './build-ner-gazetteer.ts';
import { sharedDataDir } from './lib/shared-data.ts';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export type NerSource = 'uner' | 'gum' | 're3d';

export interface TrainNerOptions {
  dataDir: string;
  outDir: string;
  log: (s: string) => void;
  /** Tiny data and two epochs: a smoke test, not a model. */
  quick?: boolean;
  /** Training sources (default: the set chosen by the ablation in docs/ner.md). */
  sources?: NerSource[];
  /** Maximum epochs; the best on UNER dev is kept. */
  epochs?: number;
  /** Use gazetteer features (default true). */
  gazetteer?: boolean;
  /** Shuffling seeds of runs whose weights are averaged (default [1]: three seeds measured no better on dev). */
  seeds?: number[];
  /** Drop features seen fewer times (default 3, chosen on UNER dev). */
  minCount?: number;
  /** Give GUM and re3d source-specific feature copies (default true). */
  adapt?: boolean;
}

export const DEFAULT_SOURCES: NerSource[] = ['uner', 'gum', 're3d'];

/**
 * Casing habit of each word form, from training text only (no labels): how often it is
 * capitalised away from the start of a sentence. Bucket 1 (never) … 5 (always); rare words left out.
 */
export function buildCasing(sents: readonly NerSentence[]): Map<string, number> {
  const counts = new Map<string, [number, number]>();
  for (const s of sents) {
    for (let i = 1; i < s.tokens.length; i++) {
      const t = s.tokens[i]!;
      if (!/^\p{L}/u.test(t)) continue;
      const f = wordForm(t);
      const c = counts.get(f) ?? [0, 0];
      c[/^\p{Lu}/u.test(t) ? 0 : 1]++;
      counts.set(f, c);
    }
  }
  const out = new Map<string, number>();
  for (const [f, [cap, low]] of counts) {
    const n = cap + low;
    if (n < 2) continue;
    const r = cap / n;
    out.set(f, r < 0.05 ? 1 : r < 0.3 ? 2 : r < 0.7 ? 3 : r < 0.95 ? 4 : 5);
  }
  return out;
}

function toTrain(sents: readonly NerSentence[], ctx: FeatureContext, domains: readonly number[]): TrainSentence[] {
  return sents.map((s, i) => ({ feats: extractFeatures(s.tokens, ctx), gold: spansToLabels(s.tokens.length, s.spans), domain: domains[i] ?? 0 }));
}

/** Element-wise mean of runs trained on the same data (same keys in the same order). */
export function averageRuns(runs: readonly TrainedWeights[]): TrainedWeights {
  const first = runs[0]!;
  if (runs.length === 1) return first;
  const weights = new Float32Array(first.weights.length);
  const trans = new Float32Array(first.trans.length);
  for (const r of runs) {
    if (r.keys.length !== first.keys.length) throw new Error('averageRuns: runs have different feature sets');
    for (let i = 0; i < weights.length; i++) weights[i]! += r.weights[i]! / runs.length;
    for (let i = 0; i < trans.length; i++) trans[i]! += r.trans[i]! / runs.length;
  }
  return { keys: first.keys, weights, trans };
}

export async function trainNer(opts: TrainNerOptions): Promise<void> {
  const { dataDir, outDir, log } = opts;
  const sources = opts.sources ?? DEFAULT_SOURCES;
  const started = Date.now();
  mkdirSync(outDir, { recursive: true });

  const gazBuild = buildGazetteer(dataDir);
  writeGazetteer(outDir, gazBuild);
  // `gazetteer: false` trains without gazetteer features (for the ablation in docs/ner.md).
  const gazetteer = new Gazetteer(opts.gazetteer === false ? new Map() : gazBuild.entries);
  log(`ner: gazetteer ${gazBuild.entries.size} entries`);

  let train: NerSentence[] = [];
  let domains: number[] = [];
  const sizes: Record<string, number> = {};
  const adapt = opts.adapt ?? true;
  const addSource = (name: string, s: NerSentence[]): void => {
    sizes[name] = s.length;
    train = train.concat(s);
    const d = adapt ? ['uner', 'gum', 're3d'].indexOf(name) : 0;
    domains = domains.concat(s.map(() => d));
  };
  if (sources.includes('uner')) addSource('uner', readUner(join(dataDir, 'uner/en_ewt/train.iob2')));
  if (sources.includes('gum')) addSource('gum', readGum(join(dataDir, 'ud/en_gum/train.conllu')));
  if (sources.includes('re3d')) addSource('re3d', readRe3d(join(dataDir, 're3d'), 'train'));
  let dev = readUner(join(dataDir, 'uner/en_ewt/dev.iob2'));
  if (opts.quick) {
    train = train.slice(0, 400);
    domains = domains.slice(0, 400);
    dev = dev.slice(0, 200);
  }
  log(`ner: training sentences ${JSON.stringify(sizes)}${opts.quick ? ' (quick: first 400)' : ''}, dev ${dev.length}`);

  const casing = buildCasing(train);
  const ctx: FeatureContext = { gazetteer, casing };
  const data = toTrain(train, ctx, domains);
  const devFeats = dev.map((s) => extractFeatures(s.tokens, ctx));
  const devGold = dev.map((s) => s.spans);

  const epochs = opts.epochs ?? (opts.quick ? 2 : 20);
  const devScore = (w: TrainedWeights): SpanScores => {
    const model = new NerModel({ labels: LABELS, featuresVersion: FEATURES_VERSION, scale: 1, features: w.keys.length }, w.keys, w.weights, w.trans);
    return scoreSpans(devGold, dev.map((s, i) => labelsToSpans(model.decode(devFeats[i]!, s.tokens.length))));
  };
  // Several runs that differ only in sentence order, each stopped at its best epoch on UNER dev,
  // then their weights averaged: a cheap ensemble with the run-time cost of one model.
  const seeds = opts.seeds ?? [1];
  const runs: TrainedWeights[] = [];
  const bestEpochs: number[] = [];
  for (const seed of seeds) {
    let bestEpoch = 0;
    let bestF1 = -1;
    runs.push(
      trainPerceptron(data, {
        epochs,
        minCount: opts.minCount ?? (opts.quick ? 1 : 3),
        seed: 20240600 + seed,
        log,
        onEpoch: (epoch, snap) => {
          const f1 = devScore(snap).micro.f1;
          log(`  seed ${seed} epoch ${epoch}: UNER dev micro F1 ${(f1 * 100).toFixed(2)}`);
          if (f1 > bestF1) {
            bestF1 = f1;
            bestEpoch = epoch;
          }
          return f1;
        },
      }),
    );
    bestEpochs.push(bestEpoch);
  }
  const weights = averageRuns(runs);
  const final = devScore(weights);
  log(formatScores(`ner: average of ${runs.length} run(s) (best epochs ${bestEpochs.join(', ')}) on UNER dev`, final));

  const info = {
    trained: new Date().toISOString().slice(0, 10),
    sources: sizes,
    epochs: bestEpochs,
    seeds,
    minCount: opts.minCount ?? 3,
    devMicroF1: Math.round(final.micro.f1 * 10000) / 10000,
    quick: opts.quick === true,
  };
  const bin = NerModel.serialize({ labels: LABELS, featuresVersion: FEATURES_VERSION, info }, weights.keys, weights.weights, weights.trans);
  writeFileSync(join(outDir, 'ner.bin'), bin);
  const casingLines = [...casing.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([w, b]) => `${w}\t${b}`);
  writeFileSync(
    join(outDir, 'casing.tsv'),
    '# Casing habit per word form (1 never capitalised mid-sentence … 5 always), counted on the NER training text (no labels).\n' + casingLines.join('\n') + '\n',
  );
  log(`ner: wrote ${join(outDir, 'ner.bin')} (${(bin.length / 1e6).toFixed(2)} MB, ${weights.keys.length} features) in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const arg = (name: string): string | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const sources = arg('--sources')?.split(',') as NerSource[] | undefined;
  const epochs = arg('--epochs');
  await trainNer({
    dataDir: sharedDataDir(arg('--data')),
    outDir: resolve(arg('--out') ?? join(ROOT, 'models', 'ner')),
    log: (s) => console.log(s),
    quick: process.argv.includes('--quick'),
    ...(sources ? { sources } : {}),
    ...(epochs ? { epochs: Number(epochs) } : {}),
    adapt: !process.argv.includes('--no-adapt'),
    gazetteer: !process.argv.includes('--no-gazetteer'),
    ...(arg('--seeds') ? { seeds: arg('--seeds')!.split(',').map(Number) } : {}),
    ...(arg('--min-count') ? { minCount: Number(arg('--min-count')) } : {}),
  });
}
