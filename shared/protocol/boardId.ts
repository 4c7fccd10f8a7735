/** Board ids are nanoid(12)-style: URL- and filename-safe, so they never need escaping. */
export const BOARD_ID_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

export function isBoardId(value: string): boolean {
  return BOARD_ID_PATTERN.test(value);
}

/** A room is one Y.Doc: the board itself, or its comments (kept apart so roles can differ). */
export type RoomKind = 'board' | 'comments';

export interface RoomName {
  boardId: string;
  kind: RoomKind;
  /** The name documents are stored under: `<boardId>` or `<boardId>/comments`. */
  docName: string;
}

export function parseRoomName(name: string): RoomName | null {
  const [boardId, suffix, ...rest] = name.split('/');
  if (boardId === undefined || !isBoardId(boardId) || rest.length > 0) return null;
  if (suffix === undefined) return { boardId, kind: 'board', docName: boardId };
  if (suffix === 'comments') return { boardId, kind: 'comments', docName: `${boardId}/comments` };
  return null;
}
