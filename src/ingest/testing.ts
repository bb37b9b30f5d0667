/**
 * @module ingest/testing
 * Helpers shared by the ingest tests: fixture paths and collecting what `readInputs` yields.
 * Not exported from the package.
 */

import { fileURLToPath } from 'node:url';
import { isIngestError, type IngestError, type IngestedDocument } from './types.ts';

/** Absolute path of a file under test/fixtures/ingest. */
export function fixture(name = ''): string {
  return fileURLToPath(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url));
}

export interface Collected {
  docs: IngestedDocument[];
  errors: IngestError[];
  all: Array<IngestedDocument | IngestError>;
}

export async function collect(items: AsyncIterable<IngestedDocument | IngestError>): Promise<Collected> {
  const out: Collected = { docs: [], errors: [], all: [] };
  for await (const item of items) {
    out.all.push(item);
    if (isIngestError(item)) out.errors.push(item);
    else out.docs.push(item);
  }
  return out;
}
