/**
 * @module scripts/lib/run-main
 * The command-line entry of a script: run `main` only when the module is the process's entry
 * point (scripts are also imported by tests), print a DossierError as `error[CODE]: message`
 * with its exit code and no stack trace, and let anything else surface as the bug it is.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDossierError } from '../../src/errors.ts';

export async function runIfMain(moduleUrl: string, main: () => Promise<unknown>): Promise<void> {
  if (!process.argv[1] || resolve(process.argv[1]) !== fileURLToPath(moduleUrl)) return;
  try {
    await main();
  } catch (e) {
    if (isDossierError(e)) {
      console.error(`error[${e.code}]: ${e.message}`);
      process.exit(e.exitCode);
    }
    throw e;
  }
}
