import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';
import { z } from 'zod';
import { safeReturnTo } from '../../shared/protocol/returnTo.js';
import { OidcRefusal } from './oidcRefusal.js';

/** Suggested name of the cookie holding a sealed `OidcPending`. */
export const PENDING_COOKIE = 'jb_oidc_pending';
/** How long a started sign-in may take: the sealed value's expiry and the cookie's Max-Age. */
export const PENDING_TTL_SECONDS = 600;
const MAX_RETURN_TO = 2048;

/**
 * What must survive between sending the browser to the provider and its return: kept in the
 * browser, sealed (S52), so no instance of a cluster needs to remember anything.
 */
export interface OidcPending {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** A same-site path (see `safeReturnTo`). */
  returnTo: string;
}

const pendingClaims = z.object({
  st: z.string().min(1).max(256),
  nn: z.string().min(1).max(256),
  cv: z.string().min(43).max(128),
  rt: z.string().min(1).max(MAX_RETURN_TO),
});

/**
 * The key sealing pending sign-ins, derived from the server secret (AUTH_SECRET or the
 * generated one) with HKDF, so it is never the key that signs share links.
 */
function pendingKey(secret: Uint8Array): Uint8Array {
  if (secret.byteLength < 32) throw new TypeError('the server secret must be at least 32 bytes');
  return new Uint8Array(
    hkdfSync('sha256', secret, new Uint8Array(0), 'journeyboard oidc pending', 32),
  );
}

/** Seals a pending sign-in for a cookie: JWE (dir, A256GCM), readable and valid for 10 minutes. */
export async function sealPending(pending: OidcPending, secret: Uint8Array): Promise<string> {
  const claims: z.infer<typeof pendingClaims> = {
    st: pending.state,
    nn: pending.nonce,
    cv: pending.codeVerifier,
    rt: safeReturnTo(pending.returnTo),
  };
  return new EncryptJWT(claims)
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .setIssuedAt()
    .setExpirationTime(`${PENDING_TTL_SECONDS}s`)
    .encrypt(pendingKey(secret));
}

/**
 * Opens what `sealPending` made. Anything else (missing, expired, tampered with, sealed with
 * another key, of another shape) is refused as `sign-in-expired`.
 */
export async function openPending(
  sealed: string | undefined,
  secret: Uint8Array,
): Promise<OidcPending> {
  if (!sealed) throw new OidcRefusal('sign-in-expired', 'no pending sign-in cookie');
  let payload: unknown;
  try {
    ({ payload } = await jwtDecrypt(sealed, pendingKey(secret), {
      keyManagementAlgorithms: ['dir'],
      contentEncryptionAlgorithms: ['A256GCM'],
      requiredClaims: ['exp'],
    }));
  } catch (err) {
    const code = err instanceof Error && 'code' in err ? String(err.code) : 'malformed';
    throw new OidcRefusal('sign-in-expired', `pending sign-in cookie refused (${code})`);
  }
  const claims = pendingClaims.safeParse(payload);
  if (!claims.success)
    throw new OidcRefusal('sign-in-expired', 'pending sign-in cookie of an unknown shape');
  const { st, nn, cv, rt } = claims.data;
  return { state: st, nonce: nn, codeVerifier: cv, returnTo: safeReturnTo(rt) };
}
