/**
 * @module cli/commands/inputs
 * The input options shared by `analyze` and `ingest`, and their translation to ingest options.
 */
import { Option, type Command } from 'commander';
import type { IngestOptions } from '../../ingest/index.ts';
import { DossierError } from '../../errors.ts';

export interface IngestCliOptions {
  inputFormat?: 'auto' | 'text' | 'html' | 'rss' | 'jsonl';
  publishedAt?: string;
  allowPrivate?: boolean;
  timeout?: string;
  maxBytes?: string;
}

export function addIngestOptions(cmd: Command): Command {
  return cmd
    .addOption(
      new Option('--input-format <format>', 'how to read inputs').choices(['auto', 'text', 'html', 'rss', 'jsonl']).default('auto'),
    )
    .option('--published-at <date>', 'publication date (ISO) for documents that carry none; anchors relative dates')
    .option('--allow-private', 'allow URLs that resolve to private or loopback addresses')
    .option('--timeout <ms>', 'URL fetch timeout in milliseconds', '15000')
    .option('--max-bytes <n>', 'largest URL response accepted, in bytes', String(10 * 1024 * 1024));
}

function positiveInt(value: string | undefined, option: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new DossierError('USAGE', `${option}: expected a positive integer, got "${value}"`);
  return n;
}

export function ingestOptions(opts: IngestCliOptions): IngestOptions {
  const timeoutMs = positiveInt(opts.timeout, '--timeout');
  const maxBytes = positiveInt(opts.maxBytes, '--max-bytes');
  return {
    format: opts.inputFormat ?? 'auto',
    ...(opts.publishedAt !== undefined && { publishedAt: opts.publishedAt }),
    allowPrivate: opts.allowPrivate ?? false,
    ...(timeoutMs !== undefined && { timeoutMs }),
    ...(maxBytes !== undefined && { maxBytes }),
    stdin: process.stdin,
  };
}
