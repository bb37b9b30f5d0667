/**
 * @module cli/main
 * The `dossier` command line: assembles the commands (explicitly, here) and turns errors into a
 * one-line message and a documented exit status — never a stack trace (set DOSSIER_DEBUG=1 for
 * one).
 */
import { Command, CommanderError } from 'commander';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { createCliContext } from './context.ts';
import { ERROR_CODES, isDossierError } from '../errors.ts';
import * as analyzeCmd from './commands/analyze.ts';
import * as ingestCmd from './commands/ingest.ts';
import * as searchCmd from './commands/search.ts';
import * as showCmd from './commands/show.ts';
import * as statsCmd from './commands/stats.ts';
import * as entitiesCmd from './commands/entities.ts';
import * as mergeCmd from './commands/merge.ts';
import * as splitCmd from './commands/split.ts';
import * as timelineCmd from './commands/timeline.ts';

const pkg = createRequire(import.meta.url)('../../package.json') as { version: string };

export const EXIT_HELP = `
Exit status:
  0   success
  1   some inputs failed (the others were processed), or the thing asked for was not found
${Object.entries(ERROR_CODES)
  .filter(([, v]) => v.exit > 1)
  .map(([code, v]) => `  ${String(v.exit).padEnd(3)} ${code}`)
  .join('\n')}

Environment:
  DOSSIER_DB     database used when --db is not given (default ./dossier.db)
  DOSSIER_DEBUG  set to 1 to print stack traces of internal errors`;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('dossier')
    .description('Turn news reports about conflict and politics into actors, places, events, claims and relations, each traceable to its sentence and sources.')
    .version(pkg.version)
    .option('--db <url>', 'database: a SQLite file path (default ./dossier.db) or postgres://user@host/db')
    .showHelpAfterError()
    .addHelpText('after', EXIT_HELP)
    .exitOverride();
  const ctx = createCliContext(() => program.opts<{ db?: string }>().db);
  for (const cmd of [analyzeCmd, ingestCmd, searchCmd, showCmd, statsCmd, entitiesCmd, mergeCmd, splitCmd, timelineCmd]) {
    cmd.register(program, ctx);
  }
  return program;
}

export async function main(argv: string[] = process.argv): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // commander already printed help/version/usage error
      return e.exitCode === 0 ? 0 : ERROR_CODES.USAGE.exit;
    }
    if (isDossierError(e)) {
      const where = e.input && !e.message.includes(e.input) ? `${e.input}: ` : '';
      process.stderr.write(`dossier: error[${e.code}]: ${where}${e.message}\n`);
      return e.exitCode;
    }
    const message = e instanceof Error ? e.message : String(e);
    process.stderr.write(`dossier: internal error: ${message}\n`);
    if (process.env['DOSSIER_DEBUG'] === '1' && e instanceof Error) process.stderr.write(`${e.stack}\n`);
    return ERROR_CODES.INTERNAL.exit;
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  main().then((code) => {
    process.exitCode = code;
  });
}
