/**
 * Specs for feeds: one document per RSS item / Atom entry, text from the content (markup
 * stripped), the item link as source, the item date (offset kept) as publication date.
 */

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { readFeed } from './feed.ts';
import { fixture } from './testing.ts';
import { isIngestError, type IngestedDocument } from './types.ts';

const docsOf = (items: ReturnType<typeof readFeed>): IngestedDocument[] => items.filter((i) => !isIngestError(i)) as IngestedDocument[];

describe('RSS 2.0', async () => {
  const items = readFeed(await readFile(fixture('feed.rss'), 'utf8'), 'feed.rss');
  const docs = docsOf(items);

  it('gives one document per item with text, and an INPUT_EMPTY error naming an item without text', () => {
    assert.equal(items.length, 3);
    assert.equal(docs.length, 2);
    const err = items[2]!;
    assert.ok(isIngestError(err));
    assert.equal(err.input, 'feed.rss#3');
    assert.equal(err.code, 'INPUT_EMPTY');
  });

  it('takes the item title, link and pubDate (offset kept)', () => {
    assert.equal(docs[0]!.title, 'Convoy reaches besieged town after three-day delay');
    assert.equal(docs[0]!.source, 'https://wire.example/2024/03/11/convoy-reaches-town');
    assert.equal(docs[0]!.publishedAt, '2024-03-11T16:40:00+03:00');
    assert.equal(docs[1]!.publishedAt, '2024-03-10T09:15:00Z');
    assert.ok(docs.every((d) => d.format === 'rss'));
  });

  it('strips the description markup into paragraphs', () => {
    assert.equal(docs[0]!.text, 'A convoy of twelve trucks carrying flour and medical supplies reached the town on Monday, the local council said.\n\nThe convoy had been held at a checkpoint since Friday, according to drivers who spoke to the agency.');
  });

  it('prefers content:encoded over the description, without its ad block', () => {
    assert.match(docs[1]!.text, /\n\nOpposition members said they would hold a protest/);
    assert.ok(!docs[1]!.text.includes('Advertisement'));
  });

  it('falls back to the default date, and to the given source, when items have none', () => {
    const xml = '<rss version="2.0"><channel><title>t</title><item><title>Undated</title><description>Talks ended without agreement.</description></item></channel></rss>';
    const [doc] = docsOf(readFeed(xml, 'x.rss', '2024-01-01', 'https://feeds.example/x.rss'));
    assert.equal(doc!.publishedAt, '2024-01-01');
    assert.equal(doc!.source, 'https://feeds.example/x.rss');
  });
});

describe('Atom', async () => {
  const docs = docsOf(readFeed(await readFile(fixture('feed.atom'), 'utf8'), 'feed.atom'));

  it('gives one document per entry with its title, link and date', () => {
    assert.equal(docs.length, 2);
    assert.ok(docs.every((d) => d.format === 'atom'));
    assert.equal(docs[0]!.title, 'Minister receives visiting envoy');
    assert.equal(docs[0]!.source, 'https://mfa.example/press/2024/02/21/envoy-visit');
  });

  it('uses <published>, else <updated>, as the publication date', () => {
    assert.equal(docs[0]!.publishedAt, '2024-02-21T10:00:00+01:00');
    assert.equal(docs[1]!.publishedAt, '2024-02-19T16:45:00Z');
  });

  it('reads escaped HTML content, else the summary', () => {
    assert.equal(docs[0]!.text, 'The Minister of Foreign Affairs received the visiting special envoy at the ministry on Wednesday to discuss regional security and the situation at the border.\n\nBoth sides stressed the importance of dialogue, the ministry said.');
    assert.match(docs[1]!.text, /^The ministry calls for the immediate release/);
  });
});

describe('not a feed', () => {
  it('throws INPUT_FORMAT naming the input', () => {
    assert.throws(() => readFeed('<?xml version="1.0"?><catalog/>', 'data.xml'), { code: 'INPUT_FORMAT', input: 'data.xml' });
  });

  it('a feed without items is INPUT_EMPTY', () => {
    assert.throws(() => readFeed('<rss version="2.0"><channel><title>Quiet</title></channel></rss>', 'quiet.rss'), { code: 'INPUT_EMPTY' });
  });
});
