/**
 * Sign-in through an OpenID provider (Authorization Code + PKCE), as a relying party built on
 * `openid-client`: this module chooses and checks, openid-client speaks the protocol. The
 * routes (`/auth/oidc/login`, `/auth/oidc/callback`) keep `pending` in a cookie between the
 * two legs, sealed with `sealPending` (see oidcPending.ts).
 */
import * as client from 'openid-client';
import type { OidcConfig } from './oidcConfig.js';
import {
  claimsComplete,
  identityFromClaims,
  type IdentityClaims,
  type OidcIdentity,
} from './oidcIdentity.js';
import { safeReturnTo } from '../../shared/protocol/returnTo.js';
import type { OidcPending } from './oidcPending.js';
import { callbackRefusal, discoveryRefusal, OidcRefusal } from './oidcRefusal.js';

export type { OidcConfig } from './oidcConfig.js';
export type { OidcIdentity } from './oidcIdentity.js';
export {
  openPending,
  PENDING_COOKIE,
  PENDING_TTL_SECONDS,
  sealPending,
  type OidcPending,
} from './oidcPending.js';
export { OidcRefusal, type OidcRefusalReason } from './oidcRefusal.js';

export interface OidcSignInOptions {
  /** Seconds any one request to the provider may take (discovery, token, userinfo). */
  timeoutSeconds?: number;
}

/**
 * How the client authenticates at the token endpoint: with a secret, HTTP Basic when the
 * provider offers it (the OpenID default) else the form post; without one, not at all (a
 * public client, PKCE only).
 */
function clientAuthentication(secret: string | undefined): client.ClientAuth {
  if (secret === undefined) return client.None();
  const basic = client.ClientSecretBasic(secret);
  const post = client.ClientSecretPost(secret);
  return (as, metadata, body, headers) => {
    const offered = as.token_endpoint_auth_methods_supported;
    const useBasic = !offered || offered.includes('client_secret_basic');
    (useBasic ? basic : post)(as, metadata, body, headers);
  };
}

export class OidcSignIn {
  readonly #config: OidcConfig;
  readonly #timeout: number;
  /** The discovery under way or done; cleared when it fails, so the next sign-in retries. */
  #discovery: Promise<client.Configuration> | null = null;

  /** Does not reach the provider: discovery happens on first use, so startup never waits on it. */
  constructor(config: OidcConfig, options: OidcSignInOptions = {}) {
    this.#config = config;
    this.#timeout = options.timeoutSeconds ?? 10;
  }

  get issuer(): string {
    return this.#config.issuer;
  }

  get redirectUri(): string {
    return this.#config.redirectUri;
  }

  get buttonLabel(): string {
    return this.#config.buttonLabel;
  }

  /**
   * Discovers the provider now (to warm up and log at startup); rejects with an `OidcRefusal`
   * ('provider-unreachable' or 'provider-misconfigured', `detail` says why) and may be called
   * again.
   */
  async ready(): Promise<void> {
    await this.#configuration();
  }

  #configuration(): Promise<client.Configuration> {
    this.#discovery ??= this.#discover().catch((err: unknown) => {
      this.#discovery = null;
      throw discoveryRefusal(err, this.#config.issuer);
    });
    return this.#discovery;
  }

  #discover(): Promise<client.Configuration> {
    const { issuer, clientId, clientSecret, allowInsecure } = this.#config;
    return client.discovery(
      new URL(issuer),
      clientId,
      clientSecret === undefined ? undefined : { client_secret: clientSecret },
      clientAuthentication(clientSecret),
      {
        timeout: this.#timeout,
        // OIDC_ALLOW_INSECURE: plain http for discovery and every later call (S53).
        execute: allowInsecure ? [client.allowInsecureRequests] : [],
      },
    );
  }

  /**
   * Starts a sign-in: where to send the browser, and what to keep (sealed) until it returns.
   * Every sign-in gets its own PKCE verifier, state and nonce (S44–S46); `returnTo` is kept
   * only when it is a path on this site (S50).
   */
  async begin(returnTo?: unknown): Promise<{ redirectUrl: string; pending: OidcPending }> {
    const configuration = await this.#configuration();
    const pending: OidcPending = {
      state: client.randomState(),
      nonce: client.randomNonce(),
      codeVerifier: client.randomPKCECodeVerifier(),
      returnTo: safeReturnTo(returnTo),
    };
    const redirectUrl = client.buildAuthorizationUrl(configuration, {
      redirect_uri: this.#config.redirectUri,
      scope: this.#config.scopes.join(' '),
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(pending.codeVerifier),
      code_challenge_method: 'S256',
      state: pending.state,
      nonce: pending.nonce,
    });
    return { redirectUrl: redirectUrl.href, pending };
  }

  /**
   * Finishes a sign-in from the URL the browser came back on: checks state, issuer, nonce and
   * the ID token, redeems the code with the PKCE verifier, asks userinfo when the ID token
   * lacks the e-mail or name, and applies the e-mail rules. Only the callback's query is read:
   * the redirect URI sent to the token endpoint is the configured one, whatever host the
   * request reached (S50). Refusals are `OidcRefusal`s.
   */
  async finish(callbackUrl: URL, pending: OidcPending): Promise<OidcIdentity> {
    const configuration = await this.#configuration();
    const metadata = configuration.serverMetadata();
    const response = new URL(this.#config.redirectUri);
    response.search = callbackUrl.search;
    const expected = {
      issuer: metadata.issuer,
      state: pending.state,
      issRequired: metadata.authorization_response_iss_parameter_supported === true,
    };
    try {
      const tokens = await client.authorizationCodeGrant(configuration, response, {
        pkceCodeVerifier: pending.codeVerifier,
        expectedState: pending.state,
        expectedNonce: pending.nonce,
        idTokenExpected: true,
      });
      const idClaims = tokens.claims();
      if (!idClaims) throw new OidcRefusal('token-invalid', 'token response without an ID token');
      // The refresh token, if any, is ignored: journeyboard keeps its own session (S51).
      let claims: IdentityClaims = idClaims;
      if (!claimsComplete(idClaims) && metadata.userinfo_endpoint) {
        const userinfo = await client.fetchUserInfo(
          configuration,
          tokens.access_token,
          idClaims.sub,
        );
        claims = { ...userinfo, ...idClaims };
      }
      return identityFromClaims(claims, metadata.issuer, this.#config);
    } catch (err) {
      throw callbackRefusal(err, response.searchParams, expected);
    }
  }

  /** Whether the provider puts this person in OIDC_ADMIN_GROUP (never when it is unset). */
  isAdmin(identity: Pick<OidcIdentity, 'groups'>): boolean {
    const group = this.#config.adminGroup;
    return group !== undefined && identity.groups.includes(group);
  }
}
