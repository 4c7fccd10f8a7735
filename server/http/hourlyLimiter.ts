const HOUR_MS = 3_600_000;

export type LimiterAnswer = { ok: true } | { ok: false; retryAfterSeconds: number };
/** Addresses remembered at most; the least recently seen are forgotten first. */
const MAX_ADDRESSES = 10_000;

/**
 * The part of an address one client controls: an IPv6 client usually has a whole /64, so its
 * addresses count as one; IPv4 (and IPv4-mapped) addresses count alone.
 */
export function addressKey(address: string): string {
  if (!address.includes(':') || address.startsWith('::ffff:')) return address;
  const [head = '', tail = ''] = address.split('%')[0]!.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase().replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
}

/**
 * A bucket of `perHour` per key that refills evenly over the hour, so a burst of a whole hour's
 * worth passes and a steady flood does not: boards created without a token per address, sign-in
 * attempts per e-mail and per address.
 */
export class HourlyLimiter {
  private readonly buckets = new Map<string, { left: number; at: number }>();

  constructor(
    private readonly perHour: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one for `address` (an IPv6 /64 counts as one); when none is left, how long until one is. */
  take(address: string): LimiterAnswer {
    return this.takeKey(addressKey(address));
  }

  /** Takes one for any key (an e-mail…); when none is left, how long until one is. */
  takeKey(key: string): LimiterAnswer {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { left: this.perHour, at: now };
    // Multiplied before divided, so whole hours give whole creates (no 0.999…).
    bucket.left = Math.min(
      this.perHour,
      bucket.left + ((now - bucket.at) * this.perHour) / HOUR_MS,
    );
    bucket.at = now;
    // Re-inserted so the map's order is least recently seen first.
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    if (this.buckets.size > MAX_ADDRESSES) this.buckets.delete(this.buckets.keys().next().value!);
    if (bucket.left < 1) {
      const waitMs = Math.round(((1 - bucket.left) * HOUR_MS) / this.perHour);
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) };
    }
    bucket.left -= 1;
    return { ok: true };
  }
}
