/**
 * @module scripts/train-sentences
 * Train the sentence-boundary classifier (src/nlp/sentence-model.ts, src/nlp/sentence-train.ts)
 * on raw documents rebuilt from UD English EWT train + GUM train (GUM's gaps at half weight); the
 * decision thresholds are chosen on EWT dev and GUM dev together. Writes models/sentences.bin. Called by
 * scripts/train.ts.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { readConllu, type UdSentence } from './lib/conllu.ts';
import { rawDocuments, addSpanMatches, emptyPrf, f1 } from './lib/ud-raw.ts';
import { segment, tokenize } from '../src/nlp/tokenizer.ts';
import { gapClass, mayVeto, NO_GAP, PUNCT_GAP, saveSentenceModel, type SentenceModel } from '../src/nlp/sentence-model.ts';
import { trainSentenceModel, type DevDoc, type DevSet } from '../src/nlp/sentence-train.ts';
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

/** Sentence F1 on rebuilt dev documents with the given model (rules + classifier). */
function sentenceF1(docs: ReturnType<typeof rawDocuments>, model: SentenceModel): number {
  const acc = emptyPrf();
  for (const d of docs) {
    const r = tokenize(d.text, { sentenceModel: model });
    addSpanMatches(acc, d.sentenceSpans, r.sentences.map((s) => [s.start, s.end] as [number, number]));
  }
  return f1(acc).f;
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

/** Weight of GUM dev next to EWT dev (1) when the thresholds are chosen. */
const GUM_DEV_WEIGHT = 0.5;

/** The dev sets the thresholds are chosen on: EWT dev, and GUM dev (at GUM_DEV_WEIGHT) when given. */
export function sentenceDevSets(ewtDev: readonly UdSentence[], gumDev: readonly UdSentence[] | null): DevSet[] {
  const dev: DevSet[] = [{ docs: gapExamples(ewtDev), weight: 1 }];
  if (gumDev) dev.push({ docs: gapExamples(gumDev), weight: GUM_DEV_WEIGHT });
  return dev;
}

export async function trainSentencesModel(opts: TrainStepOptions, data: { train: UdSentence[]; dev: UdSentence[] }): Promise<{ devGapF1: number; devSentenceF1: number; bytes: number }> {
  const t0 = Date.now();
  const gumDev = join(opts.dataDir, 'ud', 'en_gum', 'dev.conllu');
  const dev = sentenceDevSets(data.dev, !opts.quick && existsSync(gumDev) ? readConllu(gumDev) : null);
  const { model, devF1 } = trainSentenceModel(trainingGaps(data.train), dev, { epochs: opts.quick ? 1 : undefined, log: opts.log });
  const f = sentenceF1(rawDocuments(data.dev), model);
  opts.log(`sentences: EWT dev sentence F1 ${(100 * f).toFixed(2)}`);
  const bytes = saveSentenceModel(join(opts.outDir, 'sentences.bin'), model);
  opts.log(`sentences: ${(bytes / 1e6).toFixed(2)} MB, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { devGapF1: devF1[0]!, devSentenceF1: f, bytes };
}
