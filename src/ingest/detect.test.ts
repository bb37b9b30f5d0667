/** Specs for format detection by extension, content type and content. */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { charsetOf, formatFromContentType, formatFromExtension, looksBinary, sniffFormat } from './detect.ts';

describe('formatFromExtension', () => {
  it('maps document extensions, case-insensitively', () => {
    assert.equal(formatFromExtension('a/b.TXT'), 'text');
    assert.equal(formatFromExtension('notes.md'), 'text');
    assert.equal(formatFromExtension('page.htm'), 'html');
    assert.equal(formatFromExtension('feed.atom'), 'feed');
    assert.equal(formatFromExtension('dump.ndjson'), 'jsonl');
    assert.equal(formatFromExtension('one.json'), 'json');
  });

  it('knows binary formats and says unknown for the rest', () => {
    assert.equal(formatFromExtension('report.pdf'), 'binary');
    assert.equal(formatFromExtension('scan.JPG'), 'binary');
    assert.equal(formatFromExtension('README'), 'unknown');
    assert.equal(formatFromExtension('data.csv'), 'unknown');
  });
});

describe('formatFromContentType', () => {
  it('maps HTTP content types, leaving generic XML to sniffing', () => {
    assert.equal(formatFromContentType('text/html; charset=utf-8'), 'html');
    assert.equal(formatFromContentType('application/rss+xml'), 'feed');
    assert.equal(formatFromContentType('application/atom+xml'), 'feed');
    assert.equal(formatFromContentType('text/plain'), 'text');
    assert.equal(formatFromContentType('application/xml'), undefined);
    assert.equal(formatFromContentType('application/pdf'), 'binary');
    assert.equal(formatFromContentType(undefined), undefined);
  });

  it('reads the charset parameter', () => {
    assert.equal(charsetOf('text/html; charset="ISO-8859-1"'), 'iso-8859-1');
    assert.equal(charsetOf('text/html'), undefined);
  });
});

describe('sniffFormat', () => {
  it('recognises HTML, feeds with or without an XML prolog, JSON lines and JSON', () => {
    assert.equal(sniffFormat('\uFEFF<!DOCTYPE html><html></html>'), 'html');
    assert.equal(sniffFormat('  <html lang="en"><body>'), 'html');
    assert.equal(sniffFormat('<?xml version="1.0"?>\n<!-- feed -->\n<rss version="2.0">'), 'feed');
    assert.equal(sniffFormat('<feed xmlns="http://www.w3.org/2005/Atom">'), 'feed');
    assert.equal(sniffFormat('{"text":"a"}\n{"text":"b"}\n'), 'jsonl');
    assert.equal(sniffFormat('{\n  "text": "a"\n}'), 'json');
    assert.equal(sniffFormat('[{"text":"a"}]'), 'json');
  });

  it('takes anything else as plain text, even text that mentions tags', () => {
    assert.equal(sniffFormat('The <html> tag was discussed.'), 'text');
    assert.equal(sniffFormat('{not json at all} said the report'), 'text');
  });
});

describe('looksBinary', () => {
  it('spots PDF, ZIP/Office and NUL bytes', () => {
    assert.ok(looksBinary(Buffer.from('%PDF-1.7\n')));
    assert.ok(looksBinary(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14])));
    assert.ok(looksBinary(Buffer.from([0x41, 0x00, 0x42])));
    assert.ok(!looksBinary(Buffer.from('Plain report text.')));
  });
});
