import { randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SECRET_FILE = 'auth-secret';

/**
 * The key that signs share-link tokens: AUTH_SECRET when given, else one generated on first
 * start into DATA_DIR (mode 0600) and read back afterwards. Several instances must share one,
 * so with REDIS_URL the config requires AUTH_SECRET.
 */
export function loadSecret(configured: string | undefined, dataDir: string): Uint8Array {
  if (configured) return new TextEncoder().encode(configured);
  const file = path.join(dataDir, SECRET_FILE);
  try {
    writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret.length < 32)
    throw new Error(`${file} holds no usable secret; delete it to generate a new one`);
  return new TextEncoder().encode(secret);
}
