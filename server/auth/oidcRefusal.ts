import { AuthorizationResponseError, ClientError, ResponseBodyError } from 'openid-client';

/** Why a sign-in through the OpenID provider was refused. */
export type OidcRefusalReason =
  /** The pending cookie is missing, expired, tampered with or sealed with another key (S52). */
  | 'sign-in-expired'
  /** The callback's `state` is not the one this browser's sign-in sent (S45). */
  | 'state-mismatch'
  /** The ID token's `nonce` is not the one this browser's sign-in sent (S46). */
  | 'nonce-mismatch'
  /** The answer comes from another issuer than OIDC_ISSUER (S47). */
  | 'issuer-mismatch'
  /** The token endpoint refused the code: used before, expired, or a wrong PKCE verifier (S44). */
  | 'code-invalid'
  /** The tokens or userinfo could not be verified for another reason (signature, audience…). */
  | 'token-invalid'
  /** The provider sent the browser back with `?error=…` (e.g. access_denied). */
  | 'provider-error'
  /** Discovery or a request to the provider failed: network, timeout, 5xx. */
  | 'provider-unreachable'
  /** Discovery answered, but not as OIDC_ISSUER's metadata (wrong issuer URL, 404, not JSON). */
  | 'provider-misconfigured'
  | 'email-unverified'
  | 'domain-not-allowed'
  | 'no-email';

const MESSAGES: Record<OidcRefusalReason, string> = {
  'sign-in-expired':
    'This sign-in took too long or was started in another browser. Please sign in again.',
  'state-mismatch':
    'This sign-in answer does not belong to the sign-in you started. Please sign in again.',
  'nonce-mismatch':
    'The identity token does not belong to the sign-in you started. Please sign in again.',
  'issuer-mismatch':
    'This sign-in answer came from another identity provider than the one configured here. Please sign in again.',
  'code-invalid': 'This sign-in answer was already used or has expired. Please sign in again.',
  'token-invalid':
    'The identity provider’s answer could not be verified. Please sign in again; if it keeps failing, tell your administrator.',
  'provider-error': 'The identity provider did not sign you in.',
  'provider-unreachable':
    'The identity provider cannot be reached right now. Please try again in a minute.',
  'provider-misconfigured':
    'Single sign-on is not set up correctly on this server. Please tell your administrator.',
  'email-unverified':
    'Your identity provider has not verified your e-mail address, so it cannot be used to sign in here.',
  'domain-not-allowed': 'Accounts with this e-mail domain cannot sign in here.',
  'no-email':
    'Your identity provider did not share an e-mail address with this server. Please tell your administrator (the "email" scope is needed).',
};

const STATUS: Record<OidcRefusalReason, 400 | 403 | 502> = {
  'sign-in-expired': 400,
  'state-mismatch': 400,
  'nonce-mismatch': 400,
  'issuer-mismatch': 400,
  'code-invalid': 400,
  'token-invalid': 502,
  'provider-error': 403,
  'provider-unreachable': 502,
  'provider-misconfigured': 502,
  'email-unverified': 403,
  'domain-not-allowed': 403,
  'no-email': 403,
};

/**
 * A refused sign-in. `message` is a sentence for the error page; `detail` says more for the
 * log and never holds a code, token, verifier or secret (only error names and codes).
 */
export class OidcRefusal extends Error {
  readonly reason: OidcRefusalReason;
  readonly detail: string;

  constructor(reason: OidcRefusalReason, detail: string, message: string = MESSAGES[reason]) {
    super(message);
    this.name = 'OidcRefusal';
    this.reason = reason;
    this.detail = detail;
  }

  /** The HTTP status of the error page: the browser's fault, the person's, or the provider's. */
  get status(): 400 | 403 | 502 {
    return STATUS[this.reason];
  }
}

/** What a provider's error code may be shown as: its own grammar, else a placeholder. */
function safeCode(value: unknown): string {
  return typeof value === 'string' && /^[\w.-]{1,64}$/.test(value) ? value : 'unknown';
}

/** `message (inner message)`, the inner being openid-client's underlying check. */
function explain(err: Error): string {
  const inner = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message}${inner}`;
}

/** The network error under a failed fetch, if that is what this is (Node's "fetch failed"). */
function networkFailure(err: unknown): string | null {
  if (err instanceof ClientError && (err.code === 'OAUTH_TIMEOUT' || err.code === 'OAUTH_ABORT'))
    return err.message;
  if (err instanceof TypeError && !('code' in err)) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`;
  }
  return null;
}

/** A failed discovery of `issuer`, as a refusal saying whether the network or the setup is at fault. */
export function discoveryRefusal(err: unknown, issuer: string): OidcRefusal {
  const prefix = `OpenID discovery of ${issuer} failed`;
  const network = networkFailure(err);
  if (network) return new OidcRefusal('provider-unreachable', `${prefix}: ${network}`);
  if (err instanceof ClientError && err.code === 'OAUTH_RESPONSE_IS_NOT_CONFORM') {
    const status = err.cause instanceof Response ? err.cause.status : 0;
    const reason = status >= 500 ? 'provider-unreachable' : 'provider-misconfigured';
    return new OidcRefusal(reason, `${prefix}: HTTP ${status || 'error'}`);
  }
  const what = err instanceof Error ? explain(err) : String(err);
  return new OidcRefusal('provider-misconfigured', `${prefix}: ${what}`);
}

/** What the callback was checked against, to name the check openid-client refused on. */
export interface CallbackExpectations {
  issuer: string;
  state: string;
  /** The provider announces RFC 9207 `iss` in authorization responses: it must be there. */
  issRequired: boolean;
}

/** A failure of the code exchange (or userinfo) as the refusal the error page explains. */
export function callbackRefusal(
  err: unknown,
  callback: URLSearchParams,
  expected: CallbackExpectations,
): OidcRefusal {
  if (err instanceof OidcRefusal) return err;
  if (err instanceof AuthorizationResponseError) {
    const code = safeCode(err.error);
    const message =
      code === 'access_denied'
        ? 'The sign-in was cancelled, or the identity provider did not allow it.'
        : `The identity provider did not sign you in (${code}).`;
    return new OidcRefusal('provider-error', `the provider answered error=${code}`, message);
  }
  if (err instanceof ResponseBodyError) {
    const detail = `token endpoint answered ${err.status} ${safeCode(err.error)}`;
    return new OidcRefusal(
      err.error === 'invalid_grant' ? 'code-invalid' : 'token-invalid',
      detail,
    );
  }
  const network = networkFailure(err);
  if (network) return new OidcRefusal('provider-unreachable', network);
  const detail = err instanceof Error ? explain(err) : String(err);
  if (err instanceof ClientError && err.code === 'OAUTH_INVALID_RESPONSE') {
    const iss = callback.get('iss');
    if (iss !== null ? iss !== expected.issuer : expected.issRequired)
      return new OidcRefusal('issuer-mismatch', detail);
    if (callback.get('state') !== expected.state) return new OidcRefusal('state-mismatch', detail);
  }
  if (err instanceof ClientError && err.code === 'OAUTH_JWT_CLAIM_COMPARISON_FAILED') {
    const check: unknown = err.cause instanceof Error ? err.cause.cause : undefined;
    const claim =
      typeof check === 'object' && check !== null && 'claim' in check ? check.claim : '';
    if (claim === 'iss') return new OidcRefusal('issuer-mismatch', detail);
    if (claim === 'nonce') return new OidcRefusal('nonce-mismatch', detail);
  }
  return new OidcRefusal('token-invalid', detail);
}
