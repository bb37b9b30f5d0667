/**
 * @module ingest/html
 * HTML to analysable text. Whole pages go through Readability (over a linkedom DOM) to keep the
 * article and drop navigation, sidebars, banners and comments; fragments (feed item content,
 * JSON Lines `html`) are only stripped. Either way block elements become paragraphs separated
 * by a blank line, so sentence splitting sees the same breaks a reader does.
 */

import { metaMap, readPublishedAt, readTitle } from './html-meta.ts';
import { lazyModule } from '../lazy-module.ts';

// loaded when the first page is parsed: most runs read text (see lazy-module.ts)
const linkedom = lazyModule<typeof import('linkedom')>('linkedom');
const readability = lazyModule<typeof import('@mozilla/readability')>('@mozilla/readability');

export interface HtmlExtract {
  text: string;
  title?: string;
  publishedAt?: string;
}

/** Elements whose content is never article text. */
const NEVER_TEXT = 'script, style, noscript, template, iframe, object, embed, svg, canvas, form, button, select, input, textarea';

/** Page furniture removed before Readability scores the page; Readability's own heuristics miss
 *  cookie banners and comment threads that sit inside the main column. */
const BOILERPLATE = [
  'nav', 'aside', 'footer', 'dialog', '[role="navigation"]', '[role="complementary"]', '[role="contentinfo"]',
  '[role="dialog"]', '[role="alertdialog"]', '[aria-modal="true"]', '[hidden]',
].join(', ');

/** Class/id words that mark boilerplate containers. */
const BOILERPLATE_NAME = /(?:^|[\s_-])(?:cookies?|consent|gdpr|comments?|comment-list|disqus|newsletter|subscribe|share|sharing|social|related|recommended|promo|advert|ads?|sponsored|sidebar|popup|modal|breadcrumbs?|paywall|banner|skip-link)(?:$|[\s_-])/i;

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tr', 'ul',
]);

/** Main text, title and date of a whole page. */
export function extractHtmlPage(html: string, url?: string): HtmlExtract {
  const first = extractOnce(html, url, true);
  // If the furniture filter took everything (an odd layout named like boilerplate), the page
  // still has text: better some navigation than losing the article.
  return first.text.trim() === '' ? extractOnce(html, url, false) : first;
}

function extractOnce(html: string, url: string | undefined, dropBoilerplate: boolean): HtmlExtract {
  const { document } = linkedom().parseHTML(html);
  const doc = document as unknown as Document;
  const meta = metaMap(doc);
  const result: HtmlExtract = { text: '' };
  const title = readTitle(doc, meta);
  if (title) result.title = title;
  const publishedAt = readPublishedAt(doc, meta);
  if (publishedAt) result.publishedAt = publishedAt;

  removeAll(doc, NEVER_TEXT);
  if (dropBoilerplate) removeBoilerplate(doc);
  if (url) setBase(doc, url);
  // Readability works on (and mutates) the document; the fallback needs an untouched body.
  const fallback = blockText(doc.body ?? doc.documentElement);
  let text = '';
  try {
    const { Readability } = readability();
    const article = new Readability<Node>(doc, { serializer: (node: Node) => node }).parse();
    if (article?.content) text = blockText(article.content);
    if (!result.publishedAt && article?.publishedTime) result.publishedAt = article.publishedTime;
  } catch {
    text = ''; // Readability gives up on odd DOMs; the stripped body is still text
  }
  // A page too short for Readability's scoring (a brief, a press release) keeps its body text.
  result.text = text.trim() === '' ? fallback : text;
  return result;
}

/** Text of an HTML fragment: tags stripped, blocks become paragraphs. */
export function htmlFragmentToText(html: string): string {
  const { document } = linkedom().parseHTML(`<!doctype html><html><head></head><body>${html}</body></html>`);
  const doc = document as unknown as Document;
  removeAll(doc, NEVER_TEXT);
  const all = blockText(doc.body ?? doc.documentElement);
  // Feed content carries ads and share links too; but a fragment wrapped whole in a
  // boilerplate-named div must not vanish, so the unfiltered text is the fallback.
  removeBoilerplate(doc);
  const cleaned = blockText(doc.body ?? doc.documentElement);
  return cleaned.trim() === '' ? all : cleaned;
}

/** True when the markup is a whole page rather than a fragment. */
export function isWholePage(html: string): boolean {
  return /^\s*(?:<\?xml[^>]*>\s*)?(?:<!--[\s\S]*?-->\s*)*(?:<!doctype html|<html[\s>])/i.test(html)
    || /<body[\s>]/i.test(html.slice(0, 5000));
}

function removeAll(doc: Document, selector: string): void {
  for (const el of Array.from(doc.querySelectorAll(selector))) el.remove();
}

function removeBoilerplate(doc: Document): void {
  removeAll(doc, BOILERPLATE);
  const pageText = textLength(doc.body ?? doc.documentElement);
  for (const el of Array.from(doc.querySelectorAll('[class], [id]'))) {
    if (el.tagName === 'BODY' || el.tagName === 'HTML' || el.tagName === 'ARTICLE' || el.tagName === 'MAIN') continue;
    if (!doc.contains(el)) continue; // inside something already removed
    const names = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''}`;
    if (BOILERPLATE_NAME.test(names) && !holdsArticle(el, pageText)) el.remove();
  }
}

/** A wrapper named like boilerplate ("layout-with-sidebar") may still hold the article: it
 *  does if it contains the article element or most of the page's text. */
function holdsArticle(el: Element, pageText: number): boolean {
  if (el.querySelector('article, main, [itemprop="articleBody"]') !== null) return true;
  return pageText > 0 && textLength(el) > pageText / 2;
}

function textLength(node: Node | null): number {
  return (node?.textContent ?? '').replace(/\s+/g, ' ').length;
}

function setBase(doc: Document, url: string): void {
  const head = doc.querySelector('head');
  if (head && !doc.querySelector('base')) {
    const base = doc.createElement('base');
    base.setAttribute('href', url);
    head.appendChild(base);
  }
}

/** Paragraphs of a subtree: whitespace collapsed inside blocks, blocks joined by a blank line. */
export function blockText(root: Node | null): string {
  if (!root) return '';
  const blocks: string[] = [];
  let line = '';
  const flush = (): void => {
    // Old templates separate paragraphs with <br><br> instead of <p>: a blank line made of
    // breaks is a paragraph break too.
    for (const part of line.split(/\n[ \t\u00a0]*\n/)) {
      const cleaned = part.split('\n').map((l) => l.replace(/[\s\u00a0]+/g, ' ').trim()).filter((l) => l !== '').join('\n');
      if (cleaned) blocks.push(cleaned);
    }
    line = '';
  };
  const walk = (node: Node): void => {
    if (node.nodeType === 3) {
      line += (node.nodeValue ?? '').replace(/\n/g, ' ');
      return;
    }
    if (node.nodeType !== 1 && node.nodeType !== 9 && node.nodeType !== 11) return;
    const tag = node.nodeType === 1 ? (node as Element).tagName.toLowerCase() : '';
    if (tag === 'br') {
      line += '\n';
      return;
    }
    const block = BLOCK.has(tag);
    if (block) flush();
    for (const child of Array.from(node.childNodes)) walk(child);
    if (tag === 'td' || tag === 'th') line += ' ';
    if (block) flush();
  };
  walk(root);
  flush();
  return blocks.join('\n\n');
}
