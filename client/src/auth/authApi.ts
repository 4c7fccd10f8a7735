/**
 * The accounts HTTP API (/work/wt/AUTH-API.md, docs/WIRE.md), typed. Requests go through
 * `call` like every other API call; the session travels in the `jb_session` cookie, which a
 * same-origin fetch sends by itself (and with it the `Origin` the server checks).
 */

import { ApiError, call } from '../api.js';
import { errorMessage } from '../ui/errors.js';

export type AuthMode = 'open' | 'accounts' | 'oidc';
export type WorkspaceRole = 'admin' | 'member' | 'guest';
export const WORKSPACE_ROLES: readonly WorkspaceRole[] = ['admin', 'member', 'guest'];

export interface AuthConfig {
  mode: AuthMode;
  /** A fresh install in `accounts` mode: no one exists yet. */
  needsSetup: boolean;
  /** False in `oidc` mode: no password form. */
  localSignIn: boolean;
  openSignup: boolean;
  oidc: { label: string } | null;
  passwordRules: { minLength: number };
  /** E-mail is configured (`SMTP_URL`): invitations for an address are mailed. */
  mail?: boolean;
  /** "Forgot password?" mails a reset link (W147). */
  passwordResetByEmail?: boolean;
}

export interface WorkspaceMembership {
  id: string;
  name: string;
  role: WorkspaceRole;
}

/** The principal behind this browser's requests (`GET /api/me`). */
export interface Me {
  id: string;
  name: string;
  email: string;
  kind: 'member' | 'guest' | 'token';
  avatarUrl: string | null;
  workspaces: WorkspaceMembership[];
}

/** The user a sign-in, sign-up, setup or reset answers with. */
export interface AuthUser {
  id: string;
  name: string;
  email: string;
}

export interface AccessToken {
  id: string;
  name: string;
  createdAt: string;
  /** Null: never expires. */
  expiresAt: string | null;
  lastUsedAt: string | null;
  revoked: boolean;
}

export interface Member {
  userId: string;
  name: string;
  email: string;
  role: WorkspaceRole;
  joinedAt: string;
  lastActiveAt: string | null;
}

export interface InvitationPreview {
  workspace: { name: string };
  role: WorkspaceRole;
  email: string | null;
}

/** An invitation as the workspace page lists it (the secret is never listed). */
export interface Invitation {
  id: string;
  role: WorkspaceRole;
  email: string | null;
  createdAt: string;
  expiresAt: string;
  revoked: boolean;
}

export interface WorkspaceSettings {
  id: string;
  name: string;
  openSignup: boolean;
  guestLinks: boolean;
}

export interface AuditEvent {
  seq: number;
  at: string;
  action: string;
  actorLabel: string;
  target: string | null;
  ip: string | null;
  detail: Record<string, string | number | boolean>;
}

/** What went wrong, as the server said it: its sentence and the field it names, if any. */
export interface FormProblem {
  error: string;
  field?: string;
}

/** A failure as a form shows it; `status` 0 when the server could not be reached. */
export function problemOf(err: unknown): FormProblem & { status: number } {
  if (err instanceof ApiError) {
    const field = err.body.field;
    return {
      status: err.status,
      error: err.message,
      ...(typeof field === 'string' && field ? { field } : {}),
    };
  }
  return { status: 0, error: errorMessage(err) };
}

const json = (method: string, body?: unknown): RequestInit => ({
  method,
  ...(body === undefined ? {} : { body: JSON.stringify(body) }),
});

const workspacePath = (id: string) => `/api/workspaces/${encodeURIComponent(id)}`;

/** The address that starts single sign-on and comes back to `returnTo` (a same-site path). */
export function oidcLoginHref(returnTo: string): string {
  return `/auth/oidc/login?returnTo=${encodeURIComponent(returnTo)}`;
}

export const authApi = {
  config: () => call<AuthConfig>('/api/auth/config'),
  /** The signed-in principal, or null when there is none (401). */
  me: async (): Promise<Me | null> => {
    try {
      return await call<Me>('/api/me');
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return null;
      throw err;
    }
  },
  setup: (body: { name: string; email: string; password: string; workspaceName: string }) =>
    call<{ user: AuthUser }>('/api/auth/setup', json('POST', body)),
  login: (body: { email: string; password: string }) =>
    call<{ user: AuthUser }>('/api/auth/login', json('POST', body)),
  invitation: (secret: string) =>
    // The secret goes in the body: a path would reach access logs (ours and any proxy's).
    call<InvitationPreview>('/api/auth/invitations/preview', json('POST', { secret })),
  signup: (body: { name: string; email: string; password: string; invitation?: string }) =>
    call<{ user: AuthUser }>('/api/auth/signup', json('POST', body)),
  forgotPassword: (email: string) =>
    call<{ message: string }>('/api/auth/forgot', json('POST', { email })),
  resetPassword: (body: { secret: string; password: string }) =>
    call<{ user: AuthUser }>('/api/auth/reset', json('POST', body)),
  logout: () => call<void>('/api/auth/logout', json('POST')),
  logoutEverywhere: () => call<void>('/api/auth/logout-everywhere', json('POST')),

  updateMe: (patch: { name?: string; password?: { current: string; next: string } }) =>
    call<{ user: AuthUser }>('/api/me', json('PATCH', patch)),
  tokens: () => call<{ tokens: AccessToken[] }>('/api/me/tokens').then((r) => r.tokens),
  createToken: (body: { name: string; expiresInDays: number | null }) =>
    call<{ token: string; record: AccessToken }>('/api/me/tokens', json('POST', body)),
  revokeToken: (id: string) =>
    call<void>(`/api/me/tokens/${encodeURIComponent(id)}`, json('DELETE')),

  /** Someone signed in joins another workspace by its invitation's secret (W157). */
  joinWorkspace: (invitation: string) =>
    call<WorkspaceMembership>('/api/workspaces/join', json('POST', { invitation })),
  /** A new workspace, the caller its admin (W153). */
  createWorkspace: (name: string) =>
    call<WorkspaceMembership>('/api/workspaces', json('POST', { name })),
  /** Not in the first draft of the contract; the settings section says so if it is missing. */
  workspace: (id: string) =>
    call<WorkspaceSettings | { workspace: WorkspaceSettings }>(workspacePath(id)).then((r) =>
      'workspace' in r ? r.workspace : r,
    ),
  updateWorkspace: (
    id: string,
    patch: Partial<Pick<WorkspaceSettings, 'name' | 'openSignup' | 'guestLinks'>>,
  ) => call<unknown>(workspacePath(id), json('PATCH', patch)),
  members: (id: string) =>
    call<{ members: Member[] }>(`${workspacePath(id)}/members`).then((r) => r.members),
  changeRole: (id: string, userId: string, role: WorkspaceRole) =>
    call<unknown>(
      `${workspacePath(id)}/members/${encodeURIComponent(userId)}`,
      json('PATCH', { role }),
    ),
  removeMember: (id: string, userId: string) =>
    call<void>(`${workspacePath(id)}/members/${encodeURIComponent(userId)}`, json('DELETE')),
  invite: (id: string, body: { role: WorkspaceRole; email?: string }) =>
    call<{ url: string; expiresAt: string; mailedTo?: string | null }>(
      `${workspacePath(id)}/invitations`,
      json('POST', body),
    ),
  invitations: (id: string) =>
    call<{ invitations: Invitation[] }>(`${workspacePath(id)}/invitations`).then(
      (r) => r.invitations,
    ),
  revokeInvitation: (id: string, invitationId: string) =>
    call<void>(
      `${workspacePath(id)}/invitations/${encodeURIComponent(invitationId)}`,
      json('DELETE'),
    ),
  passwordResetLink: (id: string, userId: string) =>
    call<{ url: string }>(`${workspacePath(id)}/password-resets`, json('POST', { userId })),
  /** Newest first; `before` pages back from an event's `seq`. */
  audit: (id: string, before?: number) =>
    call<{ events: AuditEvent[] }>(
      `${workspacePath(id)}/audit${before === undefined ? '' : `?before=${before}`}`,
    ).then((r) => r.events),
};
