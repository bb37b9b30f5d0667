/**
 * @module cli/commands/search
 * `dossier search <query>`: full-text search over stored sentences. Also holds the two helpers
 * the other store commands share (an integer option parser, and open-use-close of the store).
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../context.ts';
import type { Store } from '../../store/index.ts';
import { formatSearchHits } from '../../store/format.ts';

/** Commander parser for a positive integer option value. */
export function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`expected a positive whole number, got "${value}"`);
  return n;
}

/** Opens the store named by --db, runs `fn`, and always closes it. */
export async function withStore<T>(ctx: CliContext, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await ctx.openStore();
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

export function register(program: Command, ctx: CliContext): void {
  program
    .command('search')
    .description(
      'Search the stored reports sentence by sentence. Words are all required; use "quoted phrases", OR between alternatives, and -word to exclude. Matches ignore case and word endings (meeting = meetings).',
    )
    .argument('<query>', 'words to look for, e.g. \'"Quds Force" Baghdad -Beirut\'')
    .option('-n, --limit <n>', 'show at most this many sentences', positiveInt, 20)
    .option('--json', 'print the hits as JSON: [{documentId, title, sentence: {start, end}, snippet, rank}]')
    .addHelpText('after', '\nExamples:\n  dossier search "Quds Force" Baghdad\n  dossier search \'meeting OR visit\' --limit 5 --json')
    .action(async (query: string, opts: { limit: number; json?: boolean }) => {
      const hits = await withStore(ctx, (s) => s.search(query, { limit: opts.limit }));
      if (opts.json) ctx.json(hits);
      else ctx.print(formatSearchHits(query, hits));
    });
}
