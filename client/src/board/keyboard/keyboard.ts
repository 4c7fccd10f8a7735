import { useEffect, useRef } from 'react';
import { deleteLane, deleteStage } from '../../../../shared/model/axes.js';
import { deleteCard } from '../../../../shared/model/cards.js';
import { deleteShape, updateShape } from '../../../../shared/model/shapes.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { copySelection, parseClip, pasteClip, type Clip } from '../core/clipboard.js';
import { useEditorStore } from '../core/EditorStoreProvider.js';
import type { EditorStore } from '../core/editorStore.js';
import { useOpenBoard, type OpenBoard } from '../core/openBoard.js';
import type { GridLayout } from '../core/layout.js';
import { keyOrigin, routesToBoard } from './keyRouting.js';
import {
  isMacPlatform,
  matchShortcut,
  nudgeVector,
  shortcutAllowed,
  toolForAction,
  type ShortcutAction,
} from './shortcuts.js';
import type { Editing } from '../core/tools.js';
import { useAddActions } from '../core/useAddActions.js';
import { useCopyEditGuard } from '../links/useCopyEditGuard.js';
import { useViewportCommands, type ViewportCommands } from '../core/useViewportControls.js';

/** The table view handles its own keys; of the board's, only these still apply there. */
const TABLE_VIEW_ACTIONS: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>([
  'edit.undo',
  'edit.redo',
  'help.shortcuts',
  'view.canvas',
  'view.table',
]);

/** What kind of thing an id is on this board. */
function kindOf(board: BoardSnapshot, layout: GridLayout, id: string): Editing['kind'] | null {
  if (layout.cards.has(id)) return 'card';
  if (board.shapes.some((s) => s.id === id)) return 'shape';
  if (board.stages.some((s) => s.id === id)) return 'stage';
  if (board.lanes.some((l) => l.id === id)) return 'lane';
  return null;
}

/** What a shortcut acts on: the editor's state, the open board, and the commands it runs. */
interface ShortcutContext {
  store: EditorStore;
  open: OpenBoard;
  viewport: ViewportCommands;
  addCard(): void;
  stopFollowing(): void;
  toasts: ReturnType<typeof useToasts>;
  /** True (after saying why) when a card is a shared copy, whose text is not typed here. */
  copyGuard: ReturnType<typeof useCopyEditGuard>;
  /** Pastes a clip and selects what it added. */
  paste(from: Clip | null): void;
}

function removeSelection({ store, open, toasts }: ShortcutContext): void {
  const { doc } = open.session;
  toasts.attempt(() =>
    doc.transact(() => {
      for (const id of store.getState().selection) {
        const kind = kindOf(open.board, open.layout, id);
        if (kind === 'card') deleteCard(doc, id);
        else if (kind === 'shape') deleteShape(doc, id);
        else if (kind === 'stage') deleteStage(doc, id);
        else if (kind === 'lane') deleteLane(doc, id);
      }
    }),
  );
}

/** Moves the selected free shapes (arrows follow their ends) by the action's step. */
function nudgeSelection(action: ShortcutAction, e: KeyboardEvent, ctx: ShortcutContext): void {
  const nudge = nudgeVector(action);
  const { selection } = ctx.store.getState();
  const shapes = ctx.open.board.shapes.filter(
    (s) => selection.includes(s.id) && s.type !== 'arrow',
  );
  if (!nudge || shapes.length === 0) return;
  e.preventDefault();
  const { doc } = ctx.open.session;
  ctx.toasts.attempt(() =>
    doc.transact(() =>
      shapes.forEach((s) => updateShape(doc, s.id, { x: s.x + nudge.dx, y: s.y + nudge.dy })),
    ),
  );
}

/** Runs one shortcut the board may handle (routing and the link's rights are checked). */
function runShortcut(action: ShortcutAction, e: KeyboardEvent, ctx: ShortcutContext): void {
  const { store, open, viewport } = ctx;
  const { dispatch } = store;
  const { selection } = store.getState();
  switch (action) {
    case 'view.canvas':
    case 'view.table':
      e.preventDefault();
      dispatch({ type: 'setView', view: action === 'view.canvas' ? 'canvas' : 'table' });
      return;
    case 'tool.select':
    case 'tool.hand':
    case 'tool.note':
    case 'tool.text':
    case 'tool.rect':
    case 'tool.arrow':
    case 'tool.comment': {
      const tool = toolForAction(action);
      if (tool) dispatch({ type: 'setTool', tool });
      return;
    }
    case 'selection.nudgeLeft':
    case 'selection.nudgeRight':
    case 'selection.nudgeUp':
    case 'selection.nudgeDown':
    case 'selection.nudgeLeftFar':
    case 'selection.nudgeRightFar':
    case 'selection.nudgeUpFar':
    case 'selection.nudgeDownFar':
      nudgeSelection(action, e, ctx);
      return;
    case 'edit.undo':
      e.preventDefault();
      open.session.undo.undo();
      return;
    case 'edit.redo':
      e.preventDefault();
      open.session.undo.redo();
      return;
    case 'edit.delete':
      if (selection.length) {
        e.preventDefault();
        removeSelection(ctx);
        dispatch({ type: 'clearSelection' });
      }
      return;
    case 'edit.start': {
      const id = selection[0];
      const kind = id && selection.length === 1 ? kindOf(open.board, open.layout, id) : null;
      if (id && kind) {
        e.preventDefault();
        if (kind === 'card' && ctx.copyGuard(open.layout.cards.get(id)?.card)) return;
        dispatch({ type: 'startEditing', target: { kind, id } });
      }
      return;
    }
    case 'edit.newCard':
      e.preventDefault();
      ctx.addCard();
      return;
    case 'edit.duplicate':
      e.preventDefault();
      ctx.paste(copySelection(open.board, selection));
      return;
    // Copy and paste go through the clipboard events.
    case 'edit.copy':
    case 'edit.paste':
      return;
    case 'selection.all':
      e.preventDefault();
      dispatch({
        type: 'select',
        ids: [...open.layout.cards.keys(), ...open.board.shapes.map((s) => s.id)],
      });
      return;
    case 'selection.cancel':
      ctx.stopFollowing();
      dispatch({ type: 'cancel' });
      return;
    case 'view.zoomIn':
      viewport.zoomBy(1);
      return;
    case 'view.zoomOut':
      viewport.zoomBy(-1);
      return;
    case 'view.zoomFit':
      viewport.zoomToFit();
      return;
    case 'view.zoomSelection':
      viewport.zoomToSelection();
      return;
    case 'view.zoomReset':
      dispatch({ type: 'setViewport', viewport: (v) => ({ ...v, zoom: 1 }) });
      return;
    case 'view.panHold':
      e.preventDefault();
      dispatch({ type: 'holdSpace', held: true });
      return;
    case 'help.shortcuts':
      dispatch({ type: 'openDialog', dialog: 'shortcuts' });
      return;
  }
}

/**
 * The board's keyboard shortcuts (see shortcuts.ts) plus copy/paste through the system
 * clipboard. They read and change the editor store; `stopFollowing` ends follow mode (Esc).
 */
export function useBoardKeyboard({ stopFollowing }: { stopFollowing(): void }): void {
  const toasts = useToasts();
  const copyGuard = useCopyEditGuard();
  const store = useEditorStore();
  const open = useOpenBoard();
  const viewport = useViewportCommands();
  const { onAddCard } = useAddActions({
    doc: open.session.doc,
    board: open.board,
    layout: open.layout,
    readOnly: !open.abilities.edit,
  });
  const latest = useRef({ open, viewport, addCard: onAddCard, stopFollowing });
  latest.current = { open, viewport, addCard: onAddCard, stopFollowing };
  const clip = useRef<Clip | null>(null);

  useEffect(() => {
    const isMac = isMacPlatform();
    const context = (): ShortcutContext => ({
      ...latest.current,
      store,
      toasts,
      copyGuard,
      paste,
    });

    function paste(from: Clip | null) {
      if (!from) return;
      const { doc } = latest.current.open.session;
      const ids = toasts.attempt(() => pasteClip(doc, from));
      if (ids?.length) store.dispatch({ type: 'select', ids });
      else if (ids)
        toasts.show(
          'Nothing to paste here: the copied cards belong to stages or lanes this board does not have.',
        );
    }

    const onKeyDown = (e: KeyboardEvent) => {
      const { editing, view } = store.getState();
      if (editing) return;
      const action = matchShortcut(e, isMac);
      if (!action || !routesToBoard(action, keyOrigin(e.target))) return;
      const { abilities } = latest.current.open;
      if (!shortcutAllowed(action, { readOnly: !abilities.edit, tools: abilities.tools })) return;
      if (view === 'table' && !TABLE_VIEW_ACTIONS.has(action)) return;
      runShortcut(action, e, context());
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ') store.dispatch({ type: 'holdSpace', held: false });
    };
    const onCopy = (e: ClipboardEvent) => {
      const { editing, selection } = store.getState();
      if (editing || !routesToBoard('edit.copy', keyOrigin(e.target))) return;
      const copied = copySelection(latest.current.open.board, selection);
      if (!copied) return;
      clip.current = copied;
      e.clipboardData?.setData('text/plain', JSON.stringify(copied));
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      const readOnly = !latest.current.open.abilities.edit;
      if (readOnly || store.getState().editing) return;
      if (!routesToBoard('edit.paste', keyOrigin(e.target))) return;
      // A pasted file is a picture: PictureInput takes it (W232).
      if (e.clipboardData?.files.length) return;
      const text = e.clipboardData?.getData('text/plain');
      const from = (text && parseClip(text)) || clip.current;
      if (!from) return;
      e.preventDefault();
      paste(from);
    };
    window.addEventListener('keydown', onKeyDown);
    window.addEventListener('keyup', onKeyUp);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      window.removeEventListener('keyup', onKeyUp);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [store, toasts, copyGuard]);
}
