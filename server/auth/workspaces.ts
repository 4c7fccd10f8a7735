import { nanoid } from 'nanoid';
import type { AccountStore, WorkspaceRecord } from '../storage/accounts.js';
import type { Role } from '../../shared/protocol/roles.js';
import { DEFAULT_BOARD_ROLE } from './boardAccess.js';
import type { Principal } from './principal.js';

/** `WORKSPACE_CREATION`: who may add a workspace to the install. */
export type WorkspaceCreation = 'members' | 'admins';

/** A refusal with the status it answers. */
export interface Refusal {
  status: 403 | 404;
  reason: string;
}

/**
 * Why this person may not create a workspace, or null (W153): a guest everywhere never may;
 * with `admins`, only an admin of some workspace may.
 */
export async function cannotCreateWorkspace(
  accounts: AccountStore,
  principal: Principal,
  creation: WorkspaceCreation,
): Promise<Refusal | null> {
  const roles = (await accounts.listUserWorkspaces(principal.user.id)).map((w) => w.role);
  if (creation === 'admins' && !roles.includes('admin'))
    return {
      status: 403,
      reason: 'only workspace admins may create workspaces here (WORKSPACE_CREATION=admins)',
    };
  if (!roles.some((role) => role !== 'guest'))
    return { status: 403, reason: 'guests of a workspace may not create workspaces' };
  return null;
}

/** A new workspace with its creator as its only admin (W153). */
export async function createWorkspaceFor(
  accounts: AccountStore,
  principal: Principal,
  name: string,
  now: Date,
): Promise<WorkspaceRecord> {
  const workspace: WorkspaceRecord = {
    id: nanoid(12),
    name,
    createdAt: now.toISOString(),
    // Sign-up stays by invitation: opening it is the new admin's choice (PATCH).
    openSignup: false,
    guestLinks: true,
  };
  await accounts.createWorkspace(workspace);
  await accounts.putMember({
    workspaceId: workspace.id,
    userId: principal.user.id,
    role: 'admin',
    joinedAt: workspace.createdAt,
  });
  return workspace;
}

/**
 * Whether a new board may go into `workspaceId` (W154): a person must be a member there and more
 * than a guest; the admin token may place it in any workspace that exists.
 */
export async function cannotPlaceBoard(
  accounts: AccountStore,
  principal: Principal | null,
  workspaceId: string,
): Promise<Refusal | null> {
  if (!principal) {
    return (await accounts.getWorkspace(workspaceId))
      ? null
      : { status: 404, reason: `no workspace '${workspaceId}'` };
  }
  const member = await accounts.getMember(workspaceId, principal.user.id);
  if (!member) return { status: 404, reason: `no workspace '${workspaceId}' of yours` };
  if (member.role === 'guest')
    return {
      status: 403,
      reason: `guests may not create boards in a workspace; you are a guest of '${workspaceId}'`,
    };
  return null;
}

/** A board on someone's boards page (W155). */
export interface ReachableBoard {
  boardId: string;
  workspace: { id: string; name: string };
  /** As `boardAccess` decides it: the board's own role, else the workspace's default. */
  role: Role;
  owner: { id: string; name: string } | null;
  /**
   * Not the caller's own board, and it reaches them through a board role given to them or as a
   * guest of its workspace, rather than by simply being a member there (W156).
   */
  sharedWithMe: boolean;
  /** When they last had it open (W146), ISO 8601. */
  seenAt: string | null;
}

/** Every board the person opens through their workspaces, in one query (W155). */
export async function reachableBoards(
  accounts: AccountStore,
  principal: Principal,
): Promise<ReachableBoard[]> {
  const rows = await accounts.listUserBoards(principal.user.id);
  return rows.map((row) => {
    const role = row.boardRole ?? DEFAULT_BOARD_ROLE[row.memberRole];
    const owned = row.boardRole === 'owner' || row.owner?.id === principal.user.id;
    return {
      boardId: row.boardId,
      workspace: { id: row.workspaceId, name: row.workspaceName },
      role,
      owner: row.owner,
      sharedWithMe: !owned && (row.boardRole !== null || row.memberRole === 'guest'),
      seenAt: row.seenAt,
    };
  });
}
