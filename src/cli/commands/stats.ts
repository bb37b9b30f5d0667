/**
 * @module cli/commands/stats
 * `dossier stats`: what the database holds.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { formatStats } from '../../store/format.ts';
import { withStore } from './search.ts';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('stats')
    .description(
      'Count what the database holds: documents, sentences, entities and mentions, events by type, events that happened (not conditional or negated), event clusters and how many are corroborated by two or more documents, claims, relations, analyst corrections.',
    )
    .option('--json', 'print the counts as JSON')
    .action(async (opts: { json?: boolean }) => {
      const st = await withStore(ctx, (s) => s.stats());
      if (opts.json) ctx.json(st);
      else ctx.print(formatStats(st));
    });
}
