/**
 * @module ingest/netguard
 * The SSRF guard: which IP addresses a URL fetch may connect to. Loopback, private, link-local,
 * unique-local, CGNAT, "this network", multicast, reserved and documentation ranges are refused
 * for IPv4 and IPv6, and IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4)
 * are judged by the IPv4 address inside.
 */

import { isIP } from 'node:net';

/** [network, prefix length, reason] for IPv4. */
const V4_BLOCKED: Array<[string, number, string]> = [
  ['0.0.0.0', 8, '"this network" (0.0.0.0/8)'],
  ['10.0.0.0', 8, 'private (10.0.0.0/8)'],
  ['100.64.0.0', 10, 'carrier-grade NAT (100.64.0.0/10)'],
  ['127.0.0.0', 8, 'loopback (127.0.0.0/8)'],
  ['169.254.0.0', 16, 'link-local (169.254.0.0/16)'],
  ['172.16.0.0', 12, 'private (172.16.0.0/12)'],
  ['192.0.0.0', 24, 'IETF protocol assignments (192.0.0.0/24)'],
  ['192.0.2.0', 24, 'documentation (192.0.2.0/24)'],
  ['192.88.99.0', 24, '6to4 relay anycast (192.88.99.0/24)'],
  ['192.168.0.0', 16, 'private (192.168.0.0/16)'],
  ['198.18.0.0', 15, 'benchmarking (198.18.0.0/15)'],
  ['198.51.100.0', 24, 'documentation (198.51.100.0/24)'],
  ['203.0.113.0', 24, 'documentation (203.0.113.0/24)'],
  ['224.0.0.0', 4, 'multicast (224.0.0.0/4)'],
  ['240.0.0.0', 4, 'reserved (240.0.0.0/4, incl. broadcast)'],
];

/**
 * Why an address must not be contacted, or null when it is a public unicast address.
 * Accepts IPv4, IPv6 (with or without `[]` and a `%zone`).
 * @example blockedReason('::ffff:127.0.0.1') // 'loopback (127.0.0.0/8) via IPv4-mapped IPv6'
 */
export function blockedReason(address: string): string | null {
  const a = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  const v4 = parseIPv4(a);
  if (v4 !== null) return v4Reason(v4);
  const v6 = parseIPv6(a);
  if (v6 === null) return 'not an IP address';
  return v6Reason(v6);
}

function v4Reason(ip: number): string | null {
  for (const [net, bits, reason] of V4_BLOCKED) {
    if (inV4(ip, parseIPv4(net)!, bits)) return reason;
  }
  return null;
}

function inV4(ip: number, net: number, bits: number): boolean {
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return ((ip & mask) >>> 0) === ((net & mask) >>> 0);
}

/** Eight 16-bit groups. */
function v6Reason(g: number[]): string | null {
  const zeroUpTo = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  const embedded = (hi: number, lo: number): number => ((hi << 16) | lo) >>> 0;
  if (zeroUpTo(8)) return 'unspecified (::)';
  if (zeroUpTo(7) && g[7] === 1) return 'loopback (::1)';
  if (zeroUpTo(5) && g[5] === 0xffff) return via(v4Reason(embedded(g[6]!, g[7]!)), 'IPv4-mapped IPv6');
  if (zeroUpTo(6)) return via(v4Reason(embedded(g[6]!, g[7]!)), 'IPv4-compatible IPv6') ?? 'IPv4-compatible IPv6 (::/96, deprecated)';
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return via(v4Reason(embedded(g[6]!, g[7]!)), 'NAT64');
  if (g[0] === 0x64 && g[1] === 0xff9b && g[2] === 1) return 'NAT64 local-use (64:ff9b:1::/48)';
  if (g[0] === 0x100 && g.slice(1, 4).every((x) => x === 0)) return 'discard-only (100::/64)';
  if (g[0] === 0x2001 && g[1] === 0) return 'Teredo tunnel (2001::/32)';
  if (g[0] === 0x2001 && g[1] === 0xdb8) return 'documentation (2001:db8::/32)';
  if (g[0] === 0x2002) return via(v4Reason(embedded(g[1]!, g[2]!)), '6to4');
  const first = g[0]!;
  if ((first & 0xfe00) === 0xfc00) return 'unique-local (fc00::/7)';
  if ((first & 0xffc0) === 0xfe80) return 'link-local (fe80::/10)';
  if ((first & 0xffc0) === 0xfec0) return 'site-local (fec0::/10, deprecated)';
  if ((first & 0xff00) === 0xff00) return 'multicast (ff00::/8)';
  return null;
}

function via(reason: string | null, how: string): string | null {
  return reason === null ? null : `${reason} via ${how}`;
}

/** IPv4 dotted quad to a 32-bit number, or null. */
export function parseIPv4(s: string): number | null {
  if (isIP(s) !== 4) return null;
  return s.split('.').reduce((acc, part) => ((acc << 8) | Number(part)) >>> 0, 0);
}

/** IPv6 text to eight 16-bit groups, or null. Handles `::` and a trailing dotted IPv4. */
export function parseIPv6(s: string): number[] | null {
  if (isIP(s) !== 6) return null;
  let text = s.toLowerCase();
  const tail: number[] = [];
  const dotted = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (dotted) {
    const v4 = parseIPv4(dotted[1]!);
    if (v4 === null) return null;
    tail.push(v4 >>> 16, v4 & 0xffff);
    // What precedes the IPv4 part ends in ':' — drop it unless it is the '::' itself.
    text = text.slice(0, -dotted[1]!.length);
    if (!text.endsWith('::')) text = text.slice(0, -1);
  }
  const [headText, restText] = text.split('::') as [string, string | undefined];
  const head = headText === '' ? [] : headText.split(':').map((h) => parseInt(h, 16));
  const rest = restText === undefined || restText === '' ? [] : restText.split(':').map((h) => parseInt(h, 16));
  const missing = 8 - tail.length - head.length - rest.length;
  if (restText === undefined && missing !== 0) return null;
  if (missing < 0) return null;
  const groups = [...head, ...new Array<number>(restText === undefined ? 0 : missing).fill(0), ...rest, ...tail];
  return groups.length === 8 && groups.every((x) => Number.isInteger(x) && x >= 0 && x <= 0xffff) ? groups : null;
}
