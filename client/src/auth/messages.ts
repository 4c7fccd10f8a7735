/** Words the account pages show for the server's values. Pure. */

import type { WorkspaceRole } from './authApi.js';

export const ROLE_LABELS: Record<WorkspaceRole, string> = {
  admin: 'Admin',
  member: 'Member',
  guest: 'Guest',
};

export const ROLE_HINTS: Record<WorkspaceRole, string> = {
  admin: 'Manages members, invitations and settings; edits every map.',
  member: 'Creates maps and edits the workspace’s maps.',
  guest: 'Sees only the maps shared with them.',
};

/** "an admin", "a member", "a guest". */
export function roleWithArticle(role: WorkspaceRole): string {
  return `${role === 'admin' ? 'an' : 'a'} ${role}`;
}

/** Why an invitation cannot be used, as the person holding the link reads it. */
export function invitationRefusal(
  status: number,
  serverSentence: string,
): { title: string; message: string } {
  if (status === 404)
    return {
      title: 'This invitation link is not valid',
      message:
        'Check that you copied the whole link, or ask the person who invited you for a new one.',
    };
  if (status === 410)
    return {
      title: 'This invitation can no longer be used',
      message:
        'It has expired, was already used or was withdrawn. Ask the person who invited you for a new link.',
    };
  return { title: 'The invitation could not be checked', message: serverSentence };
}

/** The expiries a personal access token may be given, in days (null: never). */
export const TOKEN_EXPIRIES: readonly { days: number | null; label: string }[] = [
  { days: 30, label: '30 days' },
  { days: 90, label: '90 days' },
  { days: 365, label: '1 year' },
  { days: null, label: 'Never' },
];

/** How a token is used from a y-websocket client: the same options the README shows. */
export function websocketExample(origin: string, token: string): string {
  const url = `${origin.replace(/^http/, 'ws')}/sync`;
  return [
    `const token = '${token}';`,
    `new WebsocketProvider('${url}', boardId, doc, { params: { token } });`,
  ].join('\n');
}

const AUDIT_LABELS: Record<string, string> = {
  'sign-in': 'Signed in',
  'sign-in-failed': 'Failed sign-in',
  'sign-out': 'Signed out',
  'sign-out-everywhere': 'Signed out everywhere',
  'account-created': 'Account created',
  'password-changed': 'Password changed',
  'password-reset-created': 'Password reset link made',
  'password-reset-requested': 'Password reset asked for by e-mail',
  'role-changed': 'Role changed',
  'member-added': 'Member added',
  'member-removed': 'Member removed',
  'invitation-created': 'Invitation created',
  'invitation-revoked': 'Invitation revoked',
  'guest-links-changed': 'Guest links changed',
  'link-rotated': 'Share links replaced',
  'token-created': 'Access token created',
  'token-revoked': 'Access token revoked',
  'board-created': 'Map created',
  'board-deleted': 'Map deleted',
  'board-exported': 'Map exported',
  'workspace-changed': 'Workspace settings changed',
  'workspace-created': 'Created the workspace',
};

/** An audit action as a person reads it; an action this client does not know, as sent. */
export function auditLabel(action: string): string {
  return AUDIT_LABELS[action] ?? action;
}

/** An audit event's details in one line: "role: admin · method: password". */
export function auditDetail(detail: Record<string, string | number | boolean>): string {
  return Object.entries(detail)
    .map(([key, value]) => `${key}: ${String(value)}`)
    .join(' · ');
}

/** Initials for an avatar: "Ada Lovelace" → "AL", "ada@example.com" → "A". */
export function initialsOf(name: string): string {
  const words = name
    .replace(/@.*$/, '')
    .split(/[\s._-]+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0]!, words[words.length - 1]!] : words.slice(0, 1);
  return letters.map((w) => [...w][0]!.toUpperCase()).join('') || '?';
}
