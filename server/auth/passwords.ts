import {
  randomBytes,
  scrypt as scryptCallback,
  timingSafeEqual,
  type ScryptOptions,
} from 'node:crypto';
import { promisify } from 'node:util';
import type { PasswordHash } from '../storage/accounts.js';

const scrypt = promisify(scryptCallback) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: ScryptOptions,
) => Promise<Buffer>;

/**
 * log2 of scrypt's N at OWASP's floor (N=2^17, r=8, p=1): 128 MiB per check, ~100 ms on an idle
 * small core. `PASSWORD_HASH_COST` may lower it for tests only.
 */
export const DEFAULT_PASSWORD_COST = 17;
const R = 8;
const P = 1;
const KEY_BYTES = 32;
/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below the default cost. */
const maxMemory = (n: number, r: number) => 256 * n * r;

export const PASSWORD_RULES = { minLength: 10, maxLength: 256 } as const;

/** Why a new password is refused, in a sentence for the form; null when it is acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if (password.length < PASSWORD_RULES.minLength)
    return `The password needs at least ${PASSWORD_RULES.minLength} characters.`;
  if (password.length > PASSWORD_RULES.maxLength)
    return `The password may have at most ${PASSWORD_RULES.maxLength} characters.`;
  if (new Set(password).size < 4) return 'The password repeats too few different characters.';
  if (email && password.toLowerCase().includes(email.toLowerCase().split('@')[0]!))
    return 'The password must not contain your e-mail name.';
  return null;
}

/** `scrypt$N$r$p$salt$key` (base64url), so the cost can rise later and old hashes still verify. */
export async function hashPassword(
  password: string,
  cost = DEFAULT_PASSWORD_COST,
): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const N = 2 ** cost;
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_BYTES, {
    N,
    r: R,
    p: P,
    maxmem: maxMemory(N, R),
  });
  return ['scrypt', N, R, P, salt.toString('base64url'), key.toString('base64url')].join('$');
}

export async function verifyPassword(password: string, hash: PasswordHash): Promise<boolean> {
  const [kind, n, r, p, salt, key] = hash.split('$');
  if (kind !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64url');
  const actual = await scrypt(
    password.normalize('NFKC'),
    Buffer.from(salt, 'base64url'),
    expected.length,
    {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: maxMemory(Number(n), Number(r)),
    },
  );
  return timingSafeEqual(actual, expected);
}

/**
 * A hash of a password no one knows, at the cost real hashes have: checked when the e-mail is
 * unknown, so timing tells nothing.
 */
const decoys = new Map<number, Promise<PasswordHash>>();
export function decoyHash(cost = DEFAULT_PASSWORD_COST): Promise<PasswordHash> {
  let decoy = decoys.get(cost);
  if (!decoy) {
    decoy = hashPassword(randomBytes(24).toString('base64url'), cost);
    decoys.set(cost, decoy);
  }
  return decoy;
}
