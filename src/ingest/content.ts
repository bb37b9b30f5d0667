/**
 * @module ingest/content
 * One input's bytes to documents: refuse binary formats, decode, pick the reader (forced by
 * the caller, else from the extension or content type, else sniffed), and run it. Shared by
 * files, standard input and URLs; also the entry point for callers that already hold the bytes
 * (an HTTP upload).
 */

import { DossierError } from '../errors.ts';
import { charsetOf, declaredCharset, looksBinary, sniffFormat, type ExtensionVerdict, type ReaderFormat } from './detect.ts';
import { dateFromUrl } from './dates.ts';
import { readFeed } from './feed.ts';
import { extractHtmlPage } from './html.ts';
import { readJsonFile, readJsonLines } from './jsonl.ts';
import { buildDocument, decodeUtf8, normaliseNewlines, type DocumentParts } from './text.ts';
import { toIngestError, type InputFormat, type IngestError, type IngestedDocument } from './types.ts';

export interface ContentContext {
  /** Name used in errors: path, URL or `<stdin>`. */
  input: string;
  /** What the extension or content type said, if anything. */
  hint?: ExtensionVerdict;
  /** Format forced by the caller (`auto` lets hint and sniffing decide). */
  format?: InputFormat;
  /** Source recorded on documents that do not name their own. */
  source?: string;
  /** HTTP content type, for its charset. */
  contentType?: string;
  defaultPublishedAt?: string;
}

const FORCED: Record<Exclude<InputFormat, 'auto'>, ReaderFormat> = {
  text: 'text', html: 'html', rss: 'feed', atom: 'feed', jsonl: 'jsonl', json: 'json', pretokenized: 'pretokenized',
};

/** Documents (and per-item errors) of one input; whole-input failures come back as one error. */
export function readContent(bytes: Uint8Array, ctx: ContentContext): Array<IngestedDocument | IngestError> {
  try {
    return readContentOrThrow(bytes, ctx);
  } catch (err) {
    return [toIngestError(ctx.input, err)];
  }
}

function readContentOrThrow(bytes: Uint8Array, ctx: ContentContext): Array<IngestedDocument | IngestError> {
  const { input } = ctx;
  const forced = ctx.format && ctx.format !== 'auto' ? FORCED[ctx.format] : undefined;
  if (!forced && ctx.hint === 'binary') {
    throw new DossierError('INPUT_FORMAT', `${input}: unsupported format${ctx.contentType ? ` (${ctx.contentType})` : ''}; expected plain text, HTML, RSS/Atom or JSON Lines`, { input });
  }
  if (looksBinary(bytes)) {
    throw new DossierError('INPUT_FORMAT', `${input}: binary content (such as PDF, an image, an archive or an Office file); expected plain text, HTML, RSS/Atom or JSON Lines`, { input });
  }
  // Over HTTP the server's charset wins, then the one the markup declares; files and standard
  // input must be UTF-8 (as documented), so a wrong declaration there cannot garble them.
  const charset = ctx.contentType === undefined ? undefined : charsetOf(ctx.contentType) ?? declaredCharset(bytes);
  const text = normaliseNewlines(decode(bytes, input, charset));
  if (text.trim() === '') {
    throw new DossierError('INPUT_EMPTY', `${input}: empty (no text, or whitespace only)`, { input });
  }
  const reader = forced ?? chooseReader(ctx.hint, text);
  const fallbackSource = ctx.source;
  const date = ctx.defaultPublishedAt;
  switch (reader) {
    case 'text':
      return [buildDocument(withSource({ text, format: 'text' }, fallbackSource), input, date)];
    case 'html': {
      const url = fallbackSource?.startsWith('http') ? fallbackSource : undefined;
      const page = extractHtmlPage(text, url);
      if (!page.publishedAt && url) {
        const fromPath = dateFromUrl(url);
        if (fromPath) page.publishedAt = fromPath;
      }
      return [buildDocument(withSource({ ...page, format: 'html' }, fallbackSource), input, date)];
    }
    case 'feed':
      return readFeed(text, input, date, fallbackSource);
    case 'jsonl':
      return readJsonLines(text, input, date, fallbackSource);
    case 'json':
      return readJsonFile(text, input, date, fallbackSource);
    case 'pretokenized':
      return readPretokenized(text, input, date, fallbackSource);
  }
}

/** The extension is trusted for text/JSON; markup is sniffed because `.xml` may be XHTML and a
 *  server's generic XML type says nothing. */
function chooseReader(hint: ExtensionVerdict | undefined, text: string): ReaderFormat {
  const sniffed = sniffFormat(text);
  if (hint === undefined || hint === 'unknown' || hint === 'binary') return sniffed;
  if (hint === 'feed' && sniffed === 'html') return 'html';
  if (hint === 'html' && sniffed === 'feed') return 'feed';
  return hint;
}

/** Labels that WHATWG decodes as windows-1252 (Node 20's TextDecoder reads them as plain
 *  ISO-8859-1, leaving curly quotes and dashes as C1 control characters). */
const WINDOWS_1252 = new Set(['windows-1252', 'cp1252', 'x-cp1252', 'latin1', 'l1', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'iso-ir-100', 'ibm819', 'cp819', 'csisolatin1', 'us-ascii', 'ascii', 'ansi_x3.4-1968']);

/** windows-1252 code points for bytes 0x80–0x9F (0 where the byte is undefined). */
const CP1252_HIGH = [
  0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0, 0x017d, 0,
  0, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
];

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const codes = Array.from(bytes.subarray(i, i + 8192), (b) => (b >= 0x80 && b < 0xa0 ? CP1252_HIGH[b - 0x80] || b : b));
    out += String.fromCharCode(...codes);
  }
  return out;
}

function decode(bytes: Uint8Array, input: string, charset: string | undefined): string {
  if (charset && WINDOWS_1252.has(charset)) return decodeWindows1252(bytes);
  if (charset && charset !== 'utf-8' && charset !== 'utf8') {
    let decoder: TextDecoder | undefined;
    try {
      decoder = new TextDecoder(charset, { fatal: true });
    } catch {
      decoder = undefined; // unknown label: fall back to strict UTF-8 below
    }
    if (decoder) {
      try {
        return decoder.decode(bytes);
      } catch {
        throw new DossierError('INPUT_ENCODING', `${input}: bytes are not valid ${charset}, the declared charset`, { input });
      }
    }
  }
  return decodeUtf8(bytes, input);
}

function withSource(parts: DocumentParts, source: string | undefined): DocumentParts {
  if (source && !parts.source) parts.source = source;
  return parts;
}

/** One sentence per line, tokens separated by spaces, a blank line between documents; each
 *  document's text is kept exactly (it is evaluated against treebanks). */
export function readPretokenized(text: string, input: string, defaultPublishedAt?: string, source?: string): Array<IngestedDocument | IngestError> {
  const out: Array<IngestedDocument | IngestError> = [];
  const blocks = text.split(/\n[ \t]*\n/).map((b) => b.replace(/^\n+|\n+$/g, '')).filter((b) => b.trim() !== '');
  blocks.forEach((block, i) => {
    const name = blocks.length > 1 ? `${input}#${i + 1}` : input;
    try {
      out.push(buildDocument(withSource({ text: block, format: 'pretokenized' }, source), name, defaultPublishedAt));
    } catch (err) {
      out.push(toIngestError(name, err));
    }
  });
  return out;
}
