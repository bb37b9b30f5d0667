/**
 * @module scripts/lib/train-worker
 * The worker side of train-thread.ts: runs `trainAll` with the options it was given and posts the
 * log lines, then the summary (or the error, with its code when it is a DossierError).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { trainAll } from '../train.ts';
import type { ThreadTrainOptions, TrainThreadMessage } from './train-thread.ts';
import { threadLogger } from './threads.ts';

const post = (m: TrainThreadMessage) => parentPort!.postMessage(m);
const { opts, stdout } = workerData as { opts: ThreadTrainOptions; stdout: boolean };
try {
  post({ kind: 'done', summary: await trainAll({ ...opts, log: threadLogger(stdout, (line) => post({ kind: 'log', line })) }) });
} catch (e) {
  const code = e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : undefined;
  post({ kind: 'error', message: e instanceof Error ? e.message : String(e), ...(code ? { code } : {}) });
}
