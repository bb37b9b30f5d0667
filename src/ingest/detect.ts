/**
 * @module ingest/detect
 * Which reader handles an input: by file extension, by HTTP content type, and by sniffing the
 * first bytes when neither says. Binary formats we cannot read (PDF, Office, images, archives)
 * are recognised so they fail with INPUT_FORMAT instead of being analysed as garbage text.
 */

import { extname } from 'node:path';

/** A reader: `json` is a JSON file holding one document object or an array of them. */
export type ReaderFormat = 'text' | 'html' | 'feed' | 'jsonl' | 'json' | 'pretokenized';

/** Extensions picked up when walking a folder, by reader. `.json` is left out on purpose:
 *  folders hold package.json, config and data files that are not documents. */
export const FOLDER_EXTENSIONS: Readonly<Record<string, ReaderFormat>> = {
  '.txt': 'text', '.text': 'text', '.md': 'text', '.markdown': 'text',
  '.html': 'html', '.htm': 'html', '.xhtml': 'html',
  '.xml': 'feed', '.rss': 'feed', '.atom': 'feed',
  '.jsonl': 'jsonl', '.ndjson': 'jsonl',
};

/** Extensions accepted when a file is named explicitly (folders skip `.json`). */
const FILE_EXTENSIONS: Readonly<Record<string, ReaderFormat>> = { ...FOLDER_EXTENSIONS, '.json': 'json' };

/** Formats that are surely not text documents. */
const BINARY_EXTENSIONS = new Set([
  '.pdf', '.doc', '.docx', '.odt', '.rtf', '.xls', '.xlsx', '.ppt', '.pptx', '.epub',
  '.png', '.jpg', '.jpeg', '.gif', '.webp', '.svg', '.ico', '.mp3', '.mp4', '.wav',
  '.zip', '.gz', '.tgz', '.bz2', '.xz', '.7z', '.rar', '.tar', '.exe', '.bin', '.so', '.dll',
]);

export type ExtensionVerdict = ReaderFormat | 'binary' | 'unknown';

export function formatFromExtension(path: string): ExtensionVerdict {
  const ext = extname(path).toLowerCase();
  if (ext === '') return 'unknown';
  if (BINARY_EXTENSIONS.has(ext)) return 'binary';
  return FILE_EXTENSIONS[ext] ?? 'unknown';
}

/** From an HTTP `Content-Type`; undefined when it does not say (then we sniff). */
export function formatFromContentType(contentType: string | undefined): ExtensionVerdict | undefined {
  if (!contentType) return undefined;
  const type = contentType.split(';')[0]!.trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'application/rss+xml' || type === 'application/atom+xml' || type === 'application/rdf+xml') return 'feed';
  if (type === 'application/x-ndjson' || type === 'application/jsonl' || type === 'application/x-jsonlines') return 'jsonl';
  if (type === 'application/json') return 'json';
  // Generic XML may be a feed or XHTML: let the content decide.
  if (type === 'text/xml' || type === 'application/xml') return undefined;
  if (type === 'text/plain' || type === 'text/markdown') return 'text';
  if (type.startsWith('text/')) return undefined;
  if (type === 'application/octet-stream') return undefined;
  return 'binary';
}

/** The `charset` parameter of a content type, lower-cased. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** Magic numbers of binary formats people try to ingest. */
export function looksBinary(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.subarray(0, 8)).toString('latin1');
  if (head.startsWith('%PDF') || head.startsWith('PK\x03\x04') || head.startsWith('\x89PNG')
    || head.startsWith('\xff\xd8\xff') || head.startsWith('GIF8') || head.startsWith('\x1f\x8b')
    || head.startsWith('\xd0\xcf\x11\xe0')) return true;
  // NUL bytes do not occur in UTF-8 text documents.
  return bytes.subarray(0, 4096).includes(0);
}

/** Guesses the reader from decoded text: markup first, then JSON lines, else plain text. */
export function sniffFormat(text: string): ReaderFormat {
  const head = text.slice(0, 2048).replace(/^\uFEFF/, '').trimStart();
  const lower = head.toLowerCase();
  const afterProlog = lower.replace(/^(?:<\?xml[^>]*>\s*|<!--[\s\S]*?-->\s*)+/, '');
  if (/^<(?:rss|feed|rdf:rdf)[\s>]/.test(afterProlog)) return 'feed';
  if (afterProlog.startsWith('<!doctype html') || /^<(?:html|head|body)[\s>]/.test(afterProlog)) return 'html';
  if (afterProlog.startsWith('<?xml-stylesheet') && /<(?:rss|feed)[\s>]/.test(lower)) return 'feed';
  if (head.startsWith('{')) {
    const firstLine = head.split('\n', 1)[0]!.trim();
    if (isJsonObject(firstLine)) return 'jsonl';
    if (isJsonObject(text.trim())) return 'json';
  }
  if (head.startsWith('[') && isJsonArray(text.trim())) return 'json';
  return 'text';
}

function isJsonObject(s: string): boolean {
  try {
    const v: unknown = JSON.parse(s);
    return typeof v === 'object' && v !== null && !Array.isArray(v);
  } catch {
    return false;
  }
}

function isJsonArray(s: string): boolean {
  try {
    return Array.isArray(JSON.parse(s));
  } catch {
    return false;
  }
}

/** The charset a page or feed declares in its own markup (`<meta charset>`, `<meta
 *  http-equiv>`, XML prolog `encoding`), read from the first 2 KB. */
export function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString('latin1');
  const m = /<\?xml[^>]*\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head) ?? /<meta[^>]*\bcharset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}
