import { describe, expect, it } from 'vitest';
import { OidcConfigError, parseOidcConfig } from '../../../../server/auth/oidcConfig.js';

const BASE = {
  OIDC_ISSUER: 'https://id.example.com/realms/acme',
  OIDC_CLIENT_ID: 'journeyboard',
  PUBLIC_URL: 'https://jb.example.com',
};

function problemsOf(env: Record<string, string>): string {
  try {
    parseOidcConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(OidcConfigError);
    return (err as OidcConfigError).message;
  }
  throw new Error('expected an OidcConfigError');
}

describe('parseOidcConfig', () => {
  it('is null without OIDC_ISSUER (an empty one included), with the documented defaults otherwise', () => {
    expect(parseOidcConfig({})).toBeNull();
    expect(parseOidcConfig({ OIDC_ISSUER: '', OIDC_BUTTON_LABEL: 'Go' })).toBeNull();
    expect(parseOidcConfig(BASE)).toEqual({
      issuer: 'https://id.example.com/realms/acme',
      clientId: 'journeyboard',
      clientSecret: undefined,
      redirectUri: 'https://jb.example.com/auth/oidc/callback',
      scopes: ['openid', 'profile', 'email'],
      allowInsecure: false,
      allowedDomains: [],
      adminGroup: undefined,
      groupsClaim: 'groups',
      buttonLabel: 'Sign in with SSO',
    });
  });

  it('S50: builds the redirect URI from PUBLIC_URL, a path prefix included, trailing slash not', () => {
    const config = parseOidcConfig({ ...BASE, PUBLIC_URL: 'https://corp.example/journeys/' });
    expect(config?.redirectUri).toBe('https://corp.example/journeys/auth/oidc/callback');
    expect(problemsOf({ ...BASE, PUBLIC_URL: 'https://jb.example.com/?x=1' })).toMatch(
      /PUBLIC_URL: must be an http:\/\/ or https:\/\/ URL/,
    );
    expect(problemsOf({ ...BASE, PUBLIC_URL: 'jb.example.com' })).toMatch(/PUBLIC_URL/);
  });

  it('S50: refuses OIDC_ISSUER without PUBLIC_URL or OIDC_CLIENT_ID, naming both', () => {
    const message = problemsOf({ OIDC_ISSUER: BASE.OIDC_ISSUER });
    expect(message).toMatch(/^Invalid configuration:\n/);
    expect(message).toContain(
      '  PUBLIC_URL: required when OIDC_ISSUER is set (the redirect URI is PUBLIC_URL/auth/oidc/callback)',
    );
    expect(message).toContain('  OIDC_CLIENT_ID: required when OIDC_ISSUER is set');
    expect(problemsOf({ OIDC_CLIENT_ID: 'x', OIDC_CLIENT_SECRET: 'y' })).toContain(
      'OIDC_ISSUER: required when OIDC_CLIENT_SECRET is set',
    );
  });

  it('S53: refuses an http:// issuer unless OIDC_ALLOW_INSECURE is true', () => {
    const http = { ...BASE, OIDC_ISSUER: 'http://127.0.0.1:9000' };
    expect(problemsOf(http)).toContain(
      'OIDC_ISSUER: must be an https:// URL (OIDC_ALLOW_INSECURE=true accepts http:// for local trials)',
    );
    expect(problemsOf({ ...http, OIDC_ALLOW_INSECURE: 'false' })).toContain('OIDC_ISSUER');
    expect(parseOidcConfig({ ...http, OIDC_ALLOW_INSECURE: 'true' })?.allowInsecure).toBe(true);
    expect(parseOidcConfig({ ...http, OIDC_ALLOW_INSECURE: '1' })?.issuer).toBe(http.OIDC_ISSUER);
    expect(problemsOf({ ...http, OIDC_ALLOW_INSECURE: 'yes' })).toContain(
      'OIDC_ALLOW_INSECURE: must be true or false',
    );
    expect(problemsOf({ ...BASE, OIDC_ISSUER: 'ftp://id.example.com' })).toContain('OIDC_ISSUER');
    expect(problemsOf({ ...BASE, OIDC_ISSUER: 'https://id.example.com/#x' })).toContain(
      'OIDC_ISSUER',
    );
  });

  it('S49: reads allowed domains as a lower-case list and refuses what is no domain', () => {
    const config = parseOidcConfig({
      ...BASE,
      OIDC_ALLOWED_DOMAINS: ' Example.COM, @corp.example ',
    });
    expect(config?.allowedDomains).toEqual(['example.com', 'corp.example']);
    expect(problemsOf({ ...BASE, OIDC_ALLOWED_DOMAINS: 'example.com, *.evil' })).toContain(
      'OIDC_ALLOWED_DOMAINS: must be a comma-separated list of e-mail domains',
    );
    expect(problemsOf({ ...BASE, OIDC_ALLOWED_DOMAINS: 'localhost' })).toContain(
      'OIDC_ALLOWED_DOMAINS',
    );
  });

  it('S51: scopes must include openid and never offline_access', () => {
    const config = parseOidcConfig({ ...BASE, OIDC_SCOPES: 'openid,email  groups' });
    expect(config?.scopes).toEqual(['openid', 'email', 'groups']);
    expect(problemsOf({ ...BASE, OIDC_SCOPES: 'profile email' })).toContain(
      'OIDC_SCOPES: must include openid',
    );
    expect(problemsOf({ ...BASE, OIDC_SCOPES: 'openid email offline_access' })).toContain(
      'OIDC_SCOPES: offline_access is not needed',
    );
  });

  it('reads the optional settings and never echoes a secret in an error', () => {
    const config = parseOidcConfig({
      ...BASE,
      OIDC_CLIENT_SECRET: 'very-secret-value',
      OIDC_ADMIN_GROUP: 'jb-admins',
      OIDC_GROUPS_CLAIM: 'realm_access.roles',
      OIDC_BUTTON_LABEL: '  Sign in with Acme  ',
    });
    expect(config).toMatchObject({
      clientSecret: 'very-secret-value',
      adminGroup: 'jb-admins',
      groupsClaim: 'realm_access.roles',
      buttonLabel: 'Sign in with Acme',
    });
    const message = problemsOf({ OIDC_CLIENT_SECRET: 'very-secret-value', OIDC_ISSUER: 'nope' });
    expect(message).not.toContain('very-secret-value');
    expect(problemsOf({ ...BASE, OIDC_BUTTON_LABEL: 'x'.repeat(81) })).toContain(
      'OIDC_BUTTON_LABEL',
    );
  });
});
