/**
 * @module scripts/lib/threads
 * Worker threads of the training scripts: how one starts (a TypeScript entry through
 * ts-worker.mjs), and its log lines. Messages to the main thread wait while it runs a long
 * synchronous step (a parser epoch), so on the command line a worker writes its lines straight to
 * standard output (one write per line) as they happen; under a caller's own `log` (tests) they go
 * back as messages. Either way each line ends with "[second thread]".
 */
import { writeSync } from 'node:fs';
import { Worker } from 'node:worker_threads';

/**
 * Start a worker thread running the TypeScript module `entry` with `data` (its workerData, plus
 * `entry`). No inherited node flags: ts-worker.mjs registers tsx itself, and flags such as
 * --input-type stop a worker.
 */
export function startTsWorker(entry: URL, data: Record<string, unknown>): Worker {
  return new Worker(new URL('./ts-worker.mjs', import.meta.url), { execArgv: [], workerData: { ...data, entry: entry.href } });
}

/** Mark every line of `s` as the second thread's. */
export function marked(s: string): string {
  return s.replace(/$/gm, ' [second thread]');
}

/** The worker's log: straight to stdout when `stdout`, else through `post` (unmarked: the receiver marks it). */
export function threadLogger(stdout: boolean, post: (line: string) => void): (line: string) => void {
  return stdout ? (line) => void writeSync(1, `${marked(line)}\n`) : post;
}
