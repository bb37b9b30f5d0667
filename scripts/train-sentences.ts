/**
 * @module scripts/train-sentences
 * Train the sentence-boundary classifier (src/nlp/sentence-model.ts) on raw documents rebuilt
 * from UD English EWT train + GUM train; the decision threshold is chosen on EWT dev. Writes
 * models/sentences.bin.gz. Called by scripts/train.ts.
 */
import { join } from 'node:path';
import type { UdSentence } from './lib/conllu.ts';
import { rawDocuments, addSpanMatches, emptyPrf, f1 } from './lib/ud-raw.ts';
import { tokenize } from '../src/nlp/tokenizer.ts';
import { isCandidate, saveSentenceModel, trainSentenceModel, type GapExample, type SentenceModel } from '../src/nlp/sentence-model.ts';
import type { TrainStepOptions } from './train-tagger.ts';

/** Candidate gaps (inside rule-based sentences) of each rebuilt document, labelled with gold breaks. */
export function gapExamples(sents: readonly UdSentence[]): GapExample[] {
  const out: GapExample[] = [];
  for (const d of rawDocuments(sents)) {
    const { sentences, tokens } = tokenize(d.text, { sentenceModel: null, deferUnsure: true });
    const ends = new Set(d.sentenceSpans.map(([, e]) => e));
    const gaps: number[] = [];
    const since: number[] = [];
    const gold: number[] = [];
    for (const s of sentences) {
      // Length so far counts from the last gold break, as at run time after a correct learned split.
      let start = s.firstToken;
      for (let i = s.firstToken; i < s.endToken - 1; i++) {
        if (!isCandidate(d.text, tokens, i, start)) continue;
        const y = ends.has(tokens[i]!.end) ? 1 : 0;
        gaps.push(i);
        since.push(i + 1 - start);
        gold.push(y);
        if (y) start = i + 1;
      }
    }
    out.push({ text: d.text, tokens, gaps: Int32Array.from(gaps), sinceStart: Int32Array.from(since), gold: Uint8Array.from(gold) });
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

export async function trainSentencesModel(opts: TrainStepOptions, data: { train: UdSentence[]; dev: UdSentence[] }): Promise<{ devGapF1: number; devSentenceF1: number; bytes: number }> {
  const t0 = Date.now();
  const { model, devF1 } = trainSentenceModel(gapExamples(data.train), gapExamples(data.dev), opts.quick ? 1 : 3, opts.log);
  // Fine-tune the threshold for what is measured: sentence F1 on the rebuilt dev documents.
  const devDocs = rawDocuments(data.dev);
  let best = { t: model.meta.threshold, f: sentenceF1(devDocs, model) };
  for (let t = -8; t <= 3 + 1e-9; t += 0.5) {
    model.meta.threshold = t;
    const f = sentenceF1(devDocs, model);
    if (f > best.f + 1e-9) best = { t, f };
  }
  model.meta.threshold = best.t;
  opts.log(`sentences: threshold ${best.t} gives dev sentence F1 ${(100 * best.f).toFixed(2)}`);
  const bytes = saveSentenceModel(join(opts.outDir, 'sentences.bin.gz'), model);
  opts.log(`sentences: ${(bytes / 1e6).toFixed(2)} MB, ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  return { devGapF1: devF1, devSentenceF1: best.f, bytes };
}
