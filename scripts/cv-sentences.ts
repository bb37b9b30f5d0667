/**
 * @module scripts/cv-sentences
 * `npm run cv:sentences`: k-fold cross-validation of the sentence splitter (rules + the learned
 * gap classifier) over the documents of UD English-EWT **train**, for judging a change to the
 * splitter before anyone looks at test. EWT dev has 2,001 sentences, where one changed model is
 * worth ±0.15–0.2 F1 of retraining noise alone; the folds together score all 12,544 training
 * sentences, so a real gain shows up through that noise.
 *
 * Each fold trains the classifier exactly as `npm run train` does (its gaps; EWT dev, GUM train and
 * GUM dev always in, GUM at half weight; the fixed thresholds) on the other folds' documents, then
 * splits the held-out documents from raw text. Documents stay whole (fold = document index mod k).
 * `--held-out-dev` runs the procedure before the twelfth session instead: dev out of the training
 * data, thresholds chosen on it. Never reads test.
 *
 *   npm run cv:sentences -- [--data DIR] [--folds K] [--only 0,2] [--seed-base N] [--held-out-dev] [--quick]
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { readConllu, type UdSentence } from './lib/conllu.ts';
import { documentsOf, rawDocuments, addSpanMatches, emptyPrf, f1, pct, type Prf } from './lib/ud-raw.ts';
import { gapExamples, sentenceDevSets, trainingGaps } from './train-sentences.ts';
import { tokenize } from '../src/nlp/tokenizer.ts';
import { SENTENCE_SEEDS, SENTENCE_THRESHOLDS, trainSentenceModel } from '../src/nlp/sentence-train.ts';
import { DossierError } from '../src/errors.ts';
import { runIfMain } from './lib/run-main.ts';
import { usageOrThrow, type ScriptOption } from './lib/script-args.ts';
import { sharedDataDir } from './lib/shared-data.ts';


export interface CvSentencesOptions {
  dataDir: string;
  log: (s: string) => void;
  /** Number of folds (default 5). */
  folds?: number;
  /** Run only these folds (default: all). */
  only?: number[];
  /** A small slice (40 documents, 1 epoch): a smoke test of the script. */
  quick?: boolean;
  /**
   * First of the five shuffle seeds of each fold's classifier (seedBase…seedBase+4; default 7, the
   * seeds `npm run train` uses). A change is judged with several seed sets, because the seeds
   * alone move the pooled F1 (90.79, 90.80, 90.79, 90.83 with bases 7, 107, 207, 307 for the
   * splitter of the twelfth session; 90.64, 90.63, 90.69, 90.65 for the one before it).
   */
  seedBase?: number;
  /** Leave EWT dev and GUM dev out of training and choose the thresholds on them (the procedure before 2026-12-05, twelfth session). */
  heldOutDev?: boolean;
}

export interface CvSentencesResult {
  /** Per fold run: its index, sentence matches and the model's thresholds [plain, veto] (veto null: none). */
  folds: Array<{ fold: number; prf: Prf; thresholds: [number, number | null] }>;
  /** All run folds pooled. */
  pooled: Prf;
  /** Pooled per EWT genre (the prefix of the document id: answers, email, newsgroup, reviews, weblog). */
  genres: Map<string, Prf>;
}

/** The genre of an EWT document: its id up to the first hyphen ("reviews-123456-0001" → "reviews"). */
export function genreOf(doc: readonly UdSentence[]): string {
  const id = doc[0]?.newdoc ?? '';
  const cut = id.indexOf('-');
  return cut > 0 ? id.slice(0, cut) : 'other';
}

export async function cvSentences(opts: CvSentencesOptions): Promise<CvSentencesResult> {
  const k = opts.folds ?? 5;
  if (!Number.isInteger(k) || k < 2) throw new DossierError('USAGE', `cv:sentences: --folds must be an integer ≥ 2, got ${k}`);
  const only = opts.only ?? Array.from({ length: k }, (_, i) => i);
  for (const f of only) if (!Number.isInteger(f) || f < 0 || f >= k) throw new DossierError('USAGE', `cv:sentences: --only lists fold ${f}, expected 0…${k - 1}`);
  const seedBase = opts.seedBase ?? SENTENCE_SEEDS[0]!;
  if (!Number.isInteger(seedBase) || seedBase < 0 || seedBase > 2 ** 31) throw new DossierError('USAGE', `cv:sentences: --seed-base must be a whole number from 0 to 2^31, got ${seedBase}`);
  const seeds = SENTENCE_SEEDS.map((_, j) => seedBase + j);
  const ud = join(opts.dataDir, 'ud');
  const need = ['en_ewt/train.conllu', 'en_ewt/dev.conllu', 'en_gum/train.conllu', 'en_gum/dev.conllu'].map((p) => join(ud, p));
  for (const p of need) if (!existsSync(p)) throw new DossierError('INPUT_UNREADABLE', `cv:sentences: ${p} not found; pass --data DIR or set DOSSIER_SHARED_DATA`, { input: p });
  let docs = documentsOf(readConllu(need[0]!));
  let gumTrain = readConllu(need[2]!);
  let ewtDev = readConllu(need[1]!);
  let gumDev = readConllu(need[3]!);
  if (opts.quick) {
    docs = docs.slice(0, 40);
    gumTrain = gumTrain.slice(0, 50);
    ewtDev = ewtDev.slice(0, 40);
    gumDev = gumDev.slice(0, 20);
  }
  // every document's gaps once (the rule tokenizer's output does not depend on the fold)
  const docGaps = docs.map((d) => gapExamples(d));
  const gumExamples = trainingGaps(gumTrain);
  const dev = opts.heldOutDev ? sentenceDevSets(ewtDev, gumDev) : [];
  // as `npm run train`: dev in the training data (GUM's at half weight), fixed thresholds
  const devGaps = opts.heldOutDev ? [] : trainingGaps([...ewtDev, ...gumDev]);
  const thresholds = opts.heldOutDev ? undefined : SENTENCE_THRESHOLDS;
  const result: CvSentencesResult = { folds: [], pooled: emptyPrf(), genres: new Map() };
  for (const f of only) {
    const t0 = Date.now();
    const train = docGaps.filter((_, i) => i % k !== f).flat();
    const held = docs.filter((_, i) => i % k === f);
    const { model } = trainSentenceModel([...train, ...gumExamples, ...devGaps], dev, { epochs: opts.quick ? 1 : undefined, seeds, thresholds });
    const prf = emptyPrf();
    for (const doc of held) {
      const g = result.genres.get(genreOf(doc)) ?? emptyPrf();
      result.genres.set(genreOf(doc), g);
      for (const d of rawDocuments(doc)) {
        const r = tokenize(d.text, { sentenceModel: model });
        const spans = r.sentences.map((s) => [s.start, s.end] as [number, number]);
        addSpanMatches(prf, d.sentenceSpans, spans);
        addSpanMatches(g, d.sentenceSpans, spans);
      }
    }
    result.folds.push({ fold: f, prf, thresholds: [model.meta.threshold, model.meta.vetoThreshold ?? null] });
    result.pooled.gold += prf.gold;
    result.pooled.pred += prf.pred;
    result.pooled.match += prf.match;
    opts.log(`fold ${f}/${k}: sentence F1 ${pct(f1(prf).f)} (P ${pct(f1(prf).p)} R ${pct(f1(prf).r)}, ${prf.gold} sentences, ${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  for (const [g, prf] of [...result.genres].sort(([a], [b]) => a.localeCompare(b))) {
    const x = f1(prf);
    opts.log(`  ${g.padEnd(10)} sentence F1 ${pct(x.f)} (P ${pct(x.p)} R ${pct(x.r)}, ${prf.gold} sentences)`);
  }
  const p = f1(result.pooled);
  opts.log(`pooled over ${result.folds.length} folds: sentence F1 ${pct(p.f)} (P ${pct(p.p)} R ${pct(p.r)}, ${result.pooled.gold} sentences; seeds ${seeds[0]}–${seeds.at(-1)})`);
  return result;
}

const SYNOPSIS = 'npm run cv:sentences -- [--data DIR] [--folds K] [--only 0,2] [--seed-base N] [--held-out-dev] [--quick]';
const DESCRIPTION =
  'Cross-validates the sentence splitter over UD English-EWT train documents (every training fold\n' +
  'also holds EWT dev, GUM train and GUM dev, GUM at half weight, as npm run train does) and prints\n' +
  'sentence F1 per fold, per genre (answers, email, newsgroup, reviews, weblog) and pooled.';
/** The options, for --help and for the check of unknown options and missing values. */
const OPTIONS: readonly ScriptOption[] = [
  { flag: '--data', value: 'DIR', help: 'folder holding ud/en_ewt and ud/en_gum (default ../shared/data or $DOSSIER_SHARED_DATA)' },
  { flag: '--folds', value: 'K', help: 'number of folds (default 5)' },
  { flag: '--only', value: 'LIST', help: 'run only these folds, e.g. 0,2 (default all)' },
  { flag: '--seed-base', value: 'N', help: 'shuffle seeds N…N+4 for the classifier (default 7, as npm run train; judge a change with several: 7, 107, 207, 307)' },
  { flag: '--held-out-dev', help: 'leave EWT dev and GUM dev out of training and choose the thresholds on them (the procedure before 2026-12-05)' },
  { flag: '--quick', help: '40 documents, 1 epoch: a smoke test' },
];

function parseArgs(argv: string[]): CvSentencesOptions {
  usageOrThrow('cv:sentences', SYNOPSIS, DESCRIPTION, OPTIONS, argv);
  const o: CvSentencesOptions = {
    dataDir: sharedDataDir(),
    log: (s) => console.log(s),
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    // usageOrThrow has checked that every value option has its value
    const val = () => argv[++i]!;
    if (a === '--data') o.dataDir = resolve(val());
    else if (a === '--folds') o.folds = Number(val());
    else if (a === '--only') o.only = val().split(',').map(Number);
    else if (a === '--seed-base') o.seedBase = Number(val());
    else if (a === '--held-out-dev') o.heldOutDev = true;
    else if (a === '--quick') o.quick = true;
  }
  return o;
}

await runIfMain(import.meta.url, () => cvSentences(parseArgs(process.argv.slice(2))));
