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

/** OWASP's scrypt floor (N=2^17, r=8, p=1): ~130 MiB·ms per check, ~100 ms on a small core. */
const COST = { N: 2 ** 17, r: 8, p: 1 } as const;
const KEY_BYTES = 32;
/** scrypt needs 128·N·r bytes; Node's default cap (32 MiB) is below the cost above. */
const MAX_MEMORY = 256 << 20;

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
export async function hashPassword(password: string): Promise<PasswordHash> {
  const salt = randomBytes(16);
  const key = await scrypt(password.normalize('NFKC'), salt, KEY_BYTES, {
    ...COST,
    maxmem: MAX_MEMORY,
  });
  return [
    'scrypt',
    COST.N,
    COST.r,
    COST.p,
    salt.toString('base64url'),
    key.toString('base64url'),
  ].join('$');
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
      maxmem: MAX_MEMORY,
    },
  );
  return timingSafeEqual(actual, expected);
}

/** A hash of a password no one knows: checked when the e-mail is unknown, so timing tells nothing. */
let decoy: Promise<PasswordHash> | null = null;
export function decoyHash(): Promise<PasswordHash> {
  return (decoy ??= hashPassword(randomBytes(24).toString('base64url')));
}
