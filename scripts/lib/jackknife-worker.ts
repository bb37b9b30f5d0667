/**
 * @module scripts/lib/jackknife-worker
 * The worker side of jackknife-thread.ts: runs each requested jackknife (nlp/tagger-train.ts
 * `jackknifeTags`) in order and posts its tags back, with the training log lines.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { jackknifeTags, type JackknifeJob } from '../../src/nlp/tagger-train.ts';
import type { JackknifeMessage } from './jackknife-thread.ts';
import { threadLogger } from './threads.ts';

const { job, folds, stdout } = workerData as { job: JackknifeJob; folds: number[]; stdout: boolean };
const post = (m: JackknifeMessage) => parentPort!.postMessage(m);
const log = threadLogger(stdout, (line) => post({ kind: 'log', line }));
try {
  for (const F of folds) post({ kind: 'tags', folds: F, tags: jackknifeTags(job, F, log) });
} catch (e) {
  post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
}
