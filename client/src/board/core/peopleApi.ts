/** A board's people (signed in only), see docs/WIRE.md W145. */
import type { Role } from '../../../../shared/protocol/roles.js';
import { call } from '../../api.js';

/** A member of the board's workspace and their role on this board. */
export interface BoardPerson {
  userId: string;
  name: string;
  email: string;
  role: Role;
  /** `board`: a role set on this board alone; `workspace`: their workspace role's default. */
  from: 'board' | 'workspace';
}

const peoplePath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/people`;

/** `token`: the page's link, or '' when the session cookie alone decides. */
export const peopleApi = {
  list: (boardId: string, token: string) =>
    call<{ people: BoardPerson[] }>(peoplePath(boardId), {}, token),
  /** Owner only; null gives the person their workspace's default role again. */
  setRole: (boardId: string, userId: string, role: Role | null, token: string) =>
    call<{ userId: string; role: Role }>(
      `${peoplePath(boardId)}/${encodeURIComponent(userId)}`,
      { method: 'PUT', body: JSON.stringify({ role }) },
      token,
    ),
};
