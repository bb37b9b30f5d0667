/**
 * @module cli/commands/ingest
 * `dossier ingest <inputs...>`: read reports, analyse the new ones and store them. A document
 * already stored (same content id) is skipped, so re-ingesting is a no-op. Inputs that fail are
 * listed at the end and make the exit status non-zero; the others are stored all the same.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { readInputs, type IngestError } from '../../ingest/index.ts';
import { analyze, parsePublishedAt } from '../../analyze.ts';
import { DossierError } from '../../errors.ts';
import { progress } from '../progress.ts';
import { addIngestOptions, ingestOptions, type IngestCliOptions } from './inputs.ts';

interface IngestCmdOptions extends IngestCliOptions {
  kb?: string[];
  reanalyze?: boolean;
  quiet?: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('ingest')
    .description('Analyse reports and store them in the database (re-ingesting a stored document is a no-op)')
    .argument('<inputs...>', 'files, folders (recursive), URLs, or - for standard input');
  addIngestOptions(cmd);
  cmd
    .option('--kb <file...>', 'extra knowledge-base files (YAML or JSON)')
    .option('--reanalyze', 'analyse and replace documents that are already stored')
    .option('-q, --quiet', 'no progress bar')
    .action(async (inputs: string[], opts: IngestCmdOptions) => {
      const publishedAt = opts.publishedAt === undefined ? undefined : parsePublishedAt(opts.publishedAt);
      const store = await ctx.openStore();
      const failures: IngestError[] = [];
      let stored = 0;
      let unchanged = 0;
      const bar = progress(!opts.quiet);
      try {
        for await (const item of readInputs(inputs, ingestOptions(opts))) {
          if ('code' in item) {
            failures.push(item);
            bar.tick(item.input);
            continue;
          }
          bar.tick(item.title ?? item.source ?? item.id);
          try {
            if (!opts.reanalyze && (await store.hasDocument(item.id))) {
              unchanged++;
              continue;
            }
            const date = item.publishedAt ?? publishedAt;
            const result = analyze(item.text, {
              id: item.id,
              kbFiles: opts.kb ?? [],
              ...(item.title !== undefined && { title: item.title }),
              ...(item.source !== undefined && { source: item.source }),
              ...(date !== undefined && { publishedAt: date }),
            });
            const { created } = await store.saveDocument(result);
            if (created || opts.reanalyze) stored++;
            else unchanged++;
          } catch (e) {
            if (!(e instanceof DossierError) || e.code.startsWith('STORE')) throw e;
            failures.push({ input: item.source ?? item.id, code: e.code, message: e.message });
          }
        }
      } finally {
        bar.stop();
        await store.close();
      }
      ctx.print(`ingested ${stored} new, ${unchanged} unchanged, ${failures.length} failed`);
      for (const f of failures) process.stderr.write(`dossier: error[${f.code}]: ${f.message.includes(f.input) ? f.message : `${f.input}: ${f.message}`}\n`);
      if (failures.length) process.exitCode = 1;
    });
}
