import { createContext, useCallback, useContext, useMemo, type RefObject } from 'react';
import type { Unreadable } from '../../../../shared/model/read.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import type { Role } from '../../../../shared/protocol/roles.js';
import { useCheckedBoard, useElementSize } from './hooks.js';
import { layoutBoard, type GridLayout, type Rect } from './layout.js';
import { overlayRects } from './overlays.js';
import type { BoardSession } from './session.js';
import { abilitiesOf, type Abilities } from './tools.js';
// The cache module itself, not pictures/index.js: that one's upload hook reads this context.
import { setImageSource } from '../pictures/imageCache.js';

/**
 * The board the editor has open, as read from its Y.Doc, with what this page's link may do
 * and how much room the canvas has. It is derived, never set: the editor's own state is in the
 * editor store.
 */
export interface OpenBoard {
  session: BoardSession;
  /** What this page's link allows. */
  role: Role;
  /** What the role may do; the server enforces it, the page only stops offering the rest. */
  abilities: Abilities;
  /** The board as plain data, re-read at most once per frame after changes. */
  board: BoardSnapshot;
  layout: GridLayout;
  /** The canvas area's inside, in pixels. */
  size: { w: number; h: number };
  /** The controls floating over the canvas now (screen rects): fits and reveals avoid them. */
  overlays(): Rect[];
}

const OpenBoardContext = createContext<OpenBoard | null>(null);

export const OpenBoardProvider = OpenBoardContext.Provider;

export function useOpenBoard(): OpenBoard {
  const open = useContext(OpenBoardContext);
  if (!open) throw new Error('useOpenBoard: no OpenBoardProvider above this component');
  return open;
}

/**
 * Reads and lays out the session's board and measures the canvas area (`canvasRef` goes on
 * it); also returns what of the board this version could not read.
 */
export function useOpenBoardState(
  session: BoardSession,
  role: Role,
): { open: OpenBoard; unreadable: Unreadable[]; canvasRef: RefObject<HTMLDivElement | null> } {
  const abilities = useMemo(() => abilitiesOf(role), [role]);
  // Set while rendering (it is idempotent), so every picture below fetches with this link.
  setImageSource({ boardId: session.boardId, token: session.token });
  const { board, unreadable } = useCheckedBoard(session.doc);
  const layout = useMemo(() => layoutBoard(board), [board]);
  const { ref: canvasRef, size } = useElementSize({ w: 800, h: 600 });
  const overlays = useCallback(() => overlayRects(canvasRef.current), [canvasRef]);
  const open = useMemo(
    () => ({ session, role, abilities, board, layout, size, overlays }),
    [session, role, abilities, board, layout, size, overlays],
  );
  return { open, unreadable, canvasRef };
}
