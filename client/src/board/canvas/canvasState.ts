import type * as Y from 'yjs';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import type { EditorStore } from '../core/editorStore.js';
import type { GridLayout } from '../core/layout.js';
import type { Editing, Tool } from '../core/tools.js';
import type { Viewport } from '../core/viewport.js';

/** What a canvas draws: a board read from its doc, its room on screen, what may change there. */
export interface CanvasBoard {
  doc: Y.Doc;
  board: BoardSnapshot;
  layout: GridLayout;
  size: { w: number; h: number };
  /**
   * The link may not change the map (viewer, commenter): nothing drags, double-clicks create
   * or edit nothing, no resize handles. Selecting, panning, zooming and following stay.
   */
  readOnly: boolean;
  /** The comment tool opens a draft (the link may write comments). */
  canComment?: boolean;
}

/** The canvas's board and the editor state it shows (from the editor store it sits under). */
export interface CanvasState extends CanvasBoard {
  viewport: Viewport;
  tool: Tool;
  /** Space is held: a drag pans whatever the tool. */
  spaceHeld: boolean;
  selection: string[];
  editing: Editing | null;
  dispatch: EditorStore['dispatch'];
}

export function useCanvasState(board: CanvasBoard): CanvasState {
  const { dispatch } = useEditorStore();
  return {
    ...board,
    viewport: useEditor((s) => s.viewport),
    tool: useEditor((s) => s.tool),
    spaceHeld: useEditor((s) => s.spaceHeld),
    selection: useEditor((s) => s.selection),
    editing: useEditor((s) => s.editing),
    dispatch,
  };
}
