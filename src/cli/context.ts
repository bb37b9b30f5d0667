/**
 * @module cli/context
 * What every CLI command gets: how to open the store named by the global `--db` option, and how
 * to print (text for people, JSON for machines). Commands never call process.exit themselves.
 */
import type { Store } from '../store/index.ts';

export interface CliContext {
  /** Open the store given by `--db` (or DOSSIER_DB, or ./dossier.db). */
  openStore(dbOpt?: string): Promise<Store>;
  /** Print a line of human-readable output to stdout. */
  print(s: string): void;
  /** Print a value as JSON to stdout. */
  json(v: unknown): void;
}

export const DEFAULT_DB = 'dossier.db';

export function defaultDb(): string {
  return process.env['DOSSIER_DB'] ?? DEFAULT_DB;
}

export function createCliContext(getDb: () => string | undefined): CliContext {
  return {
    async openStore(dbOpt?: string) {
      const { openStore } = await import('../store/index.ts');
      return openStore(dbOpt ?? getDb() ?? defaultDb());
    },
    print(s: string) {
      process.stdout.write(s + '\n');
    },
    json(v: unknown) {
      process.stdout.write(JSON.stringify(v, null, 2) + '\n');
    },
  };
}
