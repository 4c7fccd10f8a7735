import { describe, expect, it } from 'vitest';
import { HourlyLimiter, addressKey } from '../../../server/http/hourlyLimiter.js';

describe('addressKey', () => {
  it('S31: keeps IPv4 and IPv4-mapped addresses whole, and groups IPv6 by /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('::ffff:203.0.113.7')).toBe('::ffff:203.0.113.7');
    expect(addressKey('2001:db8:1:2::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0DB8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
    expect(addressKey('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    // Whatever a proxy header says, a key comes out and nothing throws.
    for (const junk of ['', ':', ':::', '[::1]:80', 'unknown', '%E0%A4%A'])
      expect(typeof addressKey(junk)).toBe('string');
  });
});

describe('HourlyLimiter', () => {
  it('S31: lets a burst of an hour through, then one more each 3600/n seconds', () => {
    let now = 0;
    const limiter = new HourlyLimiter(4, () => now);
    for (let i = 0; i < 4; i++) expect(limiter.take('198.51.100.1')).toEqual({ ok: true });
    expect(limiter.take('198.51.100.1')).toEqual({ ok: false, retryAfterSeconds: 900 });
    expect(limiter.take('198.51.100.2')).toEqual({ ok: true });
    now += 900_000;
    expect(limiter.take('198.51.100.1')).toEqual({ ok: true });
    expect(limiter.take('198.51.100.1').ok).toBe(false);
  });
});
