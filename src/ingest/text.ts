/**
 * @module ingest/text
 * Bytes to text and text to document: strict UTF-8 decoding, line-ending normalisation, the
 * content-hash id, and the final checks every document goes through (not empty, date valid).
 */

import { createHash } from 'node:crypto';
import { DossierError } from '../errors.ts';
import { normaliseDate } from './dates.ts';
import type { DocumentFormat, IngestedDocument } from './types.ts';

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8 (a leading BOM is dropped). Invalid bytes are an INPUT_ENCODING error naming the
 * input and the byte offset of the first bad sequence, so the user can find it.
 */
export function decodeUtf8(bytes: Uint8Array, input: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    throw new DossierError(
      'INPUT_ENCODING',
      `${input}: not valid UTF-8 (first bad byte at offset ${at}); expected UTF-8 text — convert it first, e.g. iconv -f WINDOWS-1252 -t UTF-8`,
      { input },
    );
  }
}

/** Offset of the first byte that starts an invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (len === 0 || i + len > bytes.length) return i;
    try {
      utf8.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return bytes.length;
}

/** `\r\n` and lone `\r` become `\n`; nothing else in the text changes. */
export function normaliseNewlines(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/**
 * The content-hash id: `doc_` + the first 16 hex digits of SHA-256 over the text in NFC with
 * whitespace runs collapsed and ends trimmed, so the same report read from a file, a page or a
 * feed with different line wrapping gets the same id.
 */
export function contentId(text: string): string {
  const key = text.normalize('NFC').replace(/\s+/g, ' ').trim();
  return 'doc_' + createHash('sha256').update(key, 'utf8').digest('hex').slice(0, 16);
}

export interface DocumentParts {
  text: string;
  format: DocumentFormat;
  id?: string;
  title?: string;
  source?: string;
  publishedAt?: string;
}

/**
 * Builds the document, or throws INPUT_EMPTY when there is no text. A publication date that
 * cannot be read as a date is dropped (the default applies) rather than failing the document.
 */
export function buildDocument(parts: DocumentParts, input: string, defaultPublishedAt?: string): IngestedDocument {
  const text = normaliseNewlines(parts.text);
  if (text.trim() === '') {
    throw new DossierError('INPUT_EMPTY', `${input}: no text to analyse (empty or whitespace only after extraction)`, { input });
  }
  const doc: IngestedDocument = { id: parts.id ?? contentId(text), text, format: parts.format };
  const title = parts.title?.replace(/\s+/g, ' ').trim();
  if (title) doc.title = title;
  if (parts.source) doc.source = parts.source;
  const publishedAt = (parts.publishedAt && normaliseDate(parts.publishedAt)) || defaultPublishedAt;
  if (publishedAt) doc.publishedAt = publishedAt;
  return doc;
}
