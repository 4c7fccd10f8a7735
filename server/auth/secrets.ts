import { createHash, randomBytes } from 'node:crypto';

/** A fresh unguessable secret (256 bits), URL-safe; `prefix` tells a reader what it is. */
export function newSecret(prefix = ''): string {
  return prefix + randomBytes(32).toString('base64url');
}

/** What storage keeps of a secret: its SHA-256, hex (a leaked database opens nothing). */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}
