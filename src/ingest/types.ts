/**
 * @module ingest/types
 * The shapes that come out of ingest: a document ready for the pipeline, or a per-input error
 * that the caller lists and moves past. Kept apart from `index.ts` so the format readers can
 * share them without importing the orchestrator.
 */

import { DossierError, type ErrorCode } from '../errors.ts';

/** The format a document was read from. */
export type DocumentFormat = 'text' | 'html' | 'rss' | 'atom' | 'jsonl' | 'pretokenized';

/** A document read from some input, with its text ready for analysis. */
export interface IngestedDocument {
  /** Input-supplied id (JSON Lines) or the content hash `doc_` + 16 hex digits. */
  id: string;
  title?: string;
  /** Where the document came from: URL, feed item link, or file path. */
  source?: string;
  /** ISO 8601 date or date-time; anchors relative dates. */
  publishedAt?: string;
  /** The text analysed; offsets in the output refer to it. */
  text: string;
  format: DocumentFormat;
}

/** One input (or one line/item of an input) that could not be ingested. */
export interface IngestError {
  /** The file, URL or stdin, with `:line` (JSON Lines) or `#item` (feeds) where relevant. */
  input: string;
  code: ErrorCode;
  message: string;
}

/** Format asked for by the caller; `auto` detects it from extension, content type and content. */
export type InputFormat = 'auto' | 'text' | 'html' | 'rss' | 'atom' | 'jsonl' | 'json' | 'pretokenized';

export interface IngestOptions {
  /** Force one format for every input (default `auto`). */
  format?: InputFormat;
  /** Publication date given to documents that do not carry one (ISO 8601). */
  publishedAt?: string;
  /** Allow URLs that resolve to loopback/private/link-local addresses (default false). */
  allowPrivate?: boolean;
  /** Whole-fetch timeout per URL, redirects and body included (default 15000 ms). */
  timeoutMs?: number;
  /** Largest input read, file or download, in bytes (default 10 MB). */
  maxBytes?: number;
  /** Redirects followed per URL before giving up (default 5). */
  maxRedirects?: number;
  /** Stream read for the input `-` (default `process.stdin`). */
  stdin?: NodeJS.ReadableStream;
  /** File extensions picked up when walking a folder, with or without the dot. */
  extensions?: string[];
}

/** Tells an error from a document in the stream `readInputs` yields. */
export function isIngestError(item: IngestedDocument | IngestError): item is IngestError {
  return 'code' in item;
}

/** Turns a thrown value into a per-input error; unexpected failures become INTERNAL. */
export function toIngestError(input: string, err: unknown): IngestError {
  if (err instanceof DossierError) {
    return { input: err.input ?? input, code: err.code, message: err.message };
  }
  const detail = err instanceof Error ? err.message : String(err);
  return { input, code: 'INTERNAL', message: `${input}: unexpected failure while ingesting: ${detail}` };
}

/** The error as a `DossierError`, for callers that want to throw it or map it to an exit code. */
export function ingestErrorToDossierError(e: IngestError): DossierError {
  return new DossierError(e.code, e.message, { input: e.input });
}
