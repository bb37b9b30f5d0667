/**
 * @module cli/commands/timeline
 * `dossier timeline`: events in date order, one line per real-world event, with the number of
 * documents reporting it. Conditional and negated events only with --all, marked as such.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { formatTimeline } from '../../store/format.ts';
import { positiveInt, withStore } from './search.ts';

export function register(program: Command, ctx: CliContext): void {
  program
    .command('timeline')
    .description(
      'List events in date order. Reports of the same event from several documents (same type, a shared participant, compatible place and date) are one line; REPORTS counts the documents. Undated events come last. Conditional and negated events did not happen and are left out unless --all.',
    )
    .option('--from <date>', 'only events on or after this date (YYYY-MM-DD); leaves out undated events')
    .option('--to <date>', 'only events on or before this date (YYYY-MM-DD); leaves out undated events')
    .option('--all', 'include conditional and negated events, marked "NOT happened"')
    .option('-n, --limit <n>', 'show at most this many events', positiveInt)
    .option('--json', 'print the entries as JSON: [{clusterId, type, happened, modality, date, corroboration, claimCount, sources, targets, location, reports}]')
    .addHelpText('after', '\nExample:\n  dossier timeline --from 2023-10-01 --to 2023-10-31')
    .action(async (opts: { from?: string; to?: string; all?: boolean; limit?: number; json?: boolean }) => {
      const entries = await withStore(ctx, (s) =>
        s.timeline({
          includeUnhappened: opts.all === true,
          ...(opts.from !== undefined && { from: opts.from }),
          ...(opts.to !== undefined && { to: opts.to }),
          ...(opts.limit !== undefined && { limit: opts.limit }),
        }),
      );
      if (opts.json) ctx.json(entries);
      else ctx.print(formatTimeline(entries));
    });
}
