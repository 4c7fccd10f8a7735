import { isEditableTarget, type ShortcutAction } from './shortcuts.js';

/**
 * Where a key press (or copy, or paste) comes from, which decides whether the board's
 * shortcuts see it:
 * - `field`: a place where typing goes (input, textarea, contenteditable);
 * - `dialog`: inside a dialog, whose keys are its own;
 * - `panel`: inside a side panel or a menu: its buttons, links and text are not the board;
 * - `control`: a focused button or link elsewhere (the toolbar, the top bar), which takes
 *   Enter and Space itself;
 * - `board`: the canvas, or nothing focused (the document's body).
 */
export type KeyOrigin = 'field' | 'dialog' | 'panel' | 'control' | 'board';

interface ElementLike {
  closest(selector: string): unknown;
}

const isElementLike = (target: unknown): target is ElementLike =>
  typeof target === 'object' &&
  target !== null &&
  typeof (target as { closest?: unknown }).closest === 'function';

export function keyOrigin(target: unknown): KeyOrigin {
  if (isEditableTarget(target)) return 'field';
  if (!isElementLike(target)) return 'board';
  if (target.closest('[role=dialog], [role=alertdialog]')) return 'dialog';
  if (target.closest('aside, [role=menu], [role=listbox]')) return 'panel';
  if (target.closest('button, a[href], summary, [role=button], [role=tab], [tabindex]'))
    return 'control';
  return 'board';
}

/** About the whole board rather than what has focus: they run from a panel too. */
const ANYWHERE: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>([
  'edit.undo',
  'edit.redo',
  'selection.cancel',
  'view.canvas',
  'view.table',
  'help.shortcuts',
]);

/** Keys a focused button or link handles itself (Enter and Space press it). */
const CONTROL_KEYS: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>([
  'edit.start',
  'view.panHold',
]);

/**
 * Whether the board handles an action pressed at `origin`. Single-key shortcuts (a letter,
 * Delete, Enter) belong to the board only when the board has the keyboard: typed in a panel
 * they would change a selection the person is not looking at.
 */
export function routesToBoard(action: ShortcutAction, origin: KeyOrigin): boolean {
  switch (origin) {
    case 'field':
    case 'dialog':
      return false;
    case 'panel':
      return ANYWHERE.has(action);
    case 'control':
      return !CONTROL_KEYS.has(action);
    case 'board':
      return true;
  }
}
