// Entry of a worker thread that runs a TypeScript module: tsx's `--import` hooks do not reach
// worker threads (Node 20), so the worker registers them itself, then imports workerData.entry.
import { register } from 'tsx/esm/api';
import { workerData } from 'node:worker_threads';

register();
await import(workerData.entry);
