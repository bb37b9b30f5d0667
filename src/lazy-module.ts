/**
 * @module lazy-module
 * A dependency loaded on first use, through its CommonJS build. `bin/dossier.js` runs the sources
 * through tsx's ES-module loader, which also handles every ES module of a dependency: for the big
 * ones (chrono-node, linkedom) that cost 0.4–0.6 s of every start, even of `dossier --help`; their
 * CommonJS builds load in 0.2–0.3 s, and only in the runs that use them (docs/decisions.md).
 */
import { createRequire } from 'node:module';

const requireCjs = createRequire(import.meta.url);

/** A function returning the module `specifier`, required the first time it is called. */
export function lazyModule<T>(specifier: string): () => T {
  let mod: T | undefined;
  return () => (mod ??= requireCjs(specifier) as T);
}
