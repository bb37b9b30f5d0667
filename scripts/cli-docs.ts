/**
 * Writes docs/cli.md from the CLI's own `--help` texts, so the reference cannot drift from the
 * code. `node --import tsx scripts/cli-docs.ts` rewrites it; `--check` exits 1 if it is stale
 * (the test suite runs the check).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { buildProgram, EXIT_HELP } from '../src/cli/main.ts';

const target = fileURLToPath(new URL('../docs/cli.md', import.meta.url));

export function renderCliDocs(): string {
  const program = buildProgram();
  const help = (c: Command) => {
    c.configureHelp({ helpWidth: 100 });
    return c.helpInformation().trimEnd();
  };
  const parts = [
    '# The `dossier` command',
    '',
    'Generated from the CLI\'s own help by `node --import tsx scripts/cli-docs.ts`; do not edit by hand.',
    'Run `npx dossier <command> --help` for the same text.',
    '',
    '```text',
    help(program),
    EXIT_HELP.trimEnd(),
    '```',
  ];
  for (const c of program.commands) {
    parts.push('', `## dossier ${c.name()}`, '', '```text', help(c), '```');
  }
  return parts.join('\n') + '\n';
}

const invoked = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (invoked) {
  const text = renderCliDocs();
  if (process.argv.includes('--check')) {
    const current = readFileSync(target, 'utf8');
    if (current !== text) {
      console.error('docs/cli.md is out of date: run node --import tsx scripts/cli-docs.ts');
      process.exit(1);
    }
  } else {
    writeFileSync(target, text);
    console.log(`wrote ${target}`);
  }
}
