/**
 * @module ingest/html-meta
 * Title and publication date of an HTML page from its metadata: Open Graph and article meta
 * tags, Dublin Core and other common names, schema.org JSON-LD, and `<time datetime>`.
 * Read before Readability runs, since Readability rewrites the document.
 */

import { normaliseDate } from './dates.ts';

/** Meta names (lower-cased `property`, `name` or `itemprop`) that carry the publication date,
 *  best first. */
const DATE_META = [
  'article:published_time', 'og:published_time', 'og:article:published_time', 'datepublished',
  'article.published', 'published_time', 'publishdate', 'publish_date', 'publish-date',
  'publication_date', 'pubdate', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date',
  'dcterms.created', 'date', 'sailthru.date', 'parsely-pub-date', 'citation_publication_date',
  'citation_date',
];

const TITLE_META = ['og:title', 'twitter:title', 'dc.title', 'title'];

/** Lower-cased meta key → first non-empty content. */
export function metaMap(document: Document): Map<string, string> {
  const map = new Map<string, string>();
  for (const el of Array.from(document.querySelectorAll('meta'))) {
    const key = (el.getAttribute('property') ?? el.getAttribute('name') ?? el.getAttribute('itemprop') ?? '').trim().toLowerCase();
    const content = el.getAttribute('content')?.trim();
    if (key && content && !map.has(key)) map.set(key, content);
  }
  return map;
}

export function readTitle(document: Document, meta: Map<string, string>): string | undefined {
  for (const key of TITLE_META) {
    const v = meta.get(key);
    if (v) return v;
  }
  const title = document.querySelector('title')?.textContent?.trim();
  if (title) return title;
  return document.querySelector('h1')?.textContent?.trim() || undefined;
}

/** The publication date as ISO 8601, or undefined when the page does not say. */
export function readPublishedAt(document: Document, meta: Map<string, string>): string | undefined {
  for (const key of DATE_META) {
    const v = meta.get(key);
    const iso = v === undefined ? undefined : normaliseDate(v);
    if (iso) return iso;
  }
  const fromJsonLd = jsonLdDate(document);
  if (fromJsonLd) return fromJsonLd;
  const times = [
    ...Array.from(document.querySelectorAll('time[pubdate], time[itemprop="datePublished"]')),
    ...Array.from(document.querySelectorAll('article time[datetime]')),
    ...Array.from(document.querySelectorAll('time[datetime]')),
  ];
  for (const t of times) {
    const iso = normaliseDate(t.getAttribute('datetime') ?? t.textContent ?? '');
    if (iso) return iso;
  }
  return undefined;
}

/** `datePublished` of the first JSON-LD object that has one (through `@graph` and arrays). */
function jsonLdDate(document: Document): string | undefined {
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]'))) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      continue; // broken JSON-LD is common; other sources may still say
    }
    const found = findKey(data, 'datePublished', 0);
    const iso = found === undefined ? undefined : normaliseDate(found);
    if (iso) return iso;
  }
  return undefined;
}

function findKey(value: unknown, key: string, depth: number): string | undefined {
  if (depth > 8 || value === null || typeof value !== 'object') return undefined;
  if (Array.isArray(value)) {
    for (const v of value) {
      const f = findKey(v, key, depth + 1);
      if (f) return f;
    }
    return undefined;
  }
  const record = value as Record<string, unknown>;
  const direct = record[key];
  if (typeof direct === 'string' && direct.trim()) return direct;
  for (const v of Object.values(record)) {
    const f = findKey(v, key, depth + 1);
    if (f) return f;
  }
  return undefined;
}
