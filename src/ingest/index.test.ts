/**
 * Specs for `readInputs`: every input kind (file formats, folders, standard input), ids, and
 * the per-input errors, which must name the input and never stop the rest of a batch.
 */

import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { contentId, isIngestError, readInputs, STDIN_NAME } from './index.ts';
import { collect, fixture } from './testing.ts';

let tmp: string;
before(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'dossier-ingest-'));
});
after(async () => {
  await rm(tmp, { recursive: true, force: true });
});

const stdinOf = (text: string | Buffer): NodeJS.ReadableStream => Readable.from([Buffer.from(text)]);

describe('plain text', () => {
  it('keeps the text, turning CRLF line ends into LF', async () => {
    const { docs, errors } = await collect(readInputs([fixture('folder/brief-2.txt')]));
    assert.deepEqual(errors, []);
    assert.equal(docs.length, 1);
    assert.equal(docs[0]!.format, 'text');
    assert.ok(!docs[0]!.text.includes('\r'));
    assert.match(docs[0]!.text, /within 48 hours\.\n\nObservers/);
    assert.equal(docs[0]!.source, fixture('folder/brief-2.txt'));
  });

  it('gives the publishedAt option to documents without a date, normalised', async () => {
    const { docs } = await collect(readInputs([fixture('folder/brief-1.txt')], { publishedAt: '2024-06-04' }));
    assert.equal(docs[0]!.publishedAt, '2024-06-04');
  });

  it('does not let the publishedAt option override a date the document carries', async () => {
    const { docs } = await collect(readInputs([fixture('article.html')], { publishedAt: '2000-01-01' }));
    assert.equal(docs[0]!.publishedAt, '2024-03-14T09:30:00+02:00');
  });

  it('reads an extension-less file by sniffing its content', async () => {
    const path = join(tmp, 'REPORT');
    await writeFile(path, '<!DOCTYPE html><html><head><title>Sniffed</title></head><body><p>Officials said the bridge reopened on Friday after repairs.</p></body></html>');
    const { docs } = await collect(readInputs([path]));
    assert.equal(docs[0]!.format, 'html');
    assert.equal(docs[0]!.title, 'Sniffed');
    assert.equal(docs[0]!.text, 'Officials said the bridge reopened on Friday after repairs.');
  });

  it('honours a forced format over the extension', async () => {
    const { docs } = await collect(readInputs([fixture('folder/sub/statement.html')], { format: 'text' }));
    assert.equal(docs[0]!.format, 'text');
    assert.match(docs[0]!.text, /^<!doctype html>/);
  });
});

describe('ids', () => {
  it('are doc_ + 16 hex digits of the content hash', async () => {
    const { docs } = await collect(readInputs([fixture('folder/brief-1.txt')]));
    assert.match(docs[0]!.id, /^doc_[0-9a-f]{16}$/);
    assert.equal(docs[0]!.id, contentId(docs[0]!.text));
  });

  it('are the same when the same content is ingested twice, from different files and ways', async () => {
    const text = 'Protesters gathered outside the ministry on Sunday.\n\nPolice dispersed them.';
    const a = join(tmp, 'same-a.txt');
    const b = join(tmp, 'same-b.txt');
    await writeFile(a, text);
    await writeFile(b, text.replace(/\n/g, '\r\n'));
    const { docs } = await collect(readInputs([a, b, a, '-'], { stdin: stdinOf(text) }));
    assert.equal(docs.length, 4);
    assert.equal(new Set(docs.map((d) => d.id)).size, 1);
  });

  it('differ when the content differs', () => {
    assert.notEqual(contentId('Talks resumed on Monday.'), contentId('Talks resumed on Tuesday.'));
  });
});

describe('JSON Lines', () => {
  it('keeps the ids, titles, dates and urls the lines give, and reads html items', async () => {
    const { docs, errors } = await collect(readInputs([fixture('docs.jsonl')]));
    assert.deepEqual(errors, []);
    assert.deepEqual(docs.map((d) => d.id).slice(0, 2), ['wire-001', 'wire-002']);
    assert.equal(docs[0]!.source, 'https://news.example/ceasefire-holds');
    assert.equal(docs[0]!.publishedAt, '2024-05-02');
    assert.equal(docs[1]!.text, 'Parliament on Friday began debating an emergency law that would extend the powers of the security services.\n\nOpposition deputies walked out of the session in protest.');
    assert.equal(docs[1]!.publishedAt, '2024-05-03T14:00:00Z');
    assert.match(docs[2]!.id, /^doc_[0-9a-f]{16}$/, 'a line without id gets the content hash');
    assert.ok(docs.every((d) => d.format === 'jsonl'));
  });

  it('reports each bad line with its line number and still yields the good lines', async () => {
    const { docs, errors } = await collect(readInputs([fixture('bad.jsonl')]));
    assert.deepEqual(docs.map((d) => d.id), ['ok-1', '42']);
    const byLine = Object.fromEntries(errors.map((e) => [e.input.slice(e.input.lastIndexOf(':') + 1), e]));
    assert.deepEqual(Object.keys(byLine).sort(), ['3', '4', '6', '7']);
    for (const e of errors) assert.equal(e.code, 'INPUT_JSON');
    assert.equal(byLine['3']!.input, `${fixture('bad.jsonl')}:3`);
    assert.match(byLine['3']!.message, /:3: invalid JSON/);
    assert.match(byLine['4']!.message, /missing field "text" \(or "html"\)/);
    assert.match(byLine['6']!.message, /expected a JSON object/);
    assert.match(byLine['7']!.message, /field "title" must be a string/);
  });

  it('is streamed line by line: a bad byte costs only its line, reported with the line number', async () => {
    const path = join(tmp, 'mixed.jsonl');
    await writeFile(path, Buffer.concat([
      Buffer.from('{"id":"a","text":"First."}\n{"id":"b","text":"Caf'), Buffer.from([0xe9]), Buffer.from('"}\r\n{"id":"c","text":"Third."}'),
    ]));
    const { docs, errors } = await collect(readInputs([path]));
    assert.deepEqual(docs.map((d) => d.id), ['a', 'c']);
    assert.deepEqual(errors.map((e) => [e.input, e.code]), [[`${path}:2`, 'INPUT_ENCODING']]);
  });

  it('survives chunks that split lines and multi-byte characters', async () => {
    const bytes = Buffer.from('{"id":"x","text":"Déjà vu in Zürich."}\n\n{"id":"y","text":"Second — line."}\n');
    const chunks = [bytes.subarray(0, 20), bytes.subarray(20, 21), bytes.subarray(21, 45), bytes.subarray(45)];
    const { docs, errors } = await collect(readInputs(['-'], { format: 'jsonl', stdin: Readable.from(chunks) }));
    assert.deepEqual(errors, []);
    assert.deepEqual(docs.map((d) => d.text), ['Déjà vu in Zürich.', 'Second — line.']);
  });

  it('an empty JSON Lines file is INPUT_EMPTY', async () => {
    const path = join(tmp, 'empty.jsonl');
    await writeFile(path, '\n\n');
    const { errors } = await collect(readInputs([path]));
    assert.deepEqual(errors.map((e) => [e.input, e.code]), [[path, 'INPUT_EMPTY']]);
  });

  it('is read from standard input when forced with format jsonl', async () => {
    const lines = '{"id":"a","text":"First report."}\n{"id":"b","text":"Second report."}\n';
    const { docs } = await collect(readInputs(['-'], { format: 'jsonl', stdin: stdinOf(lines) }));
    assert.deepEqual(docs.map((d) => [d.id, d.text]), [['a', 'First report.'], ['b', 'Second report.']]);
  });
});

describe('JSON files', () => {
  it('read one document object, or an array of them with errors named by index', async () => {
    const one = join(tmp, 'one.json');
    const many = join(tmp, 'many.json');
    await writeFile(one, JSON.stringify({ id: 'solo', text: 'A single report.' }, null, 2));
    await writeFile(many, JSON.stringify([{ text: 'First of two.' }, { title: 'no body' }]));
    const { docs, errors } = await collect(readInputs([one, many]));
    assert.deepEqual(docs.map((d) => d.id === 'solo' ? 'solo' : d.text), ['solo', 'First of two.']);
    assert.deepEqual(errors.map((e) => [e.input, e.code]), [[`${many}[1]`, 'INPUT_JSON']]);
  });

  it('are not picked up when walking a folder unless asked', async () => {
    const dir = join(tmp, 'with-json');
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, 'package.json'), '{"name":"x"}');
    await writeFile(join(dir, 'report.txt'), 'Only this is a document.');
    const { docs, errors } = await collect(readInputs([dir]));
    assert.deepEqual([docs.length, errors.length], [1, 0]);
  });
});

describe('standard input', () => {
  it('reads "-" as plain text by default and names it <stdin> in errors', async () => {
    const { docs } = await collect(readInputs(['-'], { stdin: stdinOf('Troops withdrew from the town on Monday.\n') }));
    assert.equal(docs[0]!.text, 'Troops withdrew from the town on Monday.\n');
    assert.equal(docs[0]!.format, 'text');
    const { errors } = await collect(readInputs(['-'], { stdin: stdinOf('  \n') }));
    assert.equal(errors[0]!.input, STDIN_NAME);
    assert.equal(errors[0]!.code, 'INPUT_EMPTY');
  });

  it('detects an RSS feed piped in', async () => {
    const { readFile } = await import('node:fs/promises');
    const { docs } = await collect(readInputs(['-'], { stdin: stdinOf(await readFile(fixture('feed.rss'))) }));
    assert.equal(docs.length, 2);
    assert.ok(docs.every((d) => d.format === 'rss'));
  });

  it('splits pretokenized input into documents at blank lines, keeping lines exactly', async () => {
    const input = 'The talks ended .\nNo deal was reached .\n\nA second document .\n';
    const { docs } = await collect(readInputs(['-'], { format: 'pretokenized', stdin: stdinOf(input) }));
    assert.deepEqual(docs.map((d) => d.text), ['The talks ended .\nNo deal was reached .', 'A second document .']);
    assert.ok(docs.every((d) => d.format === 'pretokenized'));
  });
});

describe('folders', () => {
  it('are walked recursively in sorted order, by extension, skipping other file types', async () => {
    const { docs, errors } = await collect(readInputs([fixture('folder')]));
    assert.deepEqual(errors, []);
    const rel = docs.map((d) => d.source!.slice(fixture('folder').length + 1));
    assert.deepEqual(rel, ['brief-1.txt', 'brief-2.txt', 'sub/deeper/notes.md', 'sub/statement.html']);
    const html = docs[3]!;
    assert.equal(html.format, 'html');
    assert.equal(html.title, 'Statement by the spokesperson');
    assert.equal(html.publishedAt, '2024-06-05');
    assert.ok(!html.text.includes('Home'), 'navigation dropped');
  });

  it('skip hidden files and node_modules, and follow a symbolic-link cycle only once', async () => {
    const dir = join(tmp, 'walk');
    await mkdir(join(dir, 'node_modules', 'pkg'), { recursive: true });
    await mkdir(join(dir, '.git'), { recursive: true });
    await mkdir(join(dir, 'a'), { recursive: true });
    await writeFile(join(dir, 'node_modules', 'pkg', 'README.txt'), 'A package readme.');
    await writeFile(join(dir, '.git', 'description.txt'), 'Unnamed repository.');
    await writeFile(join(dir, '.draft.txt'), 'Hidden draft.');
    await writeFile(join(dir, 'a', 'kept.txt'), 'The only document here.');
    await symlink(dir, join(dir, 'a', 'loop'));
    const { docs, errors } = await collect(readInputs([dir]));
    assert.deepEqual(errors, []);
    assert.deepEqual(docs.map((d) => d.text), ['The only document here.']);
  });

  it('pick the extensions given in the options', async () => {
    const { docs } = await collect(readInputs([fixture('folder')], { extensions: ['md'] }));
    assert.deepEqual(docs.map((d) => d.format), ['text']);
    assert.match(docs[0]!.text, /^# Field notes/);
  });

  it('with nothing to ingest are INPUT_NOTHING naming the folder and what was looked for', async () => {
    const { docs, errors } = await collect(readInputs([fixture('nothing')]));
    assert.equal(docs.length, 0);
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.code, 'INPUT_NOTHING');
    assert.equal(errors[0]!.input, fixture('nothing'));
    assert.match(errors[0]!.message, /nothing|no file to ingest/);
    assert.match(errors[0]!.message, /\.txt/);
  });
});

describe('errors', () => {
  it('a missing file is INPUT_UNREADABLE and the next input is still read', async () => {
    const missing = join(tmp, 'does-not-exist.txt');
    const { all } = await collect(readInputs([missing, fixture('folder/brief-1.txt')]));
    assert.equal(all.length, 2);
    const [err, doc] = all;
    assert.ok(err && isIngestError(err));
    assert.equal(err.code, 'INPUT_UNREADABLE');
    assert.equal(err.input, missing);
    assert.match(err.message, /no such file or folder/);
    assert.ok(doc && !isIngestError(doc));
  });

  it('a file that cannot be opened is INPUT_UNREADABLE', async () => {
    // root reads any file whatever its mode, so use a link whose target is gone
    const dangling = join(tmp, 'dangling.txt');
    await symlink(join(tmp, 'gone.txt'), dangling);
    const { errors } = await collect(readInputs([dangling]));
    assert.equal(errors[0]!.code, 'INPUT_UNREADABLE');
    assert.equal(errors[0]!.input, dangling);
  });

  it('non-UTF-8 bytes are INPUT_ENCODING naming the file and the offset', async () => {
    const path = join(tmp, 'latin1.txt');
    // "Café" in Latin-1: 0xE9 is not valid UTF-8 on its own
    await writeFile(path, Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x6f, 0x6b, 0x0a]));
    const { errors, docs } = await collect(readInputs([path]));
    assert.equal(docs.length, 0);
    assert.equal(errors[0]!.code, 'INPUT_ENCODING');
    assert.equal(errors[0]!.input, path);
    assert.match(errors[0]!.message, /latin1\.txt: not valid UTF-8 \(first bad byte at offset 3\)/);
  });

  it('an empty or whitespace-only file is INPUT_EMPTY', async () => {
    const empty = join(tmp, 'empty.txt');
    const blank = join(tmp, 'blank.md');
    await writeFile(empty, '');
    await writeFile(blank, ' \n\t\r\n');
    const { errors } = await collect(readInputs([empty, blank]));
    assert.deepEqual(errors.map((e) => [e.input, e.code]), [[empty, 'INPUT_EMPTY'], [blank, 'INPUT_EMPTY']]);
  });

  it('an HTML page with no text is INPUT_EMPTY', async () => {
    const path = join(tmp, 'shell.html');
    await writeFile(path, '<!doctype html><html><head><title>App</title><script>boot()</script></head><body><div id="root"></div></body></html>');
    const { errors } = await collect(readInputs([path]));
    assert.equal(errors[0]!.code, 'INPUT_EMPTY');
  });

  it('a binary or unsupported file is INPUT_FORMAT', async () => {
    const pdf = join(tmp, 'report.pdf');
    const blob = join(tmp, 'blob');
    const xml = join(tmp, 'data.xml');
    await writeFile(pdf, '%PDF-1.7\n%âãÏÓ\n1 0 obj\n');
    await writeFile(blob, Buffer.from([0x00, 0x01, 0x02, 0x41, 0x00, 0x42]));
    await writeFile(xml, '<?xml version="1.0"?><inventory><item>bolts</item></inventory>');
    const { errors, docs } = await collect(readInputs([pdf, blob, xml]));
    assert.equal(docs.length, 0);
    assert.deepEqual(errors.map((e) => [e.input, e.code]), [[pdf, 'INPUT_FORMAT'], [blob, 'INPUT_FORMAT'], [xml, 'INPUT_FORMAT']]);
    assert.match(errors[2]!.message, /not an RSS or Atom feed/);
  });

  it('a URL with another scheme is refused with INPUT_URL', async () => {
    const { errors } = await collect(readInputs(['file:///etc/passwd', 'ftp://example.org/report.txt']));
    assert.deepEqual(errors.map((e) => e.code), ['INPUT_URL', 'INPUT_URL']);
  });

  it('invalid options throw USAGE before reading anything', async () => {
    await assert.rejects(collect(readInputs(['x'], { publishedAt: 'last Tuesday' })), { code: 'USAGE' });
    await assert.rejects(collect(readInputs(['x'], { timeoutMs: 0 })), { code: 'USAGE' });
    // @ts-expect-error an unknown format is what is being tested
    await assert.rejects(collect(readInputs(['x'], { format: 'pdf' })), { code: 'USAGE' });
  });
});
