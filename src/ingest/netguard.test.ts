/** Specs for the SSRF guard's address classification (no network involved). */

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { blockedReason, parseIPv6 } from './netguard.ts';

describe('blockedReason', () => {
  it('refuses IPv4 loopback, private, link-local, CGNAT, this-network, multicast and reserved', () => {
    const cases: Array<[string, RegExp]> = [
      ['127.0.0.1', /loopback/], ['127.255.0.9', /loopback/], ['10.20.30.40', /private/], ['172.16.0.1', /private/],
      ['172.31.255.254', /private/], ['192.168.1.1', /private/], ['169.254.169.254', /link-local/],
      ['100.64.0.1', /carrier-grade NAT/], ['100.127.255.255', /carrier-grade NAT/], ['0.0.0.0', /this network/],
      ['224.0.0.251', /multicast/], ['239.255.255.250', /multicast/], ['255.255.255.255', /reserved/],
      ['192.0.2.10', /documentation/], ['198.18.0.1', /benchmarking/],
    ];
    for (const [ip, reason] of cases) assert.match(blockedReason(ip) ?? 'allowed', reason, ip);
  });

  it('allows public IPv4 addresses next to the blocked ranges', () => {
    for (const ip of ['8.8.8.8', '1.1.1.1', '172.15.255.255', '172.32.0.1', '100.63.255.255', '100.128.0.1', '193.0.14.129']) {
      assert.equal(blockedReason(ip), null, ip);
    }
  });

  it('refuses IPv6 loopback, unspecified, unique-local, link-local and multicast', () => {
    const cases: Array<[string, RegExp]> = [
      ['::1', /loopback/], ['[::1]', /loopback/], ['::', /unspecified/], ['fd12:3456::1', /unique-local/],
      ['fc00::1', /unique-local/], ['fe80::1%eth0', /link-local/], ['febf::1', /link-local/], ['ff02::1', /multicast/],
    ];
    for (const [ip, reason] of cases) assert.match(blockedReason(ip) ?? 'allowed', reason, ip);
  });

  it('judges IPv6 forms that embed IPv4 by the IPv4 address inside', () => {
    assert.match(blockedReason('::ffff:127.0.0.1')!, /loopback.*IPv4-mapped/);
    assert.match(blockedReason('::ffff:7f00:1')!, /loopback.*IPv4-mapped/);
    assert.match(blockedReason('::ffff:10.0.0.1')!, /private/);
    assert.match(blockedReason('64:ff9b::192.168.0.1')!, /private.*NAT64/);
    assert.match(blockedReason('2002:a9fe:a9fe::1')!, /link-local.*6to4/);
    assert.equal(blockedReason('::ffff:8.8.8.8'), null);
    assert.equal(blockedReason('64:ff9b::8.8.8.8'), null);
  });

  it('allows public IPv6', () => {
    for (const ip of ['2606:4700:4700::1111', '2a00:1450:4001:80b::200e']) assert.equal(blockedReason(ip), null, ip);
  });

  it('refuses what is not an address', () => {
    assert.equal(blockedReason('example.org'), 'not an IP address');
  });
});

describe('parseIPv6', () => {
  it('expands :: and a trailing dotted quad', () => {
    assert.deepEqual(parseIPv6('1::'), [1, 0, 0, 0, 0, 0, 0, 0]);
    assert.deepEqual(parseIPv6('1:2:3:4:5:6:7:8'), [1, 2, 3, 4, 5, 6, 7, 8]);
    assert.deepEqual(parseIPv6('::ffff:1.2.3.4'), [0, 0, 0, 0, 0, 0xffff, 0x102, 0x304]);
    assert.deepEqual(parseIPv6('1:2:3:4:5:6:1.2.3.4'), [1, 2, 3, 4, 5, 6, 0x102, 0x304]);
    assert.equal(parseIPv6('1:2:3'), null);
  });
});
