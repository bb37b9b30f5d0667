/**
 * @module scripts/lib/jackknife-worker
 * The worker side of jackknife-thread.ts: runs each requested jackknife (nlp/tagger-train.ts
 * `jackknifeTags`) in order and posts its tags back, with the training log lines.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { jackknifeTags, type JackknifeJob } from '../../src/nlp/tagger-train.ts';
import type { JackknifeMessage } from './jackknife-thread.ts';

const { job, folds } = workerData as { job: JackknifeJob; folds: number[] };
const post = (m: JackknifeMessage) => parentPort!.postMessage(m);
try {
  for (const F of folds) post({ kind: 'tags', folds: F, tags: jackknifeTags(job, F, (line) => post({ kind: 'log', line })) });
} catch (e) {
  post({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
}
