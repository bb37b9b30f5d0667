/**
 * Specs for HTML extraction: a news page keeps its article paragraphs and loses navigation,
 * sidebar, cookie banner, share links and comments; title and date come from the metadata.
 */

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { describe, it } from 'node:test';
import { blockText, extractHtmlPage, htmlFragmentToText, isWholePage } from './html.ts';
import { fixture } from './testing.ts';

describe('extractHtmlPage on a news article page', async () => {
  const page = extractHtmlPage(await readFile(fixture('article.html'), 'utf8'));
  const paragraphs = page.text.split('\n\n');

  it('keeps every article paragraph, in order, one per blank-line-separated block', () => {
    assert.equal(paragraphs.length, 5);
    assert.match(paragraphs[0]!, /^Delegations from the two governments met in Amman on Thursday/);
    assert.match(paragraphs[1]!, /^A senior official familiar with the negotiations/);
    assert.match(paragraphs[2]!, /"not accept conditions imposed from outside"/);
    assert.match(paragraphs[3]!, /^Aid agencies have warned/);
    assert.match(paragraphs[4]!, /according to two diplomats briefed on the talks\.$/);
  });

  it('drops navigation, sidebar, cookie banner, share links, footer and comments', () => {
    for (const boilerplate of ['Middle East', 'Most read', 'cookies', 'Accept all', 'Share on', 'newsletter',
      'never work', 'reader_42', 'Comments (3)', 'All rights reserved', 'Privacy policy', 'dataLayer']) {
      assert.ok(!page.text.includes(boilerplate), `"${boilerplate}" should be gone`);
    }
  });

  it('collapses whitespace inside paragraphs', () => {
    assert.ok(paragraphs.every((p) => !/\s{2,}|\n/.test(p)));
  });

  it('reads the title from og:title (without the site name) and the date with its offset', () => {
    assert.equal(page.title, 'Talks on border crossings resume in Amman');
    assert.equal(page.publishedAt, '2024-03-14T09:30:00+02:00');
  });
});

describe('publication date sources', () => {
  const wrap = (head: string, body = '<p>Officials confirmed the meeting took place on Monday.</p>') =>
    `<!doctype html><html><head>${head}</head><body><article>${body}</article></body></html>`;

  it('reads meta name="date" and itemprop=datePublished', () => {
    assert.equal(extractHtmlPage(wrap('<meta name="date" content="2023-10-29">')).publishedAt, '2023-10-29');
    assert.equal(extractHtmlPage(wrap('<meta itemprop="datePublished" content="2023-10-29T07:00:00Z">')).publishedAt, '2023-10-29T07:00:00Z');
  });

  it('reads datePublished from JSON-LD, also inside @graph', () => {
    const ld = '<script type="application/ld+json">{"@graph":[{"@type":"WebPage"},{"@type":"NewsArticle","datePublished":"2023-10-28T22:15:00+03:00"}]}</script>';
    assert.equal(extractHtmlPage(wrap(ld)).publishedAt, '2023-10-28T22:15:00+03:00');
  });

  it('falls back to <time datetime> in the article', () => {
    const page = extractHtmlPage(wrap('', '<time datetime="2023-10-27">27 Oct</time><p>Officials confirmed the meeting took place on Monday.</p>'));
    assert.equal(page.publishedAt, '2023-10-27');
  });

  it('prefers article:published_time over other names and ignores unreadable values', () => {
    const head = '<meta name="date" content="yesterday"><meta property="article:published_time" content="2023-10-29T10:00:00+03:00">';
    assert.equal(extractHtmlPage(wrap(head)).publishedAt, '2023-10-29T10:00:00+03:00');
    assert.equal(extractHtmlPage(wrap('<meta name="date" content="soon">')).publishedAt, undefined);
  });

  it('takes <title> when there is no og:title', () => {
    assert.equal(extractHtmlPage(wrap('<title>Plain title</title>')).title, 'Plain title');
  });
});

describe('short pages and fragments', () => {
  it('keeps the body text of a page too short for Readability', () => {
    const page = extractHtmlPage('<html><body><nav>Home</nav><p>Short brief.</p></body></html>');
    assert.equal(page.text, 'Short brief.');
  });

  it('strips a fragment to paragraphs, keeping line breaks from <br>', () => {
    assert.equal(htmlFragmentToText('<p>One <b>bold</b> claim.</p><p>Line a<br>line b</p><script>x()</script>'), 'One bold claim.\n\nLine a\nline b');
  });

  it('takes <br><br> as a paragraph break, as old templates use it', () => {
    assert.equal(htmlFragmentToText('<div>First paragraph.<br><br>Second paragraph.<br>\n <br/>Third.</div>'), 'First paragraph.\n\nSecond paragraph.\n\nThird.');
  });

  it('keeps table cells apart on one line per row', () => {
    assert.equal(htmlFragmentToText('<table><tr><td>Kyiv</td><td>3</td></tr><tr><td>Lviv</td><td>1</td></tr></table>'), 'Kyiv 3\n\nLviv 1');
  });

  it('tells whole pages from fragments', () => {
    assert.ok(isWholePage('<!DOCTYPE html><html><body></body></html>'));
    assert.ok(isWholePage('  <html lang="en"><body><p>x</p></body></html>'));
    assert.ok(!isWholePage('<p>Only a paragraph</p>'));
  });

  it('blockText of nothing is empty', () => {
    assert.equal(blockText(null), '');
  });
});

describe('layouts named like boilerplate', () => {
  const story = '<p>Negotiators met again on Tuesday and agreed to extend the truce for another week, the mediators said in a statement.</p><p>The next round of talks is expected to take place in Doha.</p>';

  it('keep the article when its wrapper is named like a sidebar layout', () => {
    const page = extractHtmlPage(`<!doctype html><html><body><div class="layout-with-sidebar"><div class="story">${story}</div><div class="sidebar">Most read: ten recipes</div></div></body></html>`);
    assert.match(page.text, /^Negotiators met again on Tuesday/);
    assert.ok(!page.text.includes('recipes'));
  });

  it('never lose all the text to the furniture filter', () => {
    const page = extractHtmlPage(`<!doctype html><html><body><div class="share">${story}</div></body></html>`);
    assert.match(page.text, /Negotiators met again/);
  });
});
