import type { OidcConfig } from './oidcConfig.js';
import { OidcRefusal } from './oidcRefusal.js';

/** A person the OpenID provider vouched for. Accounts are keyed by (issuer, subject). */
export interface OidcIdentity {
  issuer: string;
  /** The provider's stable id of the person (`sub`); an e-mail address may change, this not. */
  subject: string;
  /** As the provider spelt it, trimmed. */
  email: string;
  /**
   * True only when the provider said `email_verified: true`. An existing local account may be
   * linked to this identity by e-mail only when it is true (S48).
   */
  emailVerified: boolean;
  name: string;
  /** An http(s) picture URL from the `picture` claim, or null. */
  avatarUrl: string | null;
  groups: string[];
}

export type IdentityClaims = Readonly<Record<string, unknown>>;

const EMAIL = /^[^\s@]+@[^\s@]+$/;
const MAX_NAME = 100;

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** Whether these claims already say who someone is, so userinfo need not be asked. */
export function claimsComplete(claims: IdentityClaims): boolean {
  return text(claims.email) !== undefined && text(claims.name) !== undefined;
}

/** `email_verified` as true, false or not said; some providers send the strings. */
function emailVerifiedClaim(value: unknown): boolean | undefined {
  if (value === true || value === 'true') return true;
  if (value === false || value === 'false') return false;
  return undefined;
}

/** The groups under `claim`: a claim of that exact name, else a dotted path (`realm_access.roles`). */
export function groupsFrom(claims: IdentityClaims, claim: string): string[] {
  let value: unknown = claims[claim];
  if (value === undefined && claim.includes('.')) {
    value = claims;
    for (const key of claim.split('.'))
      value =
        typeof value === 'object' && value !== null && !Array.isArray(value)
          ? (value as Record<string, unknown>)[key]
          : undefined;
  }
  if (typeof value === 'string') return [value];
  return Array.isArray(value) ? value.filter((g): g is string => typeof g === 'string') : [];
}

function displayName(claims: IdentityClaims, email: string): string {
  const given = [text(claims.given_name), text(claims.family_name)].filter(Boolean).join(' ');
  const name =
    text(claims.name) ??
    (given || undefined) ??
    text(claims.preferred_username) ??
    email.split('@')[0]!;
  return name.slice(0, MAX_NAME);
}

function avatarUrl(value: unknown, allowInsecure: boolean): string | null {
  const raw = text(value);
  if (!raw || !URL.canParse(raw)) return null;
  const { protocol } = new URL(raw);
  return protocol === 'https:' || (allowInsecure && protocol === 'http:') ? raw : null;
}

/**
 * The identity in verified claims (the ID token's, completed by userinfo), or a refusal. The
 * e-mail rule (S48, S49):
 * - no e-mail address: refused (`no-email`);
 * - `email_verified: false`: refused (`email-unverified`);
 * - with OIDC_ALLOWED_DOMAINS: the domain must be listed (`domain-not-allowed`), and the
 *   address verified (`email_verified: true`), since a domain no one checked proves nothing;
 * - without it, a provider that does not send `email_verified` at all (Entra ID, some
 *   Keycloak realms) is accepted: OIDC_ISSUER is the organisation's own provider and decides
 *   who signs in; the identity says `emailVerified: false`, so no account is linked by it.
 */
export function identityFromClaims(
  claims: IdentityClaims,
  issuer: string,
  config: Pick<OidcConfig, 'allowedDomains' | 'groupsClaim' | 'allowInsecure'>,
): OidcIdentity {
  const subject = text(claims.sub);
  if (!subject) throw new OidcRefusal('token-invalid', 'claims without a subject');
  const email = text(claims.email);
  if (!email || !EMAIL.test(email))
    throw new OidcRefusal('no-email', `no usable e-mail claim for subject ${subject}`);
  const verified = emailVerifiedClaim(claims.email_verified);
  if (verified === false)
    throw new OidcRefusal('email-unverified', `email_verified is false for subject ${subject}`);
  if (config.allowedDomains.length > 0) {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    if (!config.allowedDomains.includes(domain))
      throw new OidcRefusal(
        'domain-not-allowed',
        `domain ${domain} is not in OIDC_ALLOWED_DOMAINS`,
      );
    if (verified !== true)
      throw new OidcRefusal(
        'email-unverified',
        `email_verified is absent for subject ${subject} and OIDC_ALLOWED_DOMAINS is set`,
      );
  }
  return {
    issuer,
    subject,
    email,
    emailVerified: verified === true,
    name: displayName(claims, email),
    avatarUrl: avatarUrl(claims.picture, config.allowInsecure),
    groups: groupsFrom(claims, config.groupsClaim),
  };
}
