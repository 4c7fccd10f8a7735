import { useEffect, useRef } from 'react';
import { deleteLane, deleteStage } from '../../../shared/model/axes.js';
import { deleteCard } from '../../../shared/model/cards.js';
import { deleteShape, updateShape } from '../../../shared/model/shapes.js';
import type { BoardSnapshot } from '../../../shared/model/schema.js';
import { useToasts } from '../ui/toasts.js';
import { copySelection, parseClip, pasteClip, type Clip } from './clipboard.js';
import type { GridLayout } from './layout.js';
import type { BoardView } from './panels.js';
import type { BoardSession } from './session.js';
import { keyOrigin, routesToBoard } from './keyRouting.js';
import {
  isMacPlatform,
  matchShortcut,
  nudgeVector,
  shortcutAllowed,
  toolForAction,
  type ShortcutAction,
} from './shortcuts.js';
import type { Editing, Tool } from './tools.js';
import type { Viewport } from './viewport.js';

export interface KeyboardDeps {
  session: BoardSession;
  board: BoardSnapshot;
  layout: GridLayout;
  selection: string[];
  setSelection(ids: string[]): void;
  editing: Editing | null;
  setEditing(editing: Editing | null): void;
  setTool(tool: Tool): void;
  setSpaceHeld(held: boolean): void;
  setShowHelp(show: boolean): void;
  setViewport(v: Viewport | ((v: Viewport) => Viewport)): void;
  zoomBy(direction: 1 | -1): void;
  zoomToFit(): void;
  zoomToSelection(): void;
  onAddCard(): void;
  stopFollowing(): void;
  /** The link may not change the map (viewer, commenter): edit shortcuts do nothing. */
  readOnly: boolean;
  /** The tools this link has (shortcuts for the others do nothing). */
  tools: readonly Tool[];
  view: BoardView;
  setView(view: BoardView): void;
}

/** The table view handles its own keys; of the board's, only these still apply there. */
const TABLE_VIEW_ACTIONS: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>([
  'edit.undo',
  'edit.redo',
  'help.shortcuts',
]);

/** What kind of thing an id is on this board. */
function kindOf(board: BoardSnapshot, layout: GridLayout, id: string): Editing['kind'] | null {
  if (layout.cards.has(id)) return 'card';
  if (board.shapes.some((s) => s.id === id)) return 'shape';
  if (board.stages.some((s) => s.id === id)) return 'stage';
  if (board.lanes.some((l) => l.id === id)) return 'lane';
  return null;
}

/** The board's keyboard shortcuts (see shortcuts.ts) plus copy/paste through the system clipboard. */
export function useBoardKeyboard(deps: KeyboardDeps): void {
  const toasts = useToasts();
  const latest = useRef(deps);
  latest.current = deps;
  const clip = useRef<Clip | null>(null);

  useEffect(() => {
    const isMac = isMacPlatform();
    const { doc, undo } = deps.session;

    const removeSelection = (d: KeyboardDeps) =>
      toasts.attempt(() =>
        doc.transact(() => {
          for (const id of d.selection) {
            const kind = kindOf(d.board, d.layout, id);
            if (kind === 'card') deleteCard(doc, id);
            else if (kind === 'shape') deleteShape(doc, id);
            else if (kind === 'stage') deleteStage(doc, id);
            else if (kind === 'lane') deleteLane(doc, id);
          }
        }),
      );

    const paste = (d: KeyboardDeps, from: Clip | null) => {
      if (!from) return;
      const ids = toasts.attempt(() => pasteClip(doc, from));
      if (ids?.length) d.setSelection(ids);
      else if (ids)
        toasts.show(
          'Nothing to paste here: the copied cards belong to stages or lanes this board does not have.',
        );
    };

    const onKeyDown = (e: KeyboardEvent) => {
      const d = latest.current;
      if (d.editing) return;
      const action = matchShortcut(e, isMac);
      if (!action || !routesToBoard(action, keyOrigin(e.target))) return;
      if (!shortcutAllowed(action, d)) return;
      if (action === 'view.canvas' || action === 'view.table') {
        e.preventDefault();
        d.setView(action === 'view.canvas' ? 'canvas' : 'table');
        return;
      }
      if (d.view === 'table' && !TABLE_VIEW_ACTIONS.has(action)) return;
      const tool = toolForAction(action);
      if (tool) {
        d.setTool(tool);
        return;
      }
      const nudge = nudgeVector(action);
      if (nudge) {
        const shapes = d.board.shapes.filter(
          (s) => d.selection.includes(s.id) && s.type !== 'arrow',
        );
        if (shapes.length === 0) return;
        e.preventDefault();
        toasts.attempt(() =>
          doc.transact(() =>
            shapes.forEach((s) => updateShape(doc, s.id, { x: s.x + nudge.dx, y: s.y + nudge.dy })),
          ),
        );
        return;
      }
      switch (action) {
        case 'edit.undo':
          e.preventDefault();
          undo.undo();
          break;
        case 'edit.redo':
          e.preventDefault();
          undo.redo();
          break;
        case 'edit.delete':
          if (d.selection.length) {
            e.preventDefault();
            removeSelection(d);
            d.setSelection([]);
          }
          break;
        case 'edit.start': {
          const id = d.selection[0];
          const kind = id && d.selection.length === 1 ? kindOf(d.board, d.layout, id) : null;
          if (id && kind) {
            e.preventDefault();
            d.setEditing({ kind, id });
          }
          break;
        }
        case 'edit.newCard':
          e.preventDefault();
          d.onAddCard();
          break;
        case 'edit.duplicate': {
          e.preventDefault();
          paste(d, copySelection(d.board, d.selection));
          break;
        }
        case 'selection.all':
          e.preventDefault();
          d.setSelection([...d.layout.cards.keys(), ...d.board.shapes.map((s) => s.id)]);
          break;
        case 'selection.cancel':
          d.stopFollowing();
          d.setSelection([]);
          d.setTool('select');
          d.setShowHelp(false);
          break;
        case 'view.zoomIn':
          d.zoomBy(1);
          break;
        case 'view.zoomOut':
          d.zoomBy(-1);
          break;
        case 'view.zoomFit':
          d.zoomToFit();
          break;
        case 'view.zoomSelection':
          d.zoomToSelection();
          break;
        case 'view.zoomReset':
          d.setViewport((v) => ({ ...v, zoom: 1 }));
          break;
        case 'view.panHold':
          e.preventDefault();
          d.setSpaceHeld(true);
          break;
        case 'help.shortcuts':
          d.setShowHelp(true);
          break;
        // Copy and paste go through the clipboard events below.
        default:
          break;
      }
    };
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === ' ') latest.current.setSpaceHeld(false);
    };
    const onCopy = (e: ClipboardEvent) => {
      const d = latest.current;
      if (d.editing || !routesToBoard('edit.copy', keyOrigin(e.target))) return;
      const copied = copySelection(d.board, d.selection);
      if (!copied) return;
      clip.current = copied;
      e.clipboardData?.setData('text/plain', JSON.stringify(copied));
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      const d = latest.current;
      if (d.readOnly || d.editing || !routesToBoard('edit.paste', keyOrigin(e.target))) return;
      const text = e.clipboardData?.getData('text/plain');
      const from = (text && parseClip(text)) || clip.current;
      if (!from) return;
      e.preventDefault();
      paste(d, from);
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
  }, [deps.session, toasts]);
}
