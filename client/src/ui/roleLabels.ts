/** Words for the board roles, shared by the boards page and the board itself. Pure. */

import type { Role } from '../../../shared/protocol/roles.js';

/** Short labels of the roles: a board card's tag, the board page's pill, a role select. */
export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  owner: 'Owner',
  editor: 'Can edit',
  commenter: 'Can comment',
  viewer: 'View only',
};
