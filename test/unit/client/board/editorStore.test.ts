import { describe, expect, it, vi } from 'vitest';
import {
  createEditorStore,
  editorReducer,
  initialEditorState,
  type EditorAction,
  type EditorState,
} from '../../../../client/src/board/core/editorStore.js';

const opening = () => initialEditorState({ view: 'canvas', minimapOpen: true, askName: false });

/** The state after running `actions` from `from`, in order. */
const after = (from: EditorState, ...actions: EditorAction[]) =>
  actions.reduce(editorReducer, from);

describe('editor store: opening', () => {
  it('opens on the select tool with the details panel, nothing selected or edited', () => {
    const state = opening();
    expect(state).toMatchObject({
      selection: [],
      tool: 'select',
      editing: null,
      view: 'canvas',
      panel: 'details',
      dialog: null,
      presenting: false,
    });
  });

  it('asks for a name first when this browser has none, and keeps the view the address asked for', () => {
    const state = initialEditorState({ view: 'table', minimapOpen: false, askName: true });
    expect(state.dialog).toBe('name');
    expect(state.view).toBe('table');
    expect(state.minimapOpen).toBe(false);
  });
});

describe('editor store: selection and editing', () => {
  it('a shift-click adds an item, a second one takes it out again', () => {
    const one = after(
      opening(),
      { type: 'select', ids: ['a'] },
      { type: 'toggleSelected', id: 'b' },
    );
    expect(one.selection).toEqual(['a', 'b']);
    expect(after(one, { type: 'toggleSelected', id: 'a' }).selection).toEqual(['b']);
  });

  it('a marquee adds what it caught, once each', () => {
    const state = after(
      opening(),
      { type: 'select', ids: ['a', 'b'] },
      { type: 'addToSelection', ids: ['b', 'c'] },
    );
    expect(state.selection).toEqual(['a', 'b', 'c']);
  });

  it('an added item is selected alone and open for typing', () => {
    const state = after(
      opening(),
      { type: 'select', ids: ['x', 'y'] },
      { type: 'added', item: { kind: 'card', id: 'new' } },
    );
    expect(state.selection).toEqual(['new']);
    expect(state.editing).toEqual({ kind: 'card', id: 'new' });
  });

  it('selecting and deleting (the selection cleared) ends typing in the deleted item', () => {
    const editing = after(
      opening(),
      { type: 'select', ids: ['s1'] },
      { type: 'startEditing', target: { kind: 'stage', id: 's1' } },
    );
    const deleted = after(editing, { type: 'clearSelection' });
    expect(deleted.selection).toEqual([]);
    expect(deleted.editing).toBeNull();
  });

  it('forgets selected items that left the board, and keeps the item being typed into', () => {
    // A new item is open for typing a frame before the board re-read shows it.
    const state = after(
      opening(),
      { type: 'select', ids: ['a', 'gone', 'b'] },
      { type: 'startEditing', target: { kind: 'card', id: 'new' } },
      { type: 'forgetMissing', alive: new Set(['a', 'b']) },
    );
    expect(state.selection).toEqual(['a', 'b']);
    expect(state.editing).toEqual({ kind: 'card', id: 'new' });
  });

  it('is the same state when nothing it selected left the board', () => {
    const state = after(opening(), { type: 'select', ids: ['a'] });
    expect(editorReducer(state, { type: 'forgetMissing', alive: new Set(['a', 'z']) })).toBe(state);
  });

  it('Esc clears the selection, picks the select tool and closes the shortcuts list only', () => {
    const state = after(
      opening(),
      { type: 'select', ids: ['a'] },
      { type: 'setTool', tool: 'rect' },
      { type: 'openDialog', dialog: 'shortcuts' },
      { type: 'cancel' },
    );
    expect(state).toMatchObject({ selection: [], tool: 'select', dialog: null });
    const sharing = after(opening(), { type: 'openDialog', dialog: 'share' }, { type: 'cancel' });
    expect(sharing.dialog).toBe('share');
  });
});

describe('editor store: view, panels and dialogs', () => {
  it('switching to the table and back keeps the selection, and ends typing on the canvas', () => {
    const state = after(
      opening(),
      { type: 'select', ids: ['a', 'b'] },
      { type: 'startEditing', target: { kind: 'card', id: 'a' } },
      { type: 'setView', view: 'table' },
    );
    expect(state.view).toBe('table');
    expect(state.selection).toEqual(['a', 'b']);
    expect(state.editing).toBeNull();
    expect(after(state, { type: 'setView', view: 'canvas' }).selection).toEqual(['a', 'b']);
  });

  it('opening a dialog while typing ends the typing and keeps the selection', () => {
    const state = after(
      opening(),
      { type: 'select', ids: ['a'] },
      { type: 'startEditing', target: { kind: 'card', id: 'a' } },
      { type: 'openDialog', dialog: 'share' },
    );
    expect(state.dialog).toBe('share');
    expect(state.editing).toBeNull();
    expect(state.selection).toEqual(['a']);
  });

  it('one dialog at a time; a late close of another dialog leaves the open one', () => {
    const state = after(
      opening(),
      { type: 'openDialog', dialog: 'shortcuts' },
      { type: 'openDialog', dialog: 'surveyImport' },
      { type: 'closeDialog', dialog: 'shortcuts' },
    );
    expect(state.dialog).toBe('surveyImport');
    expect(after(state, { type: 'closeDialog', dialog: 'surveyImport' }).dialog).toBeNull();
  });

  it("a panel's toggle opens it, closes it when open, and switches from another panel", () => {
    const versions = after(opening(), { type: 'togglePanel', panel: 'versions' });
    expect(versions.panel).toBe('versions');
    expect(after(versions, { type: 'togglePanel', panel: 'versions' }).panel).toBeNull();
    expect(after(versions, { type: 'togglePanel', panel: 'comments' }).panel).toBe('comments');
    expect(after(versions, { type: 'closePanel' }).panel).toBeNull();
  });

  it('the comment tool and a comment pin open the comments panel on the draft or thread', () => {
    const drafted = after(
      opening(),
      { type: 'closePanel' },
      { type: 'draftComment', anchor: { kind: 'card', id: 'c1' } },
    );
    expect(drafted.panel).toBe('comments');
    expect(drafted.commentDraft).toEqual({ kind: 'card', id: 'c1' });
    expect(after(drafted, { type: 'draftDone' }).commentDraft).toBeNull();

    const pinned = after(opening(), { type: 'openThread', threadId: 't1' });
    expect(pinned).toMatchObject({ panel: 'comments', focusedThread: 't1' });
  });
});

describe('editor store: viewport', () => {
  it('a pan or zoom of mine is marked as mine (it ends follow mode); following is not', () => {
    const mine = after(opening(), {
      type: 'setViewport',
      viewport: (v) => ({ ...v, zoom: v.zoom * 2 }),
    });
    expect(mine.viewport.zoom).toBe(2);
    expect(mine.viewportMovedByMe).toBe(true);
    const followed = after(mine, { type: 'followViewport', viewport: { x: 5, y: 6, zoom: 0.5 } });
    expect(followed.viewport).toEqual({ x: 5, y: 6, zoom: 0.5 });
    expect(followed.viewportMovedByMe).toBe(false);
  });
});

describe('editor store: the external store', () => {
  it('tells subscribers about changes, not about actions that change nothing', () => {
    const store = createEditorStore(opening());
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.dispatch({ type: 'setTool', tool: 'hand' });
    store.dispatch({ type: 'setTool', tool: 'hand' });
    store.dispatch({ type: 'holdSpace', held: false });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(store.getState().tool).toBe('hand');
    unsubscribe();
    store.dispatch({ type: 'setTool', tool: 'select' });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
