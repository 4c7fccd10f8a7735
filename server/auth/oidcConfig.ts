import { z } from 'zod';

/** The path of the callback under PUBLIC_URL; the provider must list `${PUBLIC_URL}${it}`. */
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';

const DOMAIN =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)+$/;

/** An absolute http(s) URL without query or fragment (an issuer, a public base URL). */
const webUrl = z.string().refine((value) => {
  const url = URL.canParse(value) ? new URL(value) : null;
  return (
    url !== null &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === ''
  );
}, 'must be an http:// or https:// URL without query, fragment or credentials');

const flag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

const list = (value: string) =>
  value
    .split(/[\s,]+/)
    .map((item) => item.trim())
    .filter(Boolean);

/**
 * The variables single sign-on reads, as zod fields the server's `envSchema` can take in
 * (`envSchema.extend(oidcEnvSchema.shape)`); `OIDC_CONFIG_DOCS` documents each.
 */
export const oidcEnvSchema = z.object({
  OIDC_ISSUER: webUrl.optional(),
  OIDC_CLIENT_ID: z.string().min(1).max(512).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).max(2048).optional(),
  PUBLIC_URL: webUrl.transform((value) => value.replace(/\/+$/, '')).optional(),
  OIDC_SCOPES: z
    .string()
    .default('openid profile email')
    .transform(list)
    .refine((scopes) => scopes.includes('openid'), 'must include openid')
    .refine(
      (scopes) => !scopes.includes('offline_access'),
      'offline_access is not needed: journeyboard keeps its own session and never uses a refresh token',
    ),
  OIDC_ALLOW_INSECURE: flag.default(false),
  OIDC_ALLOWED_DOMAINS: z
    .string()
    .optional()
    .transform((value) => list(value ?? '').map((d) => d.replace(/^@/, '').toLowerCase()))
    .refine(
      (domains) => domains.every((d) => DOMAIN.test(d)),
      'must be a comma-separated list of e-mail domains (example.com)',
    ),
  OIDC_ADMIN_GROUP: z.string().min(1).max(256).optional(),
  OIDC_GROUPS_CLAIM: z.string().min(1).max(256).default('groups'),
  OIDC_BUTTON_LABEL: z.string().trim().min(1).max(80).default('Sign in with SSO'),
});

/** Structurally the server's `SettingDoc`, so `CONFIG_DOCS` can spread these in. */
export const OIDC_CONFIG_DOCS: {
  readonly [K in keyof typeof oidcEnvSchema.shape]: { meaning: string; unset?: string };
} = {
  OIDC_ISSUER: {
    meaning:
      'issuer URL of the OpenID provider (`https://keycloak.example.com/realms/acme`): enables single sign-on',
    unset: 'no single sign-on',
  },
  OIDC_CLIENT_ID: { meaning: 'client id registered at the provider (required with `OIDC_ISSUER`)' },
  OIDC_CLIENT_SECRET: {
    meaning: 'client secret of a confidential client',
    unset: 'a public client (PKCE only)',
  },
  PUBLIC_URL: {
    meaning:
      'external base URL (`https://jb.example.com`); every redirect is built from it, the OIDC redirect URI is `PUBLIC_URL/auth/oidc/callback`',
    unset: 'required with `OIDC_ISSUER`',
  },
  OIDC_SCOPES: { meaning: 'scopes requested at sign-in (must include `openid`)' },
  OIDC_ALLOW_INSECURE: {
    meaning: 'accept an `http://` issuer: local trials and tests only (logged as a warning)',
  },
  OIDC_ALLOWED_DOMAINS: {
    meaning:
      'comma-separated e-mail domains allowed to sign in (exact, case-insensitive); needs verified addresses',
    unset: 'any address the provider vouches for',
  },
  OIDC_ADMIN_GROUP: {
    meaning: 'members of this provider group become workspace admins',
    unset: 'no admins from the provider',
  },
  OIDC_GROUPS_CLAIM: {
    meaning: 'claim holding the groups (a name, or a dotted path such as `realm_access.roles`)',
  },
  OIDC_BUTTON_LABEL: { meaning: 'text of the sign-in button' },
};

/** Single sign-on settings, parsed and checked; `null` from `parseOidcConfig` means no SSO. */
export interface OidcConfig {
  /** Exactly as configured: discovery and every `iss` check compare against it. */
  issuer: string;
  clientId: string;
  /** Absent for a public client, which authenticates by PKCE alone. */
  clientSecret: string | undefined;
  /** `${PUBLIC_URL}/auth/oidc/callback`, the only redirect URI ever sent. */
  redirectUri: string;
  scopes: string[];
  allowInsecure: boolean;
  /** Lower-case domains; empty: any. */
  allowedDomains: string[];
  adminGroup: string | undefined;
  groupsClaim: string;
  buttonLabel: string;
}

/** Carries the same `Invalid configuration:` message as the server's `ConfigError`. */
export class OidcConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.join('\n')}`);
  }
}

/**
 * Reads the single sign-on settings from an environment; `null` when `OIDC_ISSUER` is unset.
 * Every problem is named with its variable (an empty variable means unset, as in
 * `loadConfig`); values never appear in the message, so a secret cannot leak through it.
 */
export function parseOidcConfig(
  env: Readonly<Record<string, string | undefined>>,
): OidcConfig | null {
  const given = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const result = oidcEnvSchema.safeParse(given);
  if (!result.success)
    throw new OidcConfigError(
      result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`),
    );
  const vars = result.data;
  const problems: string[] = [];
  if (!vars.OIDC_ISSUER) {
    for (const name of ['OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'] as const)
      if (vars[name]) problems.push(`  OIDC_ISSUER: required when ${name} is set`);
    if (problems.length > 0) throw new OidcConfigError(problems);
    return null;
  }
  if (!vars.OIDC_CLIENT_ID) problems.push('  OIDC_CLIENT_ID: required when OIDC_ISSUER is set');
  if (!vars.PUBLIC_URL)
    problems.push(
      `  PUBLIC_URL: required when OIDC_ISSUER is set (the redirect URI is PUBLIC_URL${OIDC_CALLBACK_PATH})`,
    );
  if (new URL(vars.OIDC_ISSUER).protocol === 'http:' && !vars.OIDC_ALLOW_INSECURE)
    problems.push(
      '  OIDC_ISSUER: must be an https:// URL (OIDC_ALLOW_INSECURE=true accepts http:// for local trials)',
    );
  if (problems.length > 0 || !vars.OIDC_CLIENT_ID || !vars.PUBLIC_URL)
    throw new OidcConfigError(problems);
  return {
    issuer: vars.OIDC_ISSUER,
    clientId: vars.OIDC_CLIENT_ID,
    clientSecret: vars.OIDC_CLIENT_SECRET,
    redirectUri: `${vars.PUBLIC_URL}${OIDC_CALLBACK_PATH}`,
    scopes: vars.OIDC_SCOPES,
    allowInsecure: vars.OIDC_ALLOW_INSECURE,
    allowedDomains: vars.OIDC_ALLOWED_DOMAINS,
    adminGroup: vars.OIDC_ADMIN_GROUP,
    groupsClaim: vars.OIDC_GROUPS_CLAIM,
    buttonLabel: vars.OIDC_BUTTON_LABEL,
  };
}
