/**
 * @module cli/commands/analyze
 * `dossier analyze [inputs...]`: run the pipeline over reports and print the native JSON contract
 * (`--json`, one JSON object per line) or a readable summary. Nothing is stored.
 */
import type { Command } from 'commander';
import type { CliContext } from '../context.ts';
import { readInputs, type IngestedDocument, type IngestError } from '../../ingest/index.ts';
import { analyzeDoc, analyzePretokenized, parsePublishedAt } from '../../analyze.ts';
import { pretokenizedDocs } from '../../nlp/tokenizer.ts';
import { toNative } from '../../export/native.ts';
import { summarize } from '../summary.ts';
import { DossierError } from '../../errors.ts';
import { ingestOptions, addIngestOptions, type IngestCliOptions } from './inputs.ts';

interface AnalyzeCliOptions extends IngestCliOptions {
  json?: boolean;
  tokens?: boolean;
  pretokenized?: boolean;
  kb?: string[];
}

export function register(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('analyze')
    .description('Analyse reports and print entities, events, claims and relations (nothing is stored)')
    .argument('[inputs...]', 'files, folders, URLs, or - for standard input (default: standard input)')
    .option('--json', 'print the native JSON contract, one object per document (JSON Lines)')
    .option('--tokens', 'include tokens with pos/head/dep in the JSON')
    .option('--pretokenized', 'input is one sentence per line, tokens separated by single spaces, blank line between documents');
  addIngestOptions(cmd);
  cmd.option('--kb <file...>', 'extra knowledge-base files (YAML or JSON) that extend the shipped one').action(
    async (inputs: string[], opts: AnalyzeCliOptions) => {
      const failures = await runAnalyze(inputs.length ? inputs : ['-'], opts, ctx);
      if (failures.length) {
        for (const f of failures) process.stderr.write(`dossier: error[${f.code}]: ${f.message.includes(f.input) ? f.message : `${f.input}: ${f.message}`}\n`);
        process.exitCode = 1;
      }
    },
  );
}

async function runAnalyze(inputs: string[], opts: AnalyzeCliOptions, ctx: CliContext): Promise<IngestError[]> {
  const failures: IngestError[] = [];
  const publishedAt = opts.publishedAt === undefined ? undefined : parsePublishedAt(opts.publishedAt);
  const base = { kbFiles: opts.kb ?? [], warn: (m: string) => process.stderr.write(`dossier: warning: ${m}\n`) };
  const emit = (doc: ReturnType<typeof analyzeDoc>) => {
    if (opts.json) process.stdout.write(JSON.stringify(toNative(doc, { tokens: opts.tokens ?? false })) + '\n');
    else ctx.print(summarize(toNative(doc)) + '\n');
  };
  const ingest = ingestOptions(opts);
  if (opts.pretokenized) ingest.format = 'text';
  for await (const item of readInputs(inputs, ingest)) {
    if ('code' in item) {
      failures.push(item);
      continue;
    }
    try {
      if (opts.pretokenized) {
        pretokenizedDocs(item.text).forEach((p, i, all) => {
          const id = all.length > 1 ? `${item.id}-${i + 1}` : item.id;
          emit(analyzePretokenized(p, { ...base, ...metaOf(item, publishedAt), id }));
        });
      } else {
        emit(analyzeDoc(item.text, { ...base, ...metaOf(item, publishedAt) }));
      }
    } catch (e) {
      if (!(e instanceof DossierError)) throw e;
      failures.push({ input: item.source ?? item.id, code: e.code, message: e.message });
    }
  }
  return failures;
}

function metaOf(item: IngestedDocument, publishedAt: string | undefined) {
  const date = item.publishedAt ?? publishedAt;
  return {
    id: item.id,
    ...(item.title !== undefined && { title: item.title }),
    ...(item.source !== undefined && { source: item.source }),
    ...(date !== undefined && { publishedAt: date }),
  };
}
