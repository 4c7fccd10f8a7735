/**
 * `open`: no accounts, anyone who reaches the server may create boards, share links and typed
 * names (a trusted network, a kiosk, a trial). `accounts`: local accounts, plus single sign-on
 * when OIDC is configured. `oidc`: single sign-on only.
 */
export const AUTH_MODES = ['open', 'accounts', 'oidc'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];
