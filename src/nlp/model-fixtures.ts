/**
 * @module nlp/model-fixtures
 * Test support for the model specs (perceptron.test.ts, model-file.test.ts): a scratch folder
 * and small perceptrons trained on random data. Not used by the product.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { argmax } from './perceptron.ts';
import { AveragedPerceptron } from './averaged-perceptron.ts';

/** Run `fn` with a fresh temporary folder, removed afterwards. */
export function inTmpDir(fn: (dir: string) => void): void {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-model-'));
  try {
    fn(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A perceptron trained on random labels over `n` random features from 1..range per step. */
export function trainRandom(K: number, n: number, range: number, steps: number, rnd: () => number): AveragedPerceptron {
  const ap = new AveragedPerceptron(K);
  const scores = new Float32Array(K);
  const feats = new Uint32Array(n);
  for (let step = 0; step < steps; step++) {
    for (let j = 0; j < n; j++) feats[j] = 1 + Math.floor(rnd() * range);
    ap.score(feats, n, scores);
    ap.update(feats, n, Math.floor(rnd() * K), argmax(scores, K));
    ap.tick();
  }
  return ap;
}
