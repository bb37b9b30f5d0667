/**
 * @module cli/commands/search
 * `dossier search <query>`: full-text search over stored sentences (or, with --documents, whole
 * documents by title and text). Also holds the two helpers
 * the other store commands share (an integer option parser, and open-use-close of the store).
 */
import { InvalidArgumentError, type Command } from 'commander';
import type { CliContext } from '../context.ts';
import type { Store } from '../../store/index.ts';
import { formatDocumentHits, formatSearchHits } from '../../store/format.ts';

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
    .option('-d, --documents', 'list matching documents (title and text, title words weigh more) instead of sentences')
    .option('-n, --limit <n>', 'show at most this many results', positiveInt, 20)
    .option('--json', 'print the hits as JSON: [{documentId, title, sentence: {start, end}, snippet, rank}] ([{documentId, title, publishedAt, snippet, rank}] with --documents)')
    .addHelpText('after', '\nExamples:\n  dossier search "Quds Force" Baghdad\n  dossier search \'meeting OR visit\' --limit 5 --json\n  dossier search --documents "Radio Farda"')
    .action(async (query: string, opts: { limit: number; documents?: boolean; json?: boolean }) => {
      if (opts.documents) {
        const docs = await withStore(ctx, (s) => s.searchDocuments(query, { limit: opts.limit }));
        if (opts.json) ctx.json(docs);
        else ctx.print(formatDocumentHits(query, docs));
        return;
      }
      const hits = await withStore(ctx, (s) => s.search(query, { limit: opts.limit }));
      if (opts.json) ctx.json(hits);
      else ctx.print(formatSearchHits(query, hits));
    });
}
