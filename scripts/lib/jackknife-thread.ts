/**
 * @module scripts/lib/jackknife-thread
 * A JackknifeRunner (nlp/tagger-train.ts) that trains the tagger's jackknife models on a worker
 * thread, so they use the second core while this thread trains the first pass. Each jackknife's
 * tags come back as soon as it is done (the 2-fold one first: the second pass waits for it). The
 * results are the inline runner's, bit for bit: each fold's model depends only on the job and its
 * own seed.
 */
import type { JackknifeJob, JackknifeRunner } from '../../src/nlp/tagger-train.ts';
import { marked, startTsWorker } from './threads.ts';

/** Messages from the worker (scripts/lib/jackknife-worker.ts). */
export type JackknifeMessage = { kind: 'log'; line: string } | { kind: 'tags'; folds: number; tags: Int32Array[] } | { kind: 'error'; message: string };

/**
 * The runner. `stdout`: the worker writes its log lines straight to standard output (the command
 * line; see threads.ts) instead of sending them to `log`.
 */
export const threadJackknife = ({ stdout = false }: { stdout?: boolean } = {}): JackknifeRunner => (job: JackknifeJob, folds, log) => {
  const waiting = new Map<number, { resolve: (t: Int32Array[]) => void; reject: (e: Error) => void }>();
  const promises = folds.map((F) => new Promise<Int32Array[]>((resolve, reject) => waiting.set(F, { resolve, reject })));
  const fail = (e: Error) => {
    for (const w of waiting.values()) w.reject(e);
    waiting.clear();
  };
  const worker = startTsWorker(new URL('./jackknife-worker.ts', import.meta.url), { job, folds: [...folds], stdout });
  worker.on('message', (m: JackknifeMessage) => {
    if (m.kind === 'log') log(marked(m.line));
    else if (m.kind === 'error') fail(new Error(`tagger jackknife thread: ${m.message}`));
    else {
      waiting.get(m.folds)?.resolve(m.tags);
      waiting.delete(m.folds);
    }
  });
  worker.on('error', (e) => fail(new Error(`tagger jackknife thread: ${e.message}`)));
  worker.on('exit', (code) => {
    if (waiting.size > 0) fail(new Error(`tagger jackknife thread exited (code ${code}) before sending folds ${[...waiting.keys()].join(', ')}`));
  });
  return promises;
};
