/**
 * Pure helpers of the boards page's list: the boards this browser knows (boardLinks.ts) merged
 * with what their links tell the server, share links pasted by people, and what a role allows.
 * No DOM, no React, no storage.
 */

import { BOARD_ID_PATTERN } from '../../../shared/protocol/boardId.js';
import { atLeast, type Role } from '../../../shared/protocol/roles.js';
import { isLinkGone, type BoardAccess, type BoardSummary, type WorkspaceBoard } from '../api.js';
import { bestToken, roleOf, type KnownBoard } from '../boardLinks.js';
import { errorMessage, type Checked } from '../ui/errors.js';

/**
 * - loading: never answered yet (title from this browser's memory);
 * - ready: the server's summary;
 * - gone: the link answers 401/403/404 (replaced, foreign or the board was deleted);
 * - error: the server could not be asked (offline, 5xx).
 */
export type ListedState = 'loading' | 'ready' | 'gone' | 'error';

export interface ListedBoard
  extends
    BoardSummary,
    Partial<Pick<WorkspaceBoard, 'workspace' | 'owner' | 'sharedWithMe' | 'seenAt'>> {
  state: ListedState;
  /** The strongest link this browser holds for the board; null when it holds none. */
  token: string | null;
  /** What that link allows (the server's word once ready, the token's own claim before). */
  role: Role | null;
  /** Why the last refresh failed. */
  problem?: string;
}

/**
 * A list entry for a remembered board. A previous entry for the same link keeps its server
 * data (and state) while it is refreshed, so the grid does not flicker.
 */
export function listedFromKnown(known: KnownBoard, previous?: ListedBoard): ListedBoard {
  const best = bestToken(known.tokens);
  const token = best?.token ?? null;
  if (previous && previous.id === known.id && previous.token === token) return previous;
  return {
    id: known.id,
    title: known.title,
    mapType: 'current-state',
    createdAt: '',
    updatedAt: '',
    state: token ? 'loading' : 'gone',
    token,
    role: best ? (roleOf(best.token) ?? best.role) : null,
    ...(token ? {} : { problem: 'This browser holds no link for this board.' }),
  };
}

/**
 * A board the signed-in person can open through their workspace (`GET /api/boards`): opened
 * and changed with the session cookie, so it needs no link (`token` is empty).
 */
export function listedFromMembership(summary: WorkspaceBoard): ListedBoard {
  return { ...summary, state: 'ready', token: '' };
}

/**
 * The signed-in list: the person's boards from the server, then the links this browser keeps
 * for boards outside their workspaces (shared by another company, say).
 */
export function mergeMembership(
  theirs: readonly WorkspaceBoard[],
  known: readonly ListedBoard[],
): ListedBoard[] {
  const ids = new Set(theirs.map((b) => b.id));
  return [...theirs.map(listedFromMembership), ...known.filter((b) => !ids.has(b.id))];
}

/** The server answered the entry's link with its summary. */
export function withSummary(entry: ListedBoard, summary: BoardAccess): ListedBoard {
  const { role, ...board } = summary;
  return { ...entry, ...board, role, state: 'ready', problem: undefined };
}

/**
 * The entry's refresh failed: a dead link (401/403/404) makes it gone; anything else (no
 * network, a server error) leaves a loaded entry as it was and marks a new one as an error.
 */
export function withFailure(entry: ListedBoard, err: unknown): ListedBoard {
  if (isLinkGone(err)) return { ...entry, state: 'gone', problem: errorMessage(err) };
  if (entry.state === 'ready') return entry;
  return { ...entry, state: 'error', problem: errorMessage(err) };
}

/** Renaming is a change to the board: editors and owners. */
export function mayRename(role: Role | null): boolean {
  return role !== null && atLeast(role, 'editor');
}

/** Deleting a board is the owner's alone. */
export function mayDelete(role: Role | null): boolean {
  return role === 'owner';
}

const JWT_SHAPE = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;
const BOARD_PATH = new RegExp(`^/b/(${BOARD_ID_PATTERN.source.slice(1, -1)})/?$`);

export interface ShareLink {
  boardId: string;
  token: string;
  role: Role;
}

/**
 * A share link someone pasted (`https://host/b/<id>#token=…`, or just `/b/<id>#token=…`).
 * `origin` is this page's origin: a link to another server cannot be opened here.
 */
export function parseShareLink(text: string, origin?: string): Checked<ShareLink> {
  const raw = text.trim();
  const usage = 'Paste a board link: it looks like https://…/b/<board>#token=…';
  if (!raw) return { ok: false, message: usage };
  let url: URL;
  try {
    url = new URL(raw, origin ?? 'http://journeyboard.invalid');
  } catch {
    return { ok: false, message: usage };
  }
  if (origin && /^[a-z][a-z0-9+.-]*:/i.test(raw) && url.origin !== new URL(origin).origin) {
    return {
      ok: false,
      message: `This link is for another server (${url.host}): open it there.`,
    };
  }
  const match = BOARD_PATH.exec(url.pathname);
  if (!match) return { ok: false, message: usage };
  const token = new URLSearchParams(url.hash.replace(/^#/, '')).get('token');
  if (!token) {
    return {
      ok: false,
      message: 'This link has no token: copy the whole share link (it ends with #token=…).',
    };
  }
  const role = JWT_SHAPE.test(token) ? roleOf(token) : null;
  if (!role) {
    return {
      ok: false,
      message: 'The token in this link is damaged: copy the whole share link again.',
    };
  }
  return { ok: true, value: { boardId: match[1]!, token, role } };
}
