/**
 * @module scripts/train-sentences
 * Train the sentence-boundary classifier (src/nlp/sentence-model.ts, src/nlp/sentence-train.ts)
 * on raw documents rebuilt from UD English EWT train + dev and GUM train + dev (GUM's gaps at half
 * weight), with fixed decision thresholds (SENTENCE_THRESHOLDS; `npm run cv:sentences` is the
 * held-out estimate). Writes models/sentences.bin. Called by scripts/train.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConllu, type UdSentence } from './lib/conllu.ts';
import { rawDocuments } from './lib/ud-raw.ts';
import { segment } from '../src/nlp/tokenizer.ts';
import { gapClass, mayVeto, NO_GAP, PUNCT_GAP, saveSentenceModel } from '../src/nlp/sentence-model.ts';
import { SENTENCE_THRESHOLDS, trainSentenceModel, type DevDoc, type DevSet } from '../src/nlp/sentence-train.ts';
import { isGum, type TrainStepOptions } from './train-tagger.ts';

/**
 * The gaps of each rebuilt document the model learns from, labelled with gold breaks: candidate
 * gaps inside rule-based sentences and the rules' punctuation breaks; plus what the rules always
 * split (blank lines) and the gold sentence ends, for choosing thresholds.
 */
export function gapExamples(sents: readonly UdSentence[]): DevDoc[] {
  const out: DevDoc[] = [];
  for (const d of rawDocuments(sents)) {
    const rule = new Map<number, boolean>();
    const { sentences, tokens } = segment(d.text, { sentenceModel: null, deferUnsure: true, onRuleBreak: (j, punct) => rule.set(j, punct) });
    const ends = new Set(d.sentenceSpans.map(([, e]) => e));
    const gaps: number[] = [];
    const since: number[] = [];
    const gold: number[] = [];
    const cls: number[] = [];
    const forced: number[] = [];
    // Length so far counts from the last gold break, as at run time after correct decisions.
    let start = 0;
    const add = (i: number, c: number) => {
      const y = ends.has(tokens[i]!.end) ? 1 : 0;
      gaps.push(i);
      since.push(i + 1 - start);
      gold.push(y);
      cls.push(c);
      if (y) start = i + 1;
    };
    for (const s of sentences) {
      for (let i = s.firstToken; i < s.endToken - 1; i++) {
        const c = gapClass(d.text, tokens, i, start);
        if (c !== NO_GAP) add(i, c);
      }
      const last = s.endToken - 1;
      const punct = rule.get(last);
      if (punct === true && mayVeto(tokens, last)) add(last, PUNCT_GAP);
      else if (punct !== undefined) {
        forced.push(last);
        start = last + 1;
      }
    }
    out.push({
      text: d.text, tokens, gaps: Int32Array.from(gaps), sinceStart: Int32Array.from(since), gold: Uint8Array.from(gold), cls: Uint8Array.from(cls),
      forced: Int32Array.from(forced), goldEnds: Int32Array.from(d.sentenceSpans.map(([, e]) => e)),
    });
  }
  return out;
}

/**
 * Scale of the updates from GUM training documents (EWT × 1), as the parser does: GUM's genres
 * (fiction, speech, academic writing) are not EWT's web text. Cross-validated with the other
 * settings of the eleventh session (src/nlp/sentence-train.ts).
 */
export const SENTENCE_GUM_WEIGHT = 0.5;

/**
 * The training documents of `npm run train`: EWT's and GUM's gaps (gapExamples), GUM's documents
 * (ids `GUM_…`) at SENTENCE_GUM_WEIGHT.
 */
export function trainingGaps(sents: readonly UdSentence[]): DevDoc[] {
  const gum = sents.filter(isGum);
  return [...gapExamples(sents.filter((s) => !isGum(s))), ...gapExamples(gum).map((d) => ({ ...d, weight: SENTENCE_GUM_WEIGHT }))];
}

/** Weight of GUM dev next to EWT dev (1) when thresholds are chosen on dev (`npm run cv:sentences -- --held-out-dev`). */
const GUM_DEV_WEIGHT = 0.5;

/** The dev sets the thresholds are chosen on: EWT dev, and GUM dev (at GUM_DEV_WEIGHT) when given. */
export function sentenceDevSets(ewtDev: readonly UdSentence[], gumDev: readonly UdSentence[] | null): DevSet[] {
  const dev: DevSet[] = [{ docs: gapExamples(ewtDev), weight: 1 }];
  if (gumDev) dev.push({ docs: gapExamples(gumDev), weight: GUM_DEV_WEIGHT });
  return dev;
}

/**
 * The sentences the shipped splitter trains on: EWT train and dev, GUM train and dev (GUM at
 * SENTENCE_GUM_WEIGHT through trainingGaps). Dev joined the training data in the twelfth session
 * (5-fold cross-validation over EWT train, four seed sets: 90.78 / 90.72 / 90.70 / 90.80 pooled F1
 * against 90.64 / 90.63 / 90.69 / 90.65 with dev held out for the thresholds), so the thresholds are
 * fixed (SENTENCE_THRESHOLDS) and the held-out estimate is `npm run cv:sentences`.
 */
export function splitterSentences(train: readonly UdSentence[], ewtDev: readonly UdSentence[], gumDev: readonly UdSentence[]): UdSentence[] {
  return [...train, ...ewtDev, ...gumDev];
}

export async function trainSentencesModel(opts: TrainStepOptions, data: { train: UdSentence[]; dev: UdSentence[] }): Promise<{ sentences: number; bytes: number }> {
  const t0 = Date.now();
  const gumDevPath = join(opts.dataDir, 'ud', 'en_gum', 'dev.conllu');
  const gumDev = !opts.quick && existsSync(gumDevPath) ? readConllu(gumDevPath) : [];
  const sents = splitterSentences(data.train, data.dev, gumDev);
  opts.log(`sentences: training on ${sents.length} sentences (EWT + GUM train and dev; held-out estimate: npm run cv:sentences)`);
  const { model } = trainSentenceModel(trainingGaps(sents), [], { epochs: opts.quick ? 1 : undefined, thresholds: SENTENCE_THRESHOLDS, log: opts.log });
  const bytes = saveSentenceModel(join(opts.outDir, 'sentences.bin'), model);
  opts.log(`sentences: ${(bytes / 1e6).toFixed(2)} MB, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { sentences: sents.length, bytes };
}
