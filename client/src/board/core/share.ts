/** Pure helpers of the Share dialog: which links to offer and what each role may do. */

import { ROLES, atLeast, type Role } from '../../../../shared/protocol/roles.js';
import type { BoardTokens } from '../../boardLinks.js';

export const ROLE_NAMES: Readonly<Record<Role, string>> = {
  owner: 'Owner',
  editor: 'Editor',
  commenter: 'Commenter',
  viewer: 'Viewer',
};

export const ROLE_EXPLANATIONS: Readonly<Record<Role, string>> = {
  owner: 'Everything, including deleting the map and replacing its links.',
  editor: 'Edit the map and comment.',
  commenter: 'Comment; cannot change the map.',
  viewer: 'Read only: sees the map and its comments.',
};

/**
 * The links to offer, strongest first: those this browser holds at or below `role` (an owner
 * who created the board holds all four). A stronger link is never offered, even if held.
 */
export function shareableLinks(role: Role, tokens: BoardTokens): { role: Role; token: string }[] {
  return ROLES.filter((r) => atLeast(role, r)).flatMap((r) => {
    const token = tokens[r];
    return token ? [{ role: r, token }] : [];
  });
}
