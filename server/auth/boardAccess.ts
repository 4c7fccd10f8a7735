import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { Role } from '../../shared/protocol/roles.js';
import type { AccountStore, WorkspaceRole } from '../storage/accounts.js';
import type { Storage } from '../storage/storage.js';
import { checkAccess, refuse, sameSecret, type AccessResult } from './access.js';
import type { AuthMode } from './authMode.js';
import {
  credentialsOf,
  isAccessToken,
  resolvePrincipal,
  type Principal,
  type PrincipalDeps,
} from './principal.js';
import type { TokenIssuer } from './tokens.js';

/** A member's role on a board of their workspace when the board says nothing of them. */
export const DEFAULT_BOARD_ROLE: Record<WorkspaceRole, Role> = {
  admin: 'owner',
  member: 'editor',
  guest: 'commenter',
};

export interface BoardAccessDeps extends PrincipalDeps {
  mode: AuthMode;
  tokens: TokenIssuer;
  storage: Storage;
  accounts: AccountStore;
  adminToken?: string;
}

/**
 * What the credentials of a request or an upgrade let it do on one board. In `open` mode only
 * share-link tokens count (as before accounts). Otherwise a person's role comes from their
 * workspace membership and the board's own roles, and a share link is a guest link, refused
 * when the workspace turned guest links off.
 */
export async function boardAccess(
  deps: BoardAccessDeps,
  boardId: string,
  principal: Principal | null,
  token: string | undefined,
): Promise<AccessResult> {
  if (deps.mode === 'open') return checkAccess(deps, boardId, token);
  if (isAccessToken(token)) {
    const byToken = await resolvePrincipal(deps, { token });
    if (!byToken)
      return refuse(CloseCode.UNAUTHORIZED, 401, 'the access token is invalid or revoked');
    return memberAccess(deps, boardId, byToken);
  }
  // A signed-in person opening a share link they were sent is still themselves, with their own
  // role, when the board is in their workspace; the link decides only otherwise.
  if (principal) {
    const asMember = await memberAccess(deps, boardId, principal);
    if (asMember.ok || !token) return asMember;
  }
  if (token && !sameSecret(token, deps.adminToken)) return guestAccess(deps, boardId, token);
  return checkAccess(deps, boardId, token);
}

async function memberAccess(
  deps: BoardAccessDeps,
  boardId: string,
  principal: Principal,
): Promise<AccessResult> {
  const board = await deps.storage.getBoard(boardId);
  if (!board) return refuse(CloseCode.NOT_FOUND, 404, 'no such board');
  const workspaceId = await deps.accounts.boardWorkspace(boardId);
  const member = workspaceId ? await deps.accounts.getMember(workspaceId, principal.user.id) : null;
  if (!member) {
    return refuse(CloseCode.FORBIDDEN, 403, 'you are not a member of the workspace of this board');
  }
  const role =
    (await deps.accounts.getBoardRole(boardId, principal.user.id)) ??
    DEFAULT_BOARD_ROLE[member.role];
  const { kind, user } = principal;
  return {
    ok: true,
    role,
    keyVersion: board.keyVersion,
    who: { kind, userId: user.id, name: user.name, credentials: credentialsOf(principal) },
  };
}

async function guestAccess(
  deps: BoardAccessDeps,
  boardId: string,
  token: string,
): Promise<AccessResult> {
  const access = await checkAccess(deps, boardId, token);
  if (!access.ok) return access;
  const workspaceId = await deps.accounts.boardWorkspace(boardId);
  const workspace = workspaceId ? await deps.accounts.getWorkspace(workspaceId) : null;
  if (workspace && !workspace.guestLinks) {
    return refuse(
      CloseCode.FORBIDDEN,
      403,
      'guest links are turned off in the workspace of this board',
    );
  }
  return { ...access, who: { kind: 'guest' } };
}
