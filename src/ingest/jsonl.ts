/**
 * @module ingest/jsonl
 * JSON Lines documents `{id?, title?, url?, publishedAt?, text|html}`, one per line (blank lines
 * skipped), and JSON files holding one such object or an array of them. Ids given by the input
 * are kept; `url` becomes the source. Each bad line is its own error named `file:line`, and the
 * other lines still come through.
 */

import { DossierError } from '../errors.ts';
import { extractHtmlPage, htmlFragmentToText, isWholePage } from './html.ts';
import { buildDocument, type DocumentParts } from './text.ts';
import { toIngestError, type IngestError, type IngestedDocument } from './types.ts';

const FIELDS = ['id', 'title', 'url', 'publishedAt', 'text', 'html'] as const;

/** Documents of a JSON Lines text (already decoded, `\n` line ends). */
export function readJsonLines(text: string, input: string, defaultPublishedAt?: string, fallbackSource?: string): Array<IngestedDocument | IngestError> {
  const out: Array<IngestedDocument | IngestError> = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (line === '') continue;
    out.push(lineToItem(line, `${input}:${i + 1}`, defaultPublishedAt, fallbackSource));
  }
  if (out.length === 0) {
    out.push({ input, code: 'INPUT_EMPTY', message: `${input}: no JSON lines (only blank lines)` });
  }
  return out;
}

/** One non-blank JSON line (named `file:line`) to a document, or the error for it. */
export function lineToItem(line: string, name: string, defaultPublishedAt?: string, fallbackSource?: string): IngestedDocument | IngestError {
  try {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      throw new DossierError('INPUT_JSON', `${name}: invalid JSON (${detail}); expected one JSON object per line`, { input: name });
    }
    return recordToDocument(value, name, defaultPublishedAt, fallbackSource);
  } catch (err) {
    return toIngestError(name, err);
  }
}

/** Documents of a JSON file: one document object, or an array of them (named `file[i]`). */
export function readJsonFile(text: string, input: string, defaultPublishedAt?: string, fallbackSource?: string): Array<IngestedDocument | IngestError> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new DossierError('INPUT_JSON', `${input}: invalid JSON (${detail}); expected a document object or an array of them`, { input });
  }
  if (!Array.isArray(value)) return [recordToDocument(value, input, defaultPublishedAt, fallbackSource)];
  if (value.length === 0) throw new DossierError('INPUT_EMPTY', `${input}: the JSON array holds no documents`, { input });
  return value.map((v: unknown, i) => {
    const name = `${input}[${i}]`;
    try {
      return recordToDocument(v, name, defaultPublishedAt, fallbackSource);
    } catch (err) {
      return toIngestError(name, err);
    }
  });
}

/** One `{id?, title?, url?, publishedAt?, text|html}` object to a document; throws INPUT_JSON
 *  naming the field when the shape is wrong. */
export function recordToDocument(value: unknown, name: string, defaultPublishedAt?: string, fallbackSource?: string): IngestedDocument {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw jsonError(name, `expected a JSON object {id?, title?, url?, publishedAt?, text|html}, got ${describe(value)}`);
  }
  const record = value as Record<string, unknown>;
  for (const field of FIELDS) {
    const v = record[field];
    if (v === undefined || v === null) continue;
    if (field === 'id' && typeof v === 'number' && Number.isFinite(v)) continue;
    if (typeof v !== 'string') throw jsonError(name, `field "${field}" must be a string, got ${describe(v)}`);
  }
  const text = record['text'];
  const html = record['html'];
  if (typeof text !== 'string' && typeof html !== 'string') {
    throw jsonError(name, 'missing field "text" (or "html"): each line needs the document text');
  }
  const parts: DocumentParts = { text: '', format: 'jsonl' };
  if (typeof text === 'string') {
    parts.text = text;
  } else if (typeof html === 'string') {
    if (isWholePage(html)) {
      const page = extractHtmlPage(html, typeof record['url'] === 'string' ? record['url'] : undefined);
      parts.text = page.text;
      if (page.title) parts.title = page.title;
      if (page.publishedAt) parts.publishedAt = page.publishedAt;
    } else {
      parts.text = htmlFragmentToText(html);
    }
  }
  const id = record['id'];
  if (typeof id === 'string' || typeof id === 'number') {
    const s = String(id).trim();
    if (s === '') throw jsonError(name, 'field "id" is empty; leave it out to get a content-hash id');
    parts.id = s;
  }
  if (typeof record['title'] === 'string') parts.title = record['title'];
  if (typeof record['url'] === 'string' && record['url'].trim()) parts.source = record['url'].trim();
  else if (fallbackSource) parts.source = fallbackSource;
  if (typeof record['publishedAt'] === 'string' && record['publishedAt'].trim()) parts.publishedAt = record['publishedAt'];
  return buildDocument(parts, name, defaultPublishedAt);
}

function jsonError(name: string, what: string): DossierError {
  return new DossierError('INPUT_JSON', `${name}: ${what}`, { input: name });
}

function describe(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
