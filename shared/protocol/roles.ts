import type { RoomKind } from './boardId.js';

/** Roles per board, strongest first. Share links carry one. */
export const ROLES = ['owner', 'editor', 'commenter', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Whether `role` is `min` or stronger. */
export function atLeast(role: Role, min: Role): boolean {
  return ROLES.indexOf(role) <= ROLES.indexOf(min);
}

/**
 * Who may change which document: commenters write comments, not the map; viewers read only;
 * the activity feed is the server's record, written by nobody else.
 */
export function canWrite(role: Role, room: RoomKind): boolean {
  if (room === 'activity') return false;
  return room === 'board' ? atLeast(role, 'editor') : atLeast(role, 'commenter');
}
