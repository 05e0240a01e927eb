import { describe, expect, it } from 'vitest';
import { addressKey } from './client-address.js';

describe('addressKey', () => {
  const cases: [string, { given: string; want: string }][] = [
    ['IPv4 as is', { given: '203.0.113.7', want: '203.0.113.7' }],
    ['IPv4-mapped IPv6 as its IPv4 address', { given: '::ffff:203.0.113.7', want: '203.0.113.7' }],
    ['IPv6 as its /64 network', { given: '2001:db8:1:2:aaaa:bbbb:cccc:dddd', want: '2001:db8:1:2::/64' }],
    ['compressed IPv6 expanded first', { given: '2001:db8::1', want: '2001:db8:0:0::/64' }],
    ['leading zeros and case do not matter', { given: '2001:0DB8:0001:0002::9', want: '2001:db8:1:2::/64' }],
    ['zone id dropped', { given: 'fe80::1%eth0', want: 'fe80:0:0:0::/64' }],
    ['loopback IPv6', { given: '::1', want: '0:0:0:0::/64' }],
    ['embedded IPv4 tail', { given: '64:ff9b::192.0.2.33', want: '64:ff9b:0:0::/64' }],
  ];

  it.each(cases)('%s', (_name, { given, want }) => {
    expect(addressKey(given)).toBe(want);
  });

  it('two hosts of one IPv6 /64 share a budget, another /64 does not', () => {
    expect(addressKey('2001:db8:0:1::a')).toBe(addressKey('2001:db8:0:1:ffff::b'));
    expect(addressKey('2001:db8:0:1::a')).not.toBe(addressKey('2001:db8:0:2::a'));
  });
});
