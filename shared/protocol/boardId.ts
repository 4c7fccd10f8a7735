/** Board ids are nanoid(12)-style: URL- and filename-safe, so they never need escaping. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function isBoardId(value: string): boolean {
  return BOARD_ID_PATTERN.test(value);
}

/**
 * A room is one Y.Doc: the board itself, its comments (kept apart so roles can differ), or its
 * activity feed (written by the server only, read over REST; no client connects to it).
 */
export type RoomKind = 'board' | 'comments' | 'activity';

export interface RoomName {
  boardId: string;
  kind: RoomKind;
  /** The name documents are stored under: `<boardId>`, `<boardId>/comments` or `…/activity`. */
  docName: string;
}

export function roomName(boardId: string, kind: RoomKind): RoomName {
  return { boardId, kind, docName: kind === 'board' ? boardId : `${boardId}/${kind}` };
}

/** Every document a board is made of (deleted with it). */
export function docNamesOf(boardId: string): string[] {
  return (['board', 'comments', 'activity'] as const).map((k) => roomName(boardId, k).docName);
}

/** The room a client asks for on `/sync/…`: the board or its comments. */
export function parseRoomName(name: string): RoomName | null {
  const [boardId, suffix, ...rest] = name.split('/');
  if (boardId === undefined || !isBoardId(boardId) || rest.length > 0) return null;
  if (suffix === undefined) return roomName(boardId, 'board');
  if (suffix === 'comments') return roomName(boardId, 'comments');
  return null;
}
