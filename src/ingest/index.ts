/**
 * @module ingest
 * Turns what the user points Dossier at — files, folders, `-` for standard input, http(s) URLs —
 * into documents for the pipeline: plain text, HTML pages (main text via Readability), RSS/Atom
 * feeds (one document per item), JSON Lines / JSON documents and pretokenized text.
 *
 * `readInputs` never throws for a bad input: it yields an `IngestError` naming the input (and
 * line or item) and goes on with the rest, so a batch stores what it can and reports the rest.
 * Only invalid options (a caller bug) throw, as a USAGE `DossierError`.
 *
 * @example
 * for await (const item of readInputs(['reports/', 'https://example.org/feed.xml'])) {
 *   if (isIngestError(item)) console.error(item.message);
 *   else store(item);
 * }
 */

import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { DossierError } from '../errors.ts';
import { readContent } from './content.ts';
import { normaliseDate } from './dates.ts';
import { FOLDER_EXTENSIONS, formatFromContentType, formatFromExtension, type ReaderFormat } from './detect.ts';
import { DEFAULT_MAX_BYTES, DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT_MS, fetchUrl } from './fetch.ts';
import { streamJsonLines } from './jsonl-stream.ts';
import { walkFolder } from './walk.ts';
import { toIngestError, type IngestError, type IngestOptions, type IngestedDocument, type InputFormat } from './types.ts';

export type { DocumentFormat, IngestedDocument, IngestError, IngestOptions, InputFormat } from './types.ts';
export { isIngestError, ingestErrorToDossierError } from './types.ts';
export { contentId } from './text.ts';
export { normaliseDate } from './dates.ts';
export { extractHtmlPage, htmlFragmentToText, type HtmlExtract } from './html.ts';
export { readContent, type ContentContext } from './content.ts';
export { blockedReason } from './netguard.ts';
export { fetchUrl, type FetchOptions, type Fetched } from './fetch.ts';

/** Name used for standard input in errors. */
export const STDIN_NAME = '<stdin>';

const FORMATS: ReadonlySet<string> = new Set<InputFormat>(['auto', 'text', 'html', 'rss', 'atom', 'jsonl', 'json', 'pretokenized']);

/** Which reader a forced format uses, to pick folder files by extension. */
const FORCED_READER: Record<Exclude<InputFormat, 'auto'>, ReaderFormat> = {
  text: 'text', html: 'html', rss: 'feed', atom: 'feed', jsonl: 'jsonl', json: 'json', pretokenized: 'text',
};

interface Settings {
  format: InputFormat;
  defaultPublishedAt?: string;
  fetch: { allowPrivate: boolean; timeoutMs: number; maxBytes: number; maxRedirects: number };
  extensions: ReadonlySet<string>;
  stdin: NodeJS.ReadableStream;
}

/**
 * Documents from every input, in order (folders in sorted path order, feeds and JSON Lines in
 * item order), interleaved with an `IngestError` for each input, line or item that failed.
 * Throws only a USAGE `DossierError` for invalid options.
 */
export async function* readInputs(inputs: string[], opts: IngestOptions = {}): AsyncGenerator<IngestedDocument | IngestError> {
  const settings = checkOptions(opts);
  let stdinRead = false;
  for (const input of inputs) {
    if (input === '-') {
      if (stdinRead) {
        yield { input: STDIN_NAME, code: 'USAGE', message: `${STDIN_NAME}: "-" given more than once; standard input can be read only once` };
        continue;
      }
      stdinRead = true;
      yield* fromStdin(settings);
    } else if (/^https?:\/\//i.test(input)) {
      yield* fromUrl(input, settings);
    } else if (/^[a-z][a-z0-9+.-]+:\/\//i.test(input)) {
      yield { input, code: 'INPUT_URL', message: `${input}: only http: and https: URLs are fetched` };
    } else {
      yield* fromPath(input, settings);
    }
  }
}

function checkOptions(opts: IngestOptions): Settings {
  const format = opts.format ?? 'auto';
  if (!FORMATS.has(format)) {
    throw new DossierError('USAGE', `ingest option format: "${String(format)}" is not one of ${[...FORMATS].join(', ')}`);
  }
  const settings: Settings = {
    format,
    fetch: {
      allowPrivate: opts.allowPrivate ?? false,
      timeoutMs: positive(opts.timeoutMs, 'timeoutMs', DEFAULT_TIMEOUT_MS),
      maxBytes: positive(opts.maxBytes, 'maxBytes', DEFAULT_MAX_BYTES),
      maxRedirects: nonNegative(opts.maxRedirects, 'maxRedirects', DEFAULT_MAX_REDIRECTS),
    },
    extensions: extensionSet(opts.extensions, format),
    stdin: opts.stdin ?? process.stdin,
  };
  if (opts.publishedAt !== undefined) {
    const iso = normaliseDate(opts.publishedAt);
    if (!iso) throw new DossierError('USAGE', `ingest option publishedAt: "${opts.publishedAt}" is not a date; expected ISO 8601 such as 2023-10-29`);
    settings.defaultPublishedAt = iso;
  }
  return settings;
}

function positive(v: number | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isFinite(v) || v <= 0) throw new DossierError('USAGE', `ingest option ${name}: expected a positive number, got ${v}`);
  return v;
}

function nonNegative(v: number | undefined, name: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isInteger(v) || v < 0) throw new DossierError('USAGE', `ingest option ${name}: expected a whole number ≥ 0, got ${v}`);
  return v;
}

/** Extensions a folder walk picks: the caller's list, else those of the forced format, else all
 *  known document extensions. */
function extensionSet(given: string[] | undefined, format: InputFormat): ReadonlySet<string> {
  if (given && given.length > 0) {
    return new Set(given.map((e) => (e.startsWith('.') ? e : `.${e}`).toLowerCase()));
  }
  if (format === 'auto') return new Set(Object.keys(FOLDER_EXTENSIONS));
  if (format === 'json') return new Set(['.json']);
  const reader = FORCED_READER[format];
  return new Set(Object.entries(FOLDER_EXTENSIONS).filter(([, r]) => r === reader).map(([ext]) => ext));
}

async function* fromPath(path: string, s: Settings): AsyncGenerator<IngestedDocument | IngestError> {
  let info;
  try {
    info = await stat(path);
  } catch (err) {
    yield unreadable(path, err);
    return;
  }
  if (info.isDirectory()) {
    yield* fromFolder(path, s);
  } else if (info.isFile()) {
    yield* fromFile(path, s);
  } else {
    yield { input: path, code: 'INPUT_UNREADABLE', message: `${path}: not a regular file or folder (a device, socket or pipe); expected a file or folder` };
  }
}

async function* fromFolder(dir: string, s: Settings): AsyncGenerator<IngestedDocument | IngestError> {
  let count = 0;
  try {
    for await (const file of walkFolder(dir, s.extensions)) {
      count++;
      yield* fromFile(file, s);
    }
  } catch (err) {
    yield unreadable(dir, err);
    return;
  }
  if (count === 0) {
    const exts = [...s.extensions].join(' ');
    yield { input: dir, code: 'INPUT_NOTHING', message: `${dir}: folder has no file to ingest; looked for ${exts} (hidden files and node_modules are skipped)` };
  }
}

async function* fromFile(path: string, s: Settings): AsyncGenerator<IngestedDocument | IngestError> {
  const hint = formatFromExtension(path);
  if (s.format === 'jsonl' || (s.format === 'auto' && hint === 'jsonl')) {
    yield* streamed(path, createReadStream(path), path, s);
    return;
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (err) {
    yield unreadable(path, err);
    return;
  }
  yield* readContent(bytes, { input: path, hint, format: s.format, source: path, ...dated(s) });
}

/** JSON Lines from a stream; a read failure midway is reported after the lines already read. */
async function* streamed(input: string, stream: AsyncIterable<Buffer | string>, source: string | undefined, s: Settings): AsyncGenerator<IngestedDocument | IngestError> {
  try {
    yield* streamJsonLines(stream, input, s.defaultPublishedAt, source);
  } catch (err) {
    yield unreadable(input, err);
  }
}

async function* fromStdin(s: Settings): AsyncGenerator<IngestedDocument | IngestError> {
  if (s.format === 'jsonl') {
    yield* streamed(STDIN_NAME, s.stdin as AsyncIterable<Buffer | string>, undefined, s);
    return;
  }
  const chunks: Buffer[] = [];
  try {
    for await (const chunk of s.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk));
  } catch (err) {
    yield unreadable(STDIN_NAME, err);
    return;
  }
  yield* readContent(Buffer.concat(chunks), { input: STDIN_NAME, format: s.format, ...dated(s) });
}

async function* fromUrl(url: string, s: Settings): AsyncGenerator<IngestedDocument | IngestError> {
  let fetched;
  try {
    fetched = await fetchUrl(url, s.fetch);
  } catch (err) {
    yield toIngestError(url, err);
    return;
  }
  const path = new URL(fetched.url).pathname;
  const byType = formatFromContentType(fetched.contentType);
  const byExt = extname(path) ? formatFromExtension(path) : 'unknown';
  yield* readContent(fetched.bytes, {
    input: url,
    hint: byType ?? byExt,
    format: s.format,
    source: fetched.url,
    ...(fetched.contentType !== undefined && { contentType: fetched.contentType }),
    ...dated(s),
  });
}

function dated(s: Settings): { defaultPublishedAt?: string } {
  return s.defaultPublishedAt === undefined ? {} : { defaultPublishedAt: s.defaultPublishedAt };
}

/** An fs failure as INPUT_UNREADABLE with the reason in words. */
function unreadable(input: string, err: unknown): IngestError {
  const code = (err as NodeJS.ErrnoException | undefined)?.code;
  const reason = code === 'ENOENT' ? 'no such file or folder'
    : code === 'EACCES' || code === 'EPERM' ? 'permission denied'
    : code === 'EISDIR' ? 'is a folder'
    : code === 'ENOTDIR' ? 'a part of the path is not a folder'
    : code === 'ELOOP' ? 'too many symbolic links'
    : err instanceof Error ? err.message : String(err);
  return { input, code: 'INPUT_UNREADABLE', message: `${input}: cannot read (${reason}); expected a readable file or folder` };
}
