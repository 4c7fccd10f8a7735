import { useEffect, useRef } from 'react';
import { renameKnown } from '../../boardLinks.js';
import { getIdentity } from '../../ui/identity.js';
import { useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import { initialEditorState, type EditorState } from '../core/editorStore.js';
import { useOpenBoard } from '../core/openBoard.js';
import type { GridLayout } from '../core/layout.js';
import { viewFromLocation, writeViewToLocation } from '../core/panels.js';
import type { BoardSession } from '../core/session.js';
import type { Viewport } from '../core/viewport.js';
import { isNarrowScreen } from './narrow.js';

/** Debugging and test aid: the open board's live objects (no secrets live here). */
declare global {
  interface Window {
    journeyboard?: { session: BoardSession; layout(): GridLayout; viewport(): Viewport };
  }
}

const MINIMAP_KEY = 'journeyboard:minimap';

/**
 * The editor's state as a page opens: the view the address asks for, the minimap as last left
 * on this device (hidden at first on a narrow screen). A narrow screen opens on the map alone:
 * the details panel that opens beside it on a wide one would cover half of it as a sheet.
 */
export function openingEditorState(): EditorState {
  const minimap = localStorage.getItem(MINIMAP_KEY);
  const narrow = isNarrowScreen();
  return initialEditorState({
    view: viewFromLocation(),
    panel: narrow ? null : 'details',
    minimapOpen: minimap ? minimap !== 'hidden' : !narrow,
    askName: !getIdentity().named,
  });
}

/**
 * What the editor keeps in step outside itself: the selection with the board (deleted items
 * leave it), the view in the address, the minimap choice on this device, the window's title
 * and the boards list's name for the board, and the test aid on `window`.
 */
export function useEditorEffects(): void {
  const { session, board, layout } = useOpenBoard();
  const store = useEditorStore();
  const view = useEditor((s) => s.view);
  const minimapOpen = useEditor((s) => s.minimapOpen);

  useEffect(() => {
    const alive = new Set([
      ...layout.cards.keys(),
      ...board.shapes.map((s) => s.id),
      ...board.stages.map((s) => s.id),
      ...board.lanes.map((l) => l.id),
    ]);
    store.dispatch({ type: 'forgetMissing', alive });
  }, [layout, board, store]);

  useEffect(() => {
    if (viewFromLocation() !== view) writeViewToLocation(view);
  }, [view]);

  useEffect(
    () => localStorage.setItem(MINIMAP_KEY, minimapOpen ? 'shown' : 'hidden'),
    [minimapOpen],
  );

  useEffect(() => {
    document.title = board.meta.title ? `${board.meta.title} · journeyboard` : 'journeyboard';
    // The boards page lists this board under its current title.
    if (board.meta.title) renameKnown(session.boardId, board.meta.title);
  }, [board.meta.title, session.boardId]);

  const layoutRef = useRef(layout);
  layoutRef.current = layout;
  useEffect(() => {
    window.journeyboard = {
      session,
      layout: () => layoutRef.current,
      viewport: () => store.getState().viewport,
    };
    return () => {
      delete window.journeyboard;
    };
  }, [session, store]);
}
