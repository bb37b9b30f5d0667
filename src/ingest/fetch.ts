/**
 * @module ingest/fetch
 * Fetching http(s) URLs for ingest, defensively: one timeout over the whole fetch (redirects and
 * body included, via AbortController), a byte cap enforced while streaming (and on the
 * decompressed size), redirects followed by hand and capped, and every hop's host checked by the
 * SSRF guard — once up front on all its DNS addresses, and again inside the connection's own DNS
 * lookup so a name cannot resolve to a public address for the check and a private one for the
 * connection.
 */

import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { DossierError } from '../errors.ts';
import { blockedReason } from './netguard.ts';

export interface FetchOptions {
  allowPrivate?: boolean;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  /** Resolves a host name to all its addresses (default: the system resolver, `dns.lookup`).
   *  Used both for the up-front check and by the socket itself; tests inject one. */
  resolve?: Resolver;
}

export type Resolver = (hostname: string) => Promise<LookupAddress[]>;

/** The system resolver (hosts file, then DNS), all addresses. */
export const systemResolver: Resolver = (hostname) =>
  new Promise((resolve, reject) => {
    dnsLookup(hostname, { all: true }, (err, addresses) => (err ? reject(err) : resolve(addresses)));
  });

export interface Fetched {
  /** The URL the content finally came from, after redirects. */
  url: string;
  contentType?: string;
  bytes: Buffer;
}

export const DEFAULT_TIMEOUT_MS = 15_000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;

const USER_AGENT = 'Dossier/0.1 (+https://github.com/dossier; news analysis)';
const ACCEPT = 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/plain;q=0.8, */*;q=0.5';

/** Fetches a URL or throws INPUT_URL naming it and what went wrong. */
export async function fetchUrl(url: string, opts: FetchOptions = {}): Promise<Fetched> {
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = opts.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const allowPrivate = opts.allowPrivate ?? false;
  const resolver = opts.resolve ?? systemResolver;
  let current = parseHttpUrl(url, url);
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  try {
    for (let hop = 0; ; hop++) {
      // DNS lookups cannot be cancelled; racing them keeps the timeout a promise to the user.
      if (!allowPrivate) await untilAborted(checkHost(current, url, resolver), controller.signal);
      const res = await requestOnce(current, controller.signal, guardedLookup(resolver, allowPrivate), url);
      const status = res.statusCode ?? 0;
      if (status >= 300 && status < 400 && res.headers.location) {
        res.resume();
        if (hop >= maxRedirects) {
          throw urlError(url, `too many redirects (more than ${maxRedirects}); last one to ${res.headers.location}`);
        }
        current = parseHttpUrl(new URL(res.headers.location, current).href, url);
        continue;
      }
      if (status < 200 || status >= 300) {
        res.resume();
        throw urlError(url, `the server answered HTTP ${status}${res.statusMessage ? ` ${res.statusMessage}` : ''} for ${current.href}; expected 200`);
      }
      const declared = Number(res.headers['content-length']);
      if (Number.isFinite(declared) && declared > maxBytes) {
        res.destroy();
        throw urlError(url, `the document is ${declared} bytes, over the ${maxBytes}-byte limit (maxBytes)`);
      }
      const bytes = await readCapped(res, maxBytes, url);
      const fetched: Fetched = { url: current.href, bytes };
      const contentType = res.headers['content-type'];
      if (contentType) fetched.contentType = contentType;
      return fetched;
    }
  } catch (err) {
    if (controller.signal.aborted) {
      throw urlError(url, `timed out after ${timeoutMs} ms (timeoutMs)`);
    }
    if (err instanceof DossierError) throw err;
    const detail = err instanceof Error ? err.message : String(err);
    throw urlError(url, `could not fetch: ${detail}`);
  } finally {
    clearTimeout(timer);
  }
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function urlError(url: string, what: string): DossierError {
  return new DossierError('INPUT_URL', `${url}: ${what}`, { input: url });
}

function parseHttpUrl(href: string, input: string): URL {
  let u: URL;
  try {
    u = new URL(href);
  } catch {
    throw urlError(input, `not a valid URL: ${href}`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') {
    throw urlError(input, `the scheme ${u.protocol} is refused; only http: and https: URLs are fetched (${href})`);
  }
  return u;
}

/** Hostname without IPv6 brackets. */
function bareHost(u: URL): string {
  return u.hostname.replace(/^\[|\]$/g, '');
}

/** Refuses the hop when its host is, or resolves to any, non-public address. */
async function checkHost(u: URL, input: string, resolver: Resolver): Promise<void> {
  const host = bareHost(u);
  if (isIP(host)) {
    const reason = blockedReason(host);
    if (reason) throw urlError(input, refusal(host, host, reason));
    return;
  }
  let addresses: LookupAddress[];
  try {
    addresses = await resolver(host);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'lookup failed';
    throw urlError(input, `cannot resolve host ${host} (${code})`);
  }
  for (const a of addresses) {
    const reason = blockedReason(a.address);
    if (reason) throw urlError(input, refusal(host, a.address, reason));
  }
}

function refusal(host: string, address: string, reason: string): string {
  const where = host === address ? address : `${host} (${address})`;
  return `refused: ${where} is a ${reason} address; only public addresses are fetched unless private ones are allowed (allowPrivate / --allow-private)`;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

type Lookup = (hostname: string, options: LookupOptions, callback: LookupCallback) => void;

/** The DNS lookup the socket uses: same resolver, same guard, so the checked address is the
 *  one connected to (no window for DNS rebinding between check and connect). */
function guardedLookup(resolver: Resolver, allowPrivate: boolean): Lookup {
  return (hostname, options, callback) => {
    resolver(hostname).then((all) => {
      const addresses = options.family === 4 || options.family === 6 ? all.filter((a) => a.family === options.family) : all;
      if (!allowPrivate) {
        for (const a of addresses) {
          const reason = blockedReason(a.address);
          if (reason) {
            const e: NodeJS.ErrnoException = new Error(refusal(hostname, a.address, reason));
            e.code = 'EDOSSIERPRIVATE';
            return callback(e, []);
          }
        }
      }
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(Object.assign(new Error(`no address for ${hostname}`), { code: 'ENOTFOUND' }), []);
      callback(null, first.address, first.family);
    }, (err: NodeJS.ErrnoException) => callback(err, []));
  };
}

function requestOnce(u: URL, signal: AbortSignal, lookup: Lookup, input: string): Promise<IncomingMessage> {
  const request = u.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(u, {
      method: 'GET',
      signal,
      agent: false,
      lookup,
      headers: { 'user-agent': USER_AGENT, accept: ACCEPT, 'accept-encoding': 'gzip, deflate, br' },
    });
    req.on('response', resolve);
    req.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EDOSSIERPRIVATE') reject(urlError(input, err.message));
      else reject(err);
    });
    req.end();
  });
}

/** Body bytes, decompressed, aborting as soon as either the wire or the decoded size passes the cap. */
async function readCapped(res: IncomingMessage, maxBytes: number, input: string): Promise<Buffer> {
  const encoding = String(res.headers['content-encoding'] ?? '').trim().toLowerCase();
  let stream: Readable = res;
  let wire = 0;
  const tooBig = (): DossierError => urlError(input, `the document is larger than the ${maxBytes}-byte limit (maxBytes); download stopped`);
  if (encoding === 'gzip' || encoding === 'x-gzip' || encoding === 'deflate' || encoding === 'br') {
    const decoder = encoding === 'br' ? createBrotliDecompress() : encoding === 'deflate' ? createInflate() : createGunzip();
    res.on('data', (chunk: Buffer) => {
      wire += chunk.length;
      if (wire > maxBytes) decoder.destroy(tooBig());
    });
    res.on('error', (err) => decoder.destroy(err));
    stream = res.pipe(decoder);
  } else if (encoding !== '' && encoding !== 'identity') {
    res.destroy();
    throw urlError(input, `unsupported content encoding "${encoding}"; expected gzip, deflate, br or none`);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of stream) {
      const buf = chunk as Buffer;
      size += buf.length;
      if (size > maxBytes) throw tooBig();
      chunks.push(buf);
    }
  } finally {
    if (!res.destroyed) res.destroy();
  }
  return Buffer.concat(chunks);
}
