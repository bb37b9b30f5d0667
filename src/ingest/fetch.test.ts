/**
 * Specs for URL inputs against a tiny HTTP server on 127.0.0.1 started here: loopback is refused
 * by default (before any request reaches the server) and allowed with allowPrivate, and then the
 * timeout, byte cap, redirect cap, status and content-type handling apply. Nothing outside the
 * loopback interface is contacted: host names go through a fake resolver.
 */

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { gzipSync } from 'node:zlib';
import { fetchUrl, type Resolver } from './fetch.ts';
import { readInputs } from './index.ts';
import { collect, fixture } from './testing.ts';

let server: Server;
let base: string;
const hits: string[] = [];

before(async () => {
  const article = await readFile(fixture('article.html'));
  const feed = await readFile(fixture('feed.rss'));
  server = createServer((req, res) => {
    const url = req.url ?? '/';
    hits.push(url);
    const redirect = /^\/redirect\/(\d+)$/.exec(url);
    if (url === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article);
    } else if (url === '/feed') {
      res.writeHead(200, { 'content-type': 'application/rss+xml' }).end(feed);
    } else if (url === '/plain') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('The envoy arrived in the capital on Monday.');
    } else if (url === '/gzip') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(gzipSync('Compressed report about talks.'));
    } else if (url === '/latin1') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' }).end(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x2e]));
    } else if (url === '/cp1252') {
      const head = Buffer.from('<html><head><meta charset="windows-1252"><title>t</title></head><body><p>The minister said ');
      res.writeHead(200, { 'content-type': 'text/html' }).end(Buffer.concat([head, Buffer.from([0x93]), Buffer.from('no'), Buffer.from([0x94]), Buffer.from('.</p></body></html>')]));
    } else if (url === '/news/2024/03/14/undated-story') {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html><head><title>Undated</title></head><body><p>The border crossing reopened on Thursday.</p></body></html>');
    } else if (url === '/pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' }).end('%PDF-1.7\n');
    } else if (url === '/big') {
      // no content-length: the cap must hold while streaming
      res.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(16 * 1024, 'a');
      let sent = 0;
      const pump = (): void => {
        while (sent < 2 * 1024 * 1024 && !res.destroyed) {
          sent += chunk.length;
          if (!res.write(chunk)) return void res.once('drain', pump);
        }
        res.end();
      };
      pump();
    } else if (url === '/big-declared') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': String(50_000_000) });
      res.write('x');
    } else if (url === '/gzip-bomb') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-encoding': 'gzip' }).end(gzipSync(Buffer.alloc(1024 * 1024, 'b')));
    } else if (url === '/hang') {
      // never answers
    } else if (redirect) {
      const n = Number(redirect[1]);
      res.writeHead(302, { location: n === 0 ? '/plain' : `/redirect/${n - 1}` }).end();
    } else if (url === '/loop') {
      res.writeHead(301, { location: '/loop' }).end();
    } else if (url === '/to-file') {
      res.writeHead(302, { location: 'file:///etc/passwd' }).end();
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not here');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => {
  server.closeAllConnections();
  server.close();
});

const open = { allowPrivate: true, timeoutMs: 2000 };

describe('SSRF guard', () => {
  it('refuses a loopback URL by default, before any request is made', async () => {
    const before = hits.length;
    const { docs, errors } = await collect(readInputs([`${base}/plain`]));
    assert.equal(docs.length, 0);
    assert.equal(errors[0]!.code, 'INPUT_URL');
    assert.equal(errors[0]!.input, `${base}/plain`);
    assert.match(errors[0]!.message, /refused: 127\.0\.0\.1 is a loopback .*allowPrivate/);
    assert.equal(hits.length, before, 'the server saw no request');
  });

  it('refuses loopback written as IPv6 and IPv4-mapped IPv6', async () => {
    const port = new URL(base).port;
    const { errors } = await collect(readInputs([`http://[::1]:${port}/plain`, `http://[::ffff:127.0.0.1]:${port}/plain`]));
    assert.deepEqual(errors.map((e) => e.code), ['INPUT_URL', 'INPUT_URL']);
    assert.match(errors[1]!.message, /loopback.*IPv4-mapped/);
  });

  it('refuses a host name that resolves to a private address', async () => {
    const resolve: Resolver = async () => [{ address: '10.1.2.3', family: 4 }];
    await assert.rejects(fetchUrl('http://intranet.example/', { resolve }), { code: 'INPUT_URL', message: /intranet\.example \(10\.1\.2\.3\) is a private/ });
  });

  it('refuses when any of the addresses of a host is private', async () => {
    const resolve: Resolver = async () => [{ address: '93.184.216.34', family: 4 }, { address: '::1', family: 6 }];
    await assert.rejects(fetchUrl('http://mixed.example/', { resolve }), { code: 'INPUT_URL', message: /loopback/ });
  });

  it('checks the address the socket connects to, so a re-resolving name cannot slip through', async () => {
    let calls = 0;
    const resolve: Resolver = async () => (++calls === 1 ? [{ address: '93.184.216.34', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]);
    const before = hits.length;
    await assert.rejects(fetchUrl(`http://rebind.example:${new URL(base).port}/plain`, { resolve, timeoutMs: 2000 }), { code: 'INPUT_URL', message: /loopback/ });
    assert.equal(calls, 2);
    assert.equal(hits.length, before);
  });

  it('times out while the host name is still being resolved', async () => {
    const resolve: Resolver = () => new Promise(() => {}); // a resolver that never answers
    const t0 = Date.now();
    await assert.rejects(fetchUrl('http://slow-dns.example/', { resolve, timeoutMs: 150 }), { code: 'INPUT_URL', message: /timed out after 150 ms/ });
    assert.ok(Date.now() - t0 < 1500);
  });

  it('refuses schemes other than http and https, also as a redirect target', async () => {
    await assert.rejects(fetchUrl('ftp://127.0.0.1/x'), { code: 'INPUT_URL', message: /scheme ftp: is refused/ });
    await assert.rejects(fetchUrl(`${base}/to-file`, open), { code: 'INPUT_URL', message: /scheme file: is refused/ });
  });
});

describe('fetching with allowPrivate', () => {
  it('reads an HTML page as HTML (by content type), with the URL as source', async () => {
    const { docs, errors } = await collect(readInputs([`${base}/article`], open));
    assert.deepEqual(errors, []);
    assert.equal(docs[0]!.format, 'html');
    assert.equal(docs[0]!.source, `${base}/article`);
    assert.equal(docs[0]!.title, 'Talks on border crossings resume in Amman');
    assert.match(docs[0]!.text, /^Delegations from the two governments/);
  });

  it('reads a feed URL as one document per item', async () => {
    const { docs } = await collect(readInputs([`${base}/feed`], open));
    assert.equal(docs.length, 2);
    assert.equal(docs[0]!.source, 'https://wire.example/2024/03/11/convoy-reaches-town');
  });

  it('follows redirects up to the cap and records the final URL', async () => {
    const { docs } = await collect(readInputs([`${base}/redirect/3`], open));
    assert.equal(docs[0]!.text, 'The envoy arrived in the capital on Monday.');
    assert.equal(docs[0]!.source, `${base}/plain`);
    const { errors } = await collect(readInputs([`${base}/redirect/3`], { ...open, maxRedirects: 2 }));
    assert.equal(errors[0]!.code, 'INPUT_URL');
    assert.match(errors[0]!.message, /too many redirects \(more than 2\)/);
  });

  it('stops a redirect loop', async () => {
    await assert.rejects(fetchUrl(`${base}/loop`, open), { code: 'INPUT_URL', message: /too many redirects \(more than 5\)/ });
  });

  it('enforces the byte cap while streaming, on the declared length and on decompressed size', async () => {
    await assert.rejects(fetchUrl(`${base}/big`, { ...open, maxBytes: 100_000 }), { code: 'INPUT_URL', message: /larger than the 100000-byte limit/ });
    await assert.rejects(fetchUrl(`${base}/big-declared`, { ...open, maxBytes: 100_000 }), { code: 'INPUT_URL', message: /50000000 bytes, over the 100000-byte limit/ });
    await assert.rejects(fetchUrl(`${base}/gzip-bomb`, { ...open, maxBytes: 100_000 }), { code: 'INPUT_URL', message: /limit/ });
  });

  it('times out against a server that never answers', async () => {
    const t0 = Date.now();
    const { errors } = await collect(readInputs([`${base}/hang`], { allowPrivate: true, timeoutMs: 200 }));
    assert.equal(errors[0]!.code, 'INPUT_URL');
    assert.match(errors[0]!.message, /timed out after 200 ms/);
    assert.ok(Date.now() - t0 < 1500, 'gave up promptly');
  });

  it('reports an HTTP error status', async () => {
    await assert.rejects(fetchUrl(`${base}/missing`, open), { code: 'INPUT_URL', message: /HTTP 404/ });
  });

  it('decompresses gzip and decodes a declared charset', async () => {
    const { docs } = await collect(readInputs([`${base}/gzip`, `${base}/latin1`], open));
    assert.deepEqual(docs.map((d) => d.text), ['Compressed report about talks.', 'Café.']);
  });

  it('decodes a page in the charset its markup declares when the server does not say', async () => {
    const { docs, errors } = await collect(readInputs([`${base}/cp1252`], open));
    assert.deepEqual(errors, []);
    assert.equal(docs[0]!.text, 'The minister said \u201cno\u201d.');
  });

  it('takes the date from the article path when the page metadata has none', async () => {
    const { docs } = await collect(readInputs([`${base}/news/2024/03/14/undated-story`], { ...open, publishedAt: '2000-01-01' }));
    assert.equal(docs[0]!.publishedAt, '2024-03-14');
  });

  it('refuses a content type it cannot read with INPUT_FORMAT', async () => {
    const { errors } = await collect(readInputs([`${base}/pdf`], open));
    assert.equal(errors[0]!.code, 'INPUT_FORMAT');
  });
});
