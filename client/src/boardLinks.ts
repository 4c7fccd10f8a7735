import { ROLES, isRole, type Role } from '../../shared/protocol/roles.js';

/** Share-link tokens this browser holds per board (created or opened here). */
export type BoardTokens = Partial<Record<Role, string>>;

export interface KnownBoard {
  id: string;
  title: string;
  tokens: BoardTokens;
  /** When this browser last opened or created it (ms epoch). */
  seenAt: number;
}

/** The localStorage key of the list (a `storage` event on it means another tab changed it). */
export const KNOWN_BOARDS_KEY = 'journeyboard:boards';
const KEY = KNOWN_BOARDS_KEY;

export function knownBoards(): KnownBoard[] {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(value)
      ? (value as KnownBoard[]).filter((b) => typeof b?.id === 'string')
      : [];
  } catch {
    return [];
  }
}

function save(list: KnownBoard[]): void {
  localStorage.setItem(KEY, JSON.stringify(list));
}

/** Adds or merges what this browser knows of a board (tokens accumulate; newer ones win). */
export function rememberBoard(id: string, patch: { title?: string; tokens?: BoardTokens }): void {
  const list = knownBoards();
  const existing = list.find((b) => b.id === id);
  const next: KnownBoard = {
    id,
    title: patch.title ?? existing?.title ?? '',
    tokens: { ...existing?.tokens, ...patch.tokens },
    seenAt: Date.now(),
  };
  save([next, ...list.filter((b) => b.id !== id)]);
}

/** Replaces every token of a board (after the owner rotated its links). */
export function replaceTokens(id: string, tokens: BoardTokens): void {
  const list = knownBoards();
  save(list.map((b) => (b.id === id ? { ...b, tokens } : b)));
}

/** Keeps the remembered title in step with the server's (without counting as a visit). */
export function renameKnown(id: string, title: string): void {
  const list = knownBoards();
  if (!list.some((b) => b.id === id && b.title !== title)) return;
  save(list.map((b) => (b.id === id ? { ...b, title } : b)));
}

export function forgetBoard(id: string): void {
  save(knownBoards().filter((b) => b.id !== id));
}

/** A token's payload, unverified (the server checks it; this only shapes the UI), or null. */
function payloadOf(token: string): { r?: unknown; b?: unknown } | null {
  try {
    const payload = JSON.parse(
      atob(token.split('.')[1]!.replace(/-/g, '+').replace(/_/g, '/')),
    ) as unknown;
    return typeof payload === 'object' && payload !== null ? payload : null;
  } catch {
    return null;
  }
}

/** The role a token grants, read from its payload. */
export function roleOf(token: string): Role | null {
  const payload = payloadOf(token);
  return isRole(payload?.r) ? payload.r : null;
}

/** The board a token was issued for, read from its payload. */
export function boardOf(token: string): string | null {
  const board = payloadOf(token)?.b;
  return typeof board === 'string' ? board : null;
}

/** The strongest token this browser holds for a board. */
export function bestToken(tokens: BoardTokens): { token: string; role: Role } | null {
  for (const role of ROLES) {
    const token = tokens[role];
    if (token) return { token, role };
  }
  return null;
}

/** The token in a board link's fragment (`/b/<id>#token=…`), which never reaches a server. */
export function tokenFromHash(hash: string): string | null {
  const params = new URLSearchParams(hash.replace(/^#/, ''));
  return params.get('token');
}

/** The in-app path that opens a board with a link: the token rides in the fragment. */
export function boardHref(id: string, token: string | null): string {
  return `/b/${encodeURIComponent(id)}${token ? `#token=${token}` : ''}`;
}

export function boardLink(id: string, token: string): string {
  return `${location.origin}${boardHref(id, token)}`;
}
