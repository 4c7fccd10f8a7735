import { timingSafeEqual } from 'node:crypto';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { Role } from '../../shared/protocol/roles.js';
import type { Storage } from '../storage/storage.js';
import type { TokenIssuer } from './tokens.js';

/** Who was let in: a person (by session or access token), a share-link guest, or the admin token. */
export type Admitted =
  | {
      kind: 'member' | 'token';
      userId: string;
      name: string;
      /** The names of what let them in (`credentialsOf`): the socket closes when one ends (S128). */
      credentials: string[];
    }
  /** A share link where people sign in (`boardAccess`): shown as a guest. */
  | { kind: 'guest' }
  /** A share link in open mode, where there are no people to tell apart. */
  | { kind: 'link' }
  | { kind: 'admin' };

export type AccessResult =
  | { ok: true; role: Role; keyVersion: number; who: Admitted }
  | { ok: false; code: number; reason: string; status: number };

export const refuse = (code: number, status: number, reason: string): AccessResult => ({
  ok: false,
  code,
  status,
  reason,
});

/** Constant-time comparison of a presented secret with a configured one. */
export function sameSecret(presented: string | undefined, configured: string | undefined): boolean {
  if (!presented || !configured) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(configured);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * What a token lets its bearer do on one board. Used alike by the sync endpoint (close codes)
 * and REST (HTTP statuses). The admin token acts as owner on every board.
 */
export async function checkAccess(
  deps: { tokens: TokenIssuer; storage: Storage; adminToken?: string },
  boardId: string,
  token: string | undefined,
): Promise<AccessResult> {
  if (!token) return refuse(CloseCode.UNAUTHORIZED, 401, 'a token is required');
  const board = await deps.storage.getBoard(boardId);
  if (sameSecret(token, deps.adminToken)) {
    return board
      ? { ok: true, role: 'owner', keyVersion: board.keyVersion, who: { kind: 'admin' } }
      : refuse(CloseCode.NOT_FOUND, 404, 'no such board');
  }
  const capability = await deps.tokens.verify(token);
  if (!capability) return refuse(CloseCode.UNAUTHORIZED, 401, 'the token is invalid');
  // A valid link of one board opened under a mistyped id: say the id names no board, so the
  // page can say so (a link-holder learning that an unguessable id does not exist is harmless).
  if (!board) return refuse(CloseCode.NOT_FOUND, 404, 'no such board');
  if (capability.boardId !== boardId)
    return refuse(CloseCode.FORBIDDEN, 403, 'the token is for another board');
  if (capability.keyVersion !== board.keyVersion) {
    return refuse(
      CloseCode.UNAUTHORIZED,
      401,
      'the link was replaced; ask the owner for a new one',
    );
  }
  return {
    ok: true,
    role: capability.role,
    keyVersion: capability.keyVersion,
    who: { kind: 'link' },
  };
}
