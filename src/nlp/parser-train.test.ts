/**
 * Specs for parser training (src/nlp/parser-train.ts) on a tiny synthetic treebank: what a
 * sentence weight does to the updates, and what a saved parser file holds.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { trainParser, saveParser, type TreeSentence } from './parser-train.ts';
import { loadParser } from './parser.ts';
import { readModelFile } from './model-file.ts';

// A tiny treebank: subject-verb-object sentences with determiners and a final period.
const TAGS = ['DET\tDT', 'NOUN\tNN', 'VERB\tVBD', 'PUNCT\t.', 'ADJ\tJJ'];
const nouns = ['militia', 'army', 'convoy', 'town', 'border', 'leader', 'police', 'rebels'];
const verbs = ['attacked', 'crossed', 'seized', 'left', 'shelled'];

function sentence(i: number, weight?: number): TreeSentence {
  const a = nouns[i % nouns.length]!;
  const v = verbs[i % verbs.length]!;
  const b = nouns[(i * 3 + 1) % nouns.length]!;
  // the(0) a(1) v(2) the(3) big(4) b(5) .(6)
  return {
    words: ['the', a, v, 'the', 'big', b, '.'],
    upos: ['DET', 'NOUN', 'VERB', 'DET', 'ADJ', 'NOUN', 'PUNCT'],
    xpos: ['DT', 'NN', 'VBD', 'DT', 'JJ', 'NN', '.'],
    heads: [1, 2, -1, 5, 5, 2, 2],
    labels: ['det', 'nsubj', 'root', 'det', 'amod', 'obj', 'punct'],
    ...(weight !== undefined ? { weight } : {}),
  };
}

const corpus = (weight?: number) => Array.from({ length: 40 }, (_, i) => sentence(i, weight));
const dev = Array.from({ length: 10 }, (_, i) => sentence(i + 100));
const opts = { dev, tags: TAGS, epochs: 2, labelEpochs: 1, seed: 3, prune: 0, pruneLabels: 0 };

test('a sentence weight scales its updates: weight 2 everywhere learns the same parser as weight 1', () => {
  const one = trainParser({ ...opts, train: corpus() });
  const two = trainParser({ ...opts, train: corpus(2) });
  assert.ok(one.devUas > 0.9, `the tiny treebank is learnable (dev UAS ${one.devUas})`);
  assert.equal(two.devUas, one.devUas);
  assert.equal(two.devLas, one.devLas);
  assert.deepEqual(Array.from(two.parser.arcs.keys), Array.from(one.parser.arcs.keys));
  const w1 = one.parser.arcs.w;
  const w2 = two.parser.arcs.w;
  assert.ok(w1.length > 0);
  for (let i = 0; i < w1.length; i++) assert.ok(Math.abs(w2[i]! - 2 * w1[i]!) <= 1e-3 * Math.max(1, Math.abs(w2[i]!)), `arc weight ${i}: ${w2[i]} vs 2 × ${w1[i]}`);
});

test('sentences of weight 0 teach nothing', () => {
  const none = trainParser({ ...opts, train: corpus(0) });
  assert.equal(none.parser.arcs.keys.length, 0);
});

test('a saved parser parses as before; the tree labeller is stored only when its relations are output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-parser-'));
  try {
    const { parser } = trainParser({ ...opts, train: corpus() });
    const words = ['the', 'army', 'seized', 'the', 'big', 'town', '.'];
    const upos = ['DET', 'NOUN', 'VERB', 'DET', 'ADJ', 'NOUN', 'PUNCT'];
    const xpos = ['DT', 'NN', 'VBD', 'DT', 'JJ', 'NN', '.'];
    const before = parser.parseSentence(words, upos, xpos);
    for (const from of ['arcs', 'labeller'] as const) {
      parser.meta.labelsFrom = from;
      const file = join(dir, `${from}.bin.gz`);
      saveParser(file, parser);
      const names = [...readModelFile(file, 'parser').arrays.keys()];
      assert.equal(names.some((n) => n.startsWith('labels.')), from === 'labeller', `${from}: ${names.join(', ')}`);
      const loaded = loadParser(file);
      const after = loaded.parseSentence(words, upos, xpos);
      assert.deepEqual(Array.from(after.heads), Array.from(before.heads));
      if (from === 'arcs') assert.deepEqual(after.labels, before.labels);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('pruneRare keeps heavy features, drops small weights that never fire on the training parses, and changes nothing at below 0', () => {
  const train = corpus();
  const plain = trainParser({ ...opts, train });
  const same = trainParser({ ...opts, train, pruneRare: { below: 0, minCount: 1e9 } });
  assert.deepEqual(Array.from(same.parser.arcs.keys), Array.from(plain.parser.arcs.keys));
  // every feature is "small" here: only those that fire while the chosen model parses its
  // training sentences survive (some were learnt only in states exploration visited)
  const fired = trainParser({ ...opts, train, pruneRare: { below: Infinity, minCount: 1 } });
  const kept = new Set(fired.parser.arcs.keys);
  assert.ok(kept.size > 0 && kept.size < plain.parser.arcs.keys.length, `${kept.size} of ${plain.parser.arcs.keys.length} kept`);
  for (const k of kept) assert.ok(plain.parser.arcs.keys.includes(k));
  assert.ok(fired.devUas > 0.9, `still parses the tiny treebank (dev UAS ${fired.devUas})`);
});
