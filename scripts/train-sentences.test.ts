/**
 * Spec: the sentence classifier's training takes its shuffle seeds as an option (what
 * `npm run cv:sentences -- --seed-base N` uses): the same seeds give the same model, other seeds
 * another one, and no seeds is a usage error. GUM's documents train at half weight; dev is
 * training data with fixed thresholds; the model file keeps one weight per feature. A tiny corpus
 * of e-mail-like documents whose sentences run together without punctuation, so the classifier
 * has gaps to learn from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConllu } from './lib/conllu.ts';
import { gapExamples, SENTENCE_GUM_WEIGHT, splitterSentences, trainingGaps } from './train-sentences.ts';
import { loadSentenceModel, saveSentenceModel, type SentenceModel } from '../src/nlp/sentence-model.ts';
import { readModelFile, sparseArrays, writeModelFile } from '../src/nlp/model-file.ts';
import { trainSentenceModel, SENTENCE_SEEDS, SENTENCE_THRESHOLDS } from '../src/nlp/sentence-train.ts';

/** A CoNLL-U sentence from its words (heads and tags do not matter to the splitter). */
function sentence(words: string[], newdoc?: string): string {
  const rows = words.map((w, i) => `${i + 1}\t${w}\t${w}\tX\tX\t_\t${i === 0 ? 0 : 1}\t${i === 0 ? 'root' : 'dep'}\t_\t_`);
  return [...(newdoc ? [`# newdoc id = ${newdoc}`] : []), `# text = ${words.join(' ')}`, ...rows, ''].join('\n') + '\n';
}

const names = ['Debra', 'Kathleen', 'Greg', 'Traci', 'Phillip', 'Mery'];
const corpus = parseConllu(
  names
    .map((n, k) =>
      [
        sentence(['Thanks', n], `email-${k}`),
        sentence(['I', 'faxed', 'you', 'the', 'contract', 'today']),
        sentence(['Please', 'call', 'me', 'if', 'you', 'have', 'questions', '.']),
        sentence(['Talk', 'to', 'you', 'later']),
        sentence(['The', 'meeting', 'is', 'at', '3', 'pm', '.']),
      ].join(''),
    )
    .join(''),
  'spec corpus',
);

function bytesOf(m: SentenceModel): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-sent-'));
  try {
    saveSentenceModel(join(dir, 's.bin'), m);
    return readFileSync(join(dir, 's.bin'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('the same seeds train the same model; other seeds another one; the seeds are recorded', () => {
  const gaps = gapExamples(corpus);
  assert.ok(gaps.reduce((a, d) => a + d.gaps.length, 0) > 20, 'the corpus has candidate gaps');
  const dev = [{ docs: gaps.slice(0, 2), weight: 1 }];
  const a = trainSentenceModel(gaps, dev).model;
  const b = trainSentenceModel(gaps, dev, { seeds: SENTENCE_SEEDS }).model;
  const c = trainSentenceModel(gaps, dev, { seeds: [107, 108, 109, 110, 111] }).model;
  assert.deepEqual(bytesOf(a), bytesOf(b), 'the default is SENTENCE_SEEDS');
  assert.notDeepEqual(bytesOf(a), bytesOf(c), 'other shuffle orders give other weights');
  assert.deepEqual((a.meta.info as { seeds: number[] }).seeds, [7, 8, 9, 10, 11]);
  assert.deepEqual((c.meta.info as { seeds: number[] }).seeds, [107, 108, 109, 110, 111]);
});

test('training with no seeds is a usage error that names the option', () => {
  const gaps = gapExamples(corpus);
  assert.throws(() => trainSentenceModel(gaps, [{ docs: gaps, weight: 1 }], { seeds: [] }), (e: Error & { code?: string }) => e.code === 'USAGE' && /seeds is empty/.test(e.message));
});

test('GUM documents train at SENTENCE_GUM_WEIGHT; a document\'s weight scales what it teaches', () => {
  // GUM sentences are known by their sent_id ("GUM_letter_x-1")
  const gum = parseConllu(`# sent_id = GUM_letter_x-1\n${sentence(['Regards', 'Ben'], 'GUM_letter_x')}# sent_id = GUM_letter_x-2\n${sentence(['I', 'will', 'call', 'soon'])}`, 'gum spec');
  const all = trainingGaps([...corpus, ...gum]);
  assert.deepEqual(all.map((d) => d.weight ?? 1), [...names.map(() => 1), SENTENCE_GUM_WEIGHT]);
  assert.equal(SENTENCE_GUM_WEIGHT, 0.5);
  const gaps = gapExamples(corpus);
  const g = gapExamples(gum)[0]!;
  const dev = [{ docs: gaps.slice(0, 2), weight: 1 }];
  const at = (weight: number | undefined) => trainSentenceModel([...gaps, { ...g, weight }], dev).model;
  // the GUM document's own break ("Regards Ben ‖ I will call soon"): the heavier it weighs, the surer
  const k = [...g.gaps].findIndex((_, j) => g.gold[j] === 1);
  assert.ok(k >= 0, 'the GUM document has a learned break');
  const margin = (m: SentenceModel) => m.margin(g.text, g.tokens, g.gaps[k]!, g.sinceStart[k]!, g.cls[k]!);
  const [m0, mHalf, m1] = [at(0), at(0.5), at(1)].map(margin);
  assert.ok(m0! < mHalf! && mHalf! < m1!, `margins ${m0} < ${mHalf} < ${m1}`);
  assert.deepEqual(bytesOf(at(undefined)), bytesOf(at(1)), 'no weight is weight 1');
});

test('the model file holds one weight per feature (keys and weights only) and loads back to the same margins', () => {
  const gaps = gapExamples(corpus);
  const m = trainSentenceModel(gaps, [{ docs: gaps, weight: 1 }]).model;
  const dir = mkdtempSync(join(tmpdir(), 'dossier-sent-'));
  try {
    const path = join(dir, 's.bin');
    saveSentenceModel(path, m);
    const c = readModelFile(path, 'spec');
    assert.deepEqual([...c.arrays.keys(), ...c.quantized.keys()].sort(), ['gaps.keys', 'gaps.w']);
    const back = loadSentenceModel(path);
    const margins = (x: SentenceModel) => gaps.flatMap((d) => [...d.gaps].map((i, g) => x.margin(d.text, d.tokens, i, d.sinceStart[g]!, d.cls[g]!)));
    // the file's int16 weights give the trained model's margins up to rounding
    const trained = margins(m);
    margins(back).forEach((x, j) => assert.ok(Math.abs(x - trained[j]!) < 0.01, `gap ${j}: ${x} vs ${trained[j]}`));
    assert.equal(back.meta.threshold, m.meta.threshold);
    // an older file with per-feature offsets and classes still loads, to the same margins
    writeModelFile(join(dir, 'old.bin'), m.meta, sparseArrays('gaps', m.model));
    assert.deepEqual(margins(loadSentenceModel(join(dir, 'old.bin'))), margins(back));
    // keys without their weights: a clear error naming the file
    writeModelFile(join(dir, 'bad.bin'), m.meta, { 'gaps.keys': new Uint32Array([1, 2, 3]) });
    assert.throws(() => loadSentenceModel(join(dir, 'bad.bin')), (e: Error & { code?: string }) => e.code === 'MODEL_MISSING' && e.message.includes('bad.bin') && /gaps\.w/.test(e.message));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('fixed thresholds are kept as given (no search on dev); without them the search chooses its own', () => {
  const gaps = gapExamples(corpus);
  const dev = [{ docs: gaps, weight: 1 }];
  const searched = trainSentenceModel(gaps, dev).model.meta;
  const odd = { plain: 2.5, veto: -3 };
  const fixed = trainSentenceModel(gaps, dev, { thresholds: odd }).model.meta;
  assert.deepEqual([fixed.threshold, fixed.vetoThreshold], [2.5, -3]);
  assert.notDeepEqual([searched.threshold, searched.vetoThreshold], [2.5, -3], 'the search would not pick these');
  assert.equal((fixed.info as { thresholds: string }).thresholds, 'fixed');
  // no dev sets to score: nothing recorded about dev
  const none = trainSentenceModel(gaps, [], { thresholds: SENTENCE_THRESHOLDS }).model.meta;
  assert.deepEqual([none.threshold, none.vetoThreshold], [SENTENCE_THRESHOLDS.plain, SENTENCE_THRESHOLDS.veto]);
  assert.equal('devSentenceF1' in none.info, false);
});

test('the splitter trains on EWT and GUM train and dev, GUM\'s documents (dev too) at SENTENCE_GUM_WEIGHT', () => {
  const gumDoc = (id: string) => parseConllu(`# sent_id = ${id}-1\n${sentence(['Regards', 'Ben'], id)}# sent_id = ${id}-2\n${sentence(['I', 'will', 'call', 'soon'])}`, 'gum spec');
  const ewtDev = parseConllu(sentence(['Hi', 'Ann'], 'email-dev') + sentence(['See', 'you', 'soon']), 'dev spec');
  const sents = splitterSentences([...corpus, ...gumDoc('GUM_letter_train')], ewtDev, gumDoc('GUM_letter_dev'));
  assert.equal(sents.length, corpus.length + 2 + ewtDev.length + 2);
  const docs = trainingGaps(sents);
  // EWT train and dev first, then GUM train and dev
  assert.deepEqual(docs.map((d) => d.weight ?? 1), [...names.map(() => 1), 1, SENTENCE_GUM_WEIGHT, SENTENCE_GUM_WEIGHT]);
  assert.ok(docs.some((d) => d.text.startsWith('Hi Ann')), 'EWT dev is training data');
  assert.equal(docs.filter((d) => d.text.startsWith('Regards Ben')).length, 2, 'GUM train and dev are training data');
});
