import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AveragedPerceptron, argmax } from './perceptron.ts';
import { readModelFile, sparseArrays, sparseFrom, writeModelFile } from './model-file.ts';
import { isDossierError } from '../errors.ts';

function trainToy(): AveragedPerceptron {
  // class = which of features 10/20/30 is present; feature 99 is noise on every example
  const ap = new AveragedPerceptron(3);
  const scores = new Float32Array(3);
  for (let ep = 0; ep < 5; ep++) {
    for (const [f, gold] of [[10, 0], [20, 1], [30, 2]] as const) {
      const feats = [f, 99];
      ap.score(feats, 2, scores);
      ap.update(feats, 2, gold, argmax(scores, 3));
      ap.tick();
    }
  }
  return ap;
}

test('the averaged perceptron learns a separable problem and its sparse form agrees', () => {
  const m = trainToy().toSparse();
  const s = new Float32Array(3);
  for (const [f, gold] of [[10, 0], [20, 1], [30, 2]] as const) {
    m.score([f, 99], 2, s);
    assert.equal(argmax(s, 3), gold);
  }
  m.score([12345], 1, s);
  assert.deepEqual([...s], [0, 0, 0], 'unknown features score nothing');
});

test('argmax respects the validity filter', () => {
  assert.equal(argmax(Float32Array.from([5, 1, 3]), 3, (k) => k !== 0), 2);
});

test('model files round-trip and a missing file fails with MODEL_MISSING naming it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-model-'));
  try {
    const m = trainToy().toSparse();
    const path = join(dir, 'toy.bin.gz');
    writeModelFile(path, { kind: 'toy', classes: ['a', 'b', 'c'] }, sparseArrays('m', m));
    const c = readModelFile<{ kind: string; classes: string[] }>(path, 'toy');
    assert.deepEqual(c.meta.classes, ['a', 'b', 'c']);
    const back = sparseFrom(c, 'm', 3, path);
    const s = new Float32Array(3);
    back.score([20, 99], 2, s);
    assert.equal(argmax(s, 3), 1);
    assert.throws(() => readModelFile(join(dir, 'nope.bin.gz'), 'toy'), (e: unknown) => isDossierError(e) && e.code === 'MODEL_MISSING' && e.message.includes('nope.bin.gz'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
