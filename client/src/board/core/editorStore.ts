/**
 * The board editor's UI state in one place: what is selected, where the view is, the tool, what
 * is being typed into, the view (canvas or table), the open panel and dialog. It changes only
 * through the named actions below, in a pure reducer, the way Excalidraw's actions change its
 * AppState. The board itself lives in the Y.Doc and the people in the awareness; neither is here.
 *
 * `createEditorStore` wraps the reducer in a tiny external store; React components read it
 * through `useEditor(selector)` (EditorStoreProvider.tsx).
 */
import type { CommentAnchor } from '../../../../shared/model/comments.js';
import type { BoardView, RightPanel } from './panels.js';
import type { Editing, Tool } from './tools.js';
import type { ShownDiff } from '../versions/shownDiff.js';
import type { Viewport } from './viewport.js';

/** The board page's modal dialogs: one is open at a time, above everything else. */
export type EditorDialog = 'share' | 'shortcuts' | 'surveyImport' | 'name';

export interface EditorState {
  /** Selected cards, shapes, stages and lanes, in the order they were picked. */
  selection: string[];
  viewport: Viewport;
  /**
   * The last view change was a pan or zoom of mine, which ends follow mode; a view that follows
   * someone, or fits the map as it first arrives, leaves it on.
   */
  viewportMovedByMe: boolean;
  tool: Tool;
  /** Space is held: a drag pans whatever the tool. */
  spaceHeld: boolean;
  /** The item whose text or name is open for typing on the canvas. */
  editing: Editing | null;
  view: BoardView;
  panel: RightPanel | null;
  dialog: EditorDialog | null;
  /** The toolbar's "which kind of lane?" menu. */
  laneMenuOpen: boolean;
  minimapOpen: boolean;
  /** I asked to present (a link that may not present never does, whatever this says). */
  presenting: boolean;
  /** A comparison with a version, drawn over the canvas and listed in the versions panel. */
  shownDiff: ShownDiff | null;
  /** What the comment tool picked for a new thread, waiting in the comments panel's composer. */
  commentDraft: CommentAnchor | null;
  /** The thread the comments panel shows open (a pin was clicked, say). */
  focusedThread: string | null;
}

type ViewportUpdate = Viewport | ((v: Viewport) => Viewport);

export type EditorAction =
  | { type: 'select'; ids: string[] }
  /** A shift-click: adds the item, or takes it out when it is selected. */
  | { type: 'toggleSelected'; id: string }
  /** A marquee: adds what it caught to what was selected. */
  | { type: 'addToSelection'; ids: string[] }
  | { type: 'clearSelection' }
  /** The board changed: forgets selected items that are no longer on it. */
  | { type: 'forgetMissing'; alive: ReadonlySet<string> }
  /** A pan or zoom of mine (it ends follow mode). */
  | { type: 'setViewport'; viewport: ViewportUpdate }
  /** The view follows someone, or fits the map as it first arrives (follow mode goes on). */
  | { type: 'followViewport'; viewport: Viewport }
  | { type: 'setTool'; tool: Tool }
  | { type: 'holdSpace'; held: boolean }
  | { type: 'startEditing'; target: Editing }
  /** An item I just added: selected alone and open for typing. */
  | { type: 'added'; item: Editing }
  | { type: 'stopEditing' }
  /** Esc on the board: nothing selected, the select tool, the shortcuts list closed. */
  | { type: 'cancel' }
  | { type: 'setView'; view: BoardView }
  | { type: 'openPanel'; panel: RightPanel }
  /** A panel's toggle in the top bar: opens it, or closes it when it is the open one. */
  | { type: 'togglePanel'; panel: RightPanel }
  | { type: 'closePanel' }
  | { type: 'openDialog'; dialog: EditorDialog }
  /** Closes `dialog` if it is the open one (a late close never shuts another dialog). */
  | { type: 'closeDialog'; dialog: EditorDialog }
  | { type: 'setLaneMenu'; open: boolean }
  | { type: 'setMinimap'; open: boolean }
  | { type: 'setPresenting'; on: boolean }
  | { type: 'togglePresenting' }
  | { type: 'showDiff'; diff: ShownDiff | null }
  /** The comment tool picked an anchor: the comments panel opens with a composer for it. */
  | { type: 'draftComment'; anchor: CommentAnchor }
  | { type: 'draftDone' }
  /** A comment pin was clicked: the comments panel opens on its thread. */
  | { type: 'openThread'; threadId: string }
  | { type: 'focusThread'; threadId: string | null };

/** Where the view starts before the map arrives and is fitted. */
const FIRST_VIEWPORT: Viewport = { x: -40, y: -24, zoom: 1 };

/** The state of a board page as it opens. */
export function initialEditorState(opening: {
  view: BoardView;
  minimapOpen: boolean;
  /** This browser has no name for its person yet: ask for one first. */
  askName: boolean;
  /** The panel open at first (the details panel unless said). */
  panel?: RightPanel | null;
}): EditorState {
  return {
    selection: [],
    viewport: FIRST_VIEWPORT,
    viewportMovedByMe: false,
    tool: 'select',
    spaceHeld: false,
    editing: null,
    view: opening.view,
    panel: opening.panel === undefined ? 'details' : opening.panel,
    dialog: opening.askName ? 'name' : null,
    laneMenuOpen: false,
    minimapOpen: opening.minimapOpen,
    presenting: false,
    shownDiff: null,
    commentDraft: null,
    focusedThread: null,
  };
}

/** `state` itself when `patch` changes nothing, so no one is told of a change that is none. */
function patched(state: EditorState, patch: Partial<EditorState>): EditorState {
  const keys = Object.keys(patch) as (keyof EditorState)[];
  return keys.every((key) => Object.is(state[key], patch[key])) ? state : { ...state, ...patch };
}

/** The next state after `action`; the same object when nothing changed. */
export function editorReducer(state: EditorState, action: EditorAction): EditorState {
  switch (action.type) {
    case 'select':
      return patched(state, { selection: action.ids });
    case 'toggleSelected': {
      const { selection } = state;
      const next = selection.includes(action.id)
        ? selection.filter((id) => id !== action.id)
        : [...selection, action.id];
      return patched(state, { selection: next });
    }
    case 'addToSelection':
      return patched(state, { selection: [...new Set([...state.selection, ...action.ids])] });
    case 'clearSelection':
      // Nothing selected, nothing typed into: the item may be the one just deleted.
      return patched(state, { selection: [], editing: null });
    case 'forgetMissing': {
      const { selection } = state;
      if (selection.every((id) => action.alive.has(id))) return state;
      // Editing is left alone: a new item is open for typing a frame before the board shows it.
      return patched(state, { selection: selection.filter((id) => action.alive.has(id)) });
    }
    case 'setViewport': {
      const viewport =
        typeof action.viewport === 'function' ? action.viewport(state.viewport) : action.viewport;
      return patched(state, { viewport, viewportMovedByMe: true });
    }
    case 'followViewport':
      return patched(state, { viewport: action.viewport, viewportMovedByMe: false });
    case 'setTool':
      return patched(state, { tool: action.tool });
    case 'holdSpace':
      return patched(state, { spaceHeld: action.held });
    case 'startEditing':
      return patched(state, { editing: action.target });
    case 'added':
      return patched(state, { selection: [action.item.id], editing: action.item });
    case 'stopEditing':
      return patched(state, { editing: null });
    case 'cancel':
      return patched(state, {
        selection: [],
        tool: 'select',
        dialog: state.dialog === 'shortcuts' ? null : state.dialog,
      });
    case 'setView':
      // The selection is the same map's in either view; typing on the canvas ends with it.
      return patched(state, { view: action.view, editing: null });
    case 'openPanel':
      return patched(state, { panel: action.panel });
    case 'togglePanel':
      return patched(state, { panel: state.panel === action.panel ? null : action.panel });
    case 'closePanel':
      return patched(state, { panel: null });
    case 'openDialog':
      // A modal dialog takes the keyboard: typing on the canvas ends (its text is written).
      return patched(state, { dialog: action.dialog, editing: null });
    case 'closeDialog':
      return state.dialog === action.dialog ? patched(state, { dialog: null }) : state;
    case 'setLaneMenu':
      return patched(state, { laneMenuOpen: action.open });
    case 'setMinimap':
      return patched(state, { minimapOpen: action.open });
    case 'setPresenting':
      return patched(state, { presenting: action.on });
    case 'togglePresenting':
      return patched(state, { presenting: !state.presenting });
    case 'showDiff':
      return patched(state, { shownDiff: action.diff });
    case 'draftComment':
      return patched(state, { commentDraft: action.anchor, panel: 'comments' });
    case 'draftDone':
      return patched(state, { commentDraft: null });
    case 'openThread':
      return patched(state, { focusedThread: action.threadId, panel: 'comments' });
    case 'focusThread':
      return patched(state, { focusedThread: action.threadId });
  }
}

/** The editor's state, its actions and change notifications, for useSyncExternalStore. */
export interface EditorStore {
  getState(): EditorState;
  dispatch(action: EditorAction): void;
  /** Calls `listener` after every action that changed the state; returns the unsubscribe. */
  subscribe(listener: () => void): () => void;
}

export function createEditorStore(initial: EditorState): EditorStore {
  let state = initial;
  const listeners = new Set<() => void>();
  return {
    getState: () => state,
    dispatch(action) {
      const next = editorReducer(state, action);
      if (next === state) return;
      state = next;
      for (const listener of [...listeners]) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  };
}
