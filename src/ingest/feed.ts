/**
 * @module ingest/feed
 * RSS (0.9x, 1.0/RDF, 2.0) and Atom feeds via @rowanmanning/feed-parser: one document per item,
 * its text from the full content when the feed carries it, else the description/summary, with
 * the markup stripped through the HTML path. The item link becomes the source, the item date
 * the publication date (with the feed's UTC offset kept).
 */

import { parseFeed } from '@rowanmanning/feed-parser';
import { DossierError } from '../errors.ts';
import { normaliseDate } from './dates.ts';
import { extractHtmlPage, htmlFragmentToText, isWholePage } from './html.ts';
import { buildDocument } from './text.ts';
import { toIngestError, type IngestError, type IngestedDocument } from './types.ts';

type Feed = ReturnType<typeof parseFeed>;
type FeedItem = Feed['items'][number];

/**
 * Documents of a feed, one per item, in feed order. An item without text becomes an error
 * named `input#n` (n counts items from 1); a document that is not a feed throws INPUT_FORMAT.
 */
export function readFeed(xml: string, input: string, defaultPublishedAt?: string, fallbackSource?: string): Array<IngestedDocument | IngestError> {
  let feed: Feed;
  try {
    feed = parseFeed(xml);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    throw new DossierError('INPUT_FORMAT', `${input}: not an RSS or Atom feed (${detail}); expected <rss>, <rdf:RDF> or <feed> XML`, { input });
  }
  const format = feed.meta.type === 'atom' ? 'atom' : 'rss';
  const items = feed.items;
  if (items.length === 0) {
    throw new DossierError('INPUT_EMPTY', `${input}: the ${format === 'atom' ? 'Atom' : 'RSS'} feed has no items`, { input });
  }
  return items.map((item, i) => {
    const name = `${input}#${i + 1}`;
    try {
      const markup = item.content ?? item.description ?? '';
      const text = isWholePage(markup) ? extractHtmlPage(markup, item.url ?? undefined).text : htmlFragmentToText(markup);
      const parts: Parameters<typeof buildDocument>[0] = { text, format };
      if (item.title) parts.title = item.title;
      const source = item.url ?? fallbackSource;
      if (source) parts.source = source;
      const publishedAt = itemDate(item, format);
      if (publishedAt) parts.publishedAt = publishedAt;
      return buildDocument(parts, name, defaultPublishedAt);
    } catch (err) {
      return toIngestError(name, err);
    }
  });
}

/** The item's own date string when it parses (keeps the offset), else the parser's Date in UTC. */
function itemDate(item: FeedItem, format: 'rss' | 'atom'): string | undefined {
  const names = format === 'atom' ? ['published', 'issued', 'updated', 'modified'] : ['pubdate', 'date', 'published', 'updated'];
  for (const name of names) {
    const raw = item.element.findElementWithName(name)?.textContent;
    const iso = raw ? normaliseDate(raw) : undefined;
    if (iso) return iso;
  }
  const date = item.published ?? item.updated;
  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}
