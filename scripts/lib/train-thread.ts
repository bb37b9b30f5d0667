/**
 * @module scripts/lib/train-thread
 * Trains models that do not depend on the tagger (the sentence classifier, the NER) on a worker
 * thread, so `npm run train` uses the second core while its main thread trains the parser. The
 * worker runs scripts/train.ts's `trainAll` with the given options on one thread; log lines come
 * back as they are written, the summary when it is done.
 */
import type { TrainOptions } from '../train.ts';
import { DossierError, ERROR_CODES, type ErrorCode } from '../../src/errors.ts';
import { marked, startTsWorker } from './threads.ts';

/** Messages from the worker (scripts/lib/train-worker.ts). */
export type TrainThreadMessage = { kind: 'log'; line: string } | { kind: 'done'; summary: Record<string, unknown> } | { kind: 'error'; message: string; code?: string };

/** Options that can cross to a thread (no functions). */
export type ThreadTrainOptions = Omit<TrainOptions, 'log'>;

/**
 * Start `trainAll(opts)` on a worker thread; the promise gives its summary or rejects with its
 * error. `stdout`: the worker writes its log lines straight to standard output (threads.ts).
 */
export function trainOnThread(opts: ThreadTrainOptions, log: (s: string) => void, { stdout = false }: { stdout?: boolean } = {}): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const settle = (f: () => void) => {
      if (!settled) {
        settled = true;
        f();
      }
    };
    const worker = startTsWorker(new URL('./train-worker.ts', import.meta.url), { opts, stdout });
    worker.on('message', (m: TrainThreadMessage) => {
      if (m.kind === 'log') log(marked(m.line));
      else if (m.kind === 'done') settle(() => resolve(m.summary));
      // a DossierError stays one (the command prints its code and message, no stack)
      else settle(() => reject(m.code && m.code in ERROR_CODES ? new DossierError(m.code as ErrorCode, m.message) : new Error(`train (second thread): ${m.message}`)));
    });
    worker.on('error', (e) => settle(() => reject(e)));
    worker.on('exit', (code) => settle(() => reject(new Error(`train: the second training thread exited (code ${code}) before finishing`))));
  });
}
