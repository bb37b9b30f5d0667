/**
 * Spec: the sentence classifier's training takes its shuffle seeds as an option (what
 * `npm run cv:sentences -- --seed-base N` uses): the same seeds give the same model, other seeds
 * another one, and no seeds is a usage error. A tiny corpus of e-mail-like documents whose
 * sentences run together without punctuation, so the classifier has gaps to learn from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseConllu } from './lib/conllu.ts';
import { gapExamples } from './train-sentences.ts';
import { saveSentenceModel, type SentenceModel } from '../src/nlp/sentence-model.ts';
import { trainSentenceModel, SENTENCE_SEEDS } from '../src/nlp/sentence-train.ts';

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
