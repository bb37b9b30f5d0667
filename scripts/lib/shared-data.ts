/**
 * @module scripts/lib/shared-data
 * Where the training, evaluation and data-build scripts find the shared corpora (UD, UNER, re3d,
 * PLOVER…): the `--data` option when given, else $DOSSIER_SHARED_DATA, else `../shared/data`
 * beside the repository. Only scripts read it; the product never needs that folder at run time.
 */
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The shared data folder: `opt` (a --data value), else DOSSIER_SHARED_DATA, else ../shared/data. */
export function sharedDataDir(opt?: string): string {
  return resolve(opt ?? process.env['DOSSIER_SHARED_DATA'] ?? join(repoRoot, '..', 'shared', 'data'));
}
