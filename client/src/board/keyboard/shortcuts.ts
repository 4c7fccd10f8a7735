import type { Tool } from '../core/tools.js';

/**
 * The board's keyboard shortcuts: the list the help dialog shows and the pure matcher the
 * board's key handler calls. `Ctrl` means the platform's command key (⌘ on a Mac).
 */

export type ShortcutGroup = 'Tools' | 'Edit' | 'View' | 'Selection' | 'Help';

export const SHORTCUT_ACTIONS = [
  'tool.select',
  'tool.hand',
  'tool.note',
  'tool.text',
  'tool.rect',
  'tool.arrow',
  'tool.comment',
  'edit.newCard',
  'edit.start',
  'edit.delete',
  'edit.undo',
  'edit.redo',
  'edit.copy',
  'edit.paste',
  'edit.duplicate',
  'selection.cancel',
  'selection.all',
  'selection.nudgeLeft',
  'selection.nudgeRight',
  'selection.nudgeUp',
  'selection.nudgeDown',
  'selection.nudgeLeftFar',
  'selection.nudgeRightFar',
  'selection.nudgeUpFar',
  'selection.nudgeDownFar',
  'view.zoomIn',
  'view.zoomOut',
  'view.zoomFit',
  'view.zoomSelection',
  'view.zoomReset',
  'view.panHold',
  'view.canvas',
  'view.table',
  'help.shortcuts',
] as const;

/** A stable id for what a key press does. */
export type ShortcutAction = (typeof SHORTCUT_ACTIONS)[number];

export interface Shortcut {
  /** One key combination, e.g. `['Ctrl', 'Shift', 'Z']`; show it with {@link formatKeys}. */
  keys: string[];
  /** What it does, for people. */
  action: string;
  group: ShortcutGroup;
  /** The action ids this combination produces (arrow keys cover four directions). */
  ids: ShortcutAction[];
}

export const SHORTCUT_GROUPS: readonly ShortcutGroup[] = [
  'Tools',
  'Edit',
  'Selection',
  'View',
  'Help',
];

export const SHORTCUTS: Shortcut[] = [
  { keys: ['V'], action: 'Select tool', group: 'Tools', ids: ['tool.select'] },
  { keys: ['H'], action: 'Hand (pan) tool', group: 'Tools', ids: ['tool.hand'] },
  { keys: ['N'], action: 'Sticky note', group: 'Tools', ids: ['tool.note'] },
  { keys: ['T'], action: 'Text', group: 'Tools', ids: ['tool.text'] },
  { keys: ['R'], action: 'Rectangle', group: 'Tools', ids: ['tool.rect'] },
  { keys: ['A'], action: 'Arrow', group: 'Tools', ids: ['tool.arrow'] },
  {
    keys: ['M'],
    action: 'Comment: click a card, shape, header or spot',
    group: 'Tools',
    ids: ['tool.comment'],
  },
  {
    keys: ['C'],
    action: 'New card in the selected (or first) cell',
    group: 'Edit',
    ids: ['edit.newCard'],
  },
  { keys: ['Enter'], action: 'Edit the selected item', group: 'Edit', ids: ['edit.start'] },
  { keys: ['Delete'], action: 'Delete the selection', group: 'Edit', ids: ['edit.delete'] },
  { keys: ['Backspace'], action: 'Delete the selection', group: 'Edit', ids: ['edit.delete'] },
  { keys: ['Ctrl', 'Z'], action: 'Undo', group: 'Edit', ids: ['edit.undo'] },
  { keys: ['Ctrl', 'Shift', 'Z'], action: 'Redo', group: 'Edit', ids: ['edit.redo'] },
  { keys: ['Ctrl', 'Y'], action: 'Redo', group: 'Edit', ids: ['edit.redo'] },
  { keys: ['Ctrl', 'C'], action: 'Copy', group: 'Edit', ids: ['edit.copy'] },
  { keys: ['Ctrl', 'V'], action: 'Paste', group: 'Edit', ids: ['edit.paste'] },
  { keys: ['Ctrl', 'D'], action: 'Duplicate', group: 'Edit', ids: ['edit.duplicate'] },
  {
    keys: ['Esc'],
    action: 'Cancel editing / deselect / close a comparison',
    group: 'Selection',
    ids: ['selection.cancel'],
  },
  { keys: ['Ctrl', 'A'], action: 'Select all', group: 'Selection', ids: ['selection.all'] },
  {
    keys: ['Arrow keys'],
    action: 'Nudge selected shapes',
    group: 'Selection',
    ids: [
      'selection.nudgeLeft',
      'selection.nudgeRight',
      'selection.nudgeUp',
      'selection.nudgeDown',
    ],
  },
  {
    keys: ['Shift', 'Arrow keys'],
    action: 'Nudge selected shapes 10×',
    group: 'Selection',
    ids: [
      'selection.nudgeLeftFar',
      'selection.nudgeRightFar',
      'selection.nudgeUpFar',
      'selection.nudgeDownFar',
    ],
  },
  { keys: ['+'], action: 'Zoom in', group: 'View', ids: ['view.zoomIn'] },
  { keys: ['−'], action: 'Zoom out', group: 'View', ids: ['view.zoomOut'] },
  { keys: ['Shift', '1'], action: 'Zoom to fit', group: 'View', ids: ['view.zoomFit'] },
  { keys: ['Shift', '2'], action: 'Zoom to selection', group: 'View', ids: ['view.zoomSelection'] },
  { keys: ['0'], action: 'Reset zoom to 100 %', group: 'View', ids: ['view.zoomReset'] },
  { keys: ['Space', 'Drag'], action: 'Pan the board', group: 'View', ids: ['view.panHold'] },
  { keys: ['Alt', '1'], action: 'Canvas view', group: 'View', ids: ['view.canvas'] },
  { keys: ['Alt', '2'], action: 'Table view (accessible)', group: 'View', ids: ['view.table'] },
  { keys: ['?'], action: 'Show keyboard shortcuts', group: 'Help', ids: ['help.shortcuts'] },
];

const MAC_MODIFIERS: Record<string, string> = { Alt: '⌥', Shift: '⇧', Ctrl: '⌘' };
/** Apple's order for modifier symbols: Option, Shift, Command. */
const MAC_ORDER = ['Alt', 'Shift', 'Ctrl'];

/** The key names of a combination as shown to the user: on a Mac, modifiers become ⌥ ⇧ ⌘. */
export function keyLabels(keys: readonly string[], isMac: boolean): string[] {
  if (!isMac) return [...keys];
  const modifiers = keys
    .filter((k) => k in MAC_MODIFIERS)
    .sort((a, b) => MAC_ORDER.indexOf(a) - MAC_ORDER.indexOf(b));
  return [...modifiers.map((k) => MAC_MODIFIERS[k]!), ...keys.filter((k) => !(k in MAC_MODIFIERS))];
}

/**
 * One combination as text: `Ctrl+Shift+Z` elsewhere, `⇧⌘Z` on a Mac (modifier symbols run
 * into a one-character key; a longer key name gets a space, as in `⇧ Arrow keys`).
 */
export function formatKeys(keys: string[], isMac: boolean): string {
  if (!isMac) return keys.join('+');
  const modifiers = keys.filter((k) => k in MAC_MODIFIERS);
  const rest = keys.filter((k) => !(k in MAC_MODIFIERS)).join('+');
  const symbols = keyLabels(modifiers, true).join('');
  if (!symbols || !rest) return symbols + rest;
  return [...rest].length === 1 ? symbols + rest : `${symbols} ${rest}`;
}

/** The subset of a KeyboardEvent the matcher reads. `code` (layout independent) is optional. */
export interface KeyLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

const LETTER_ACTIONS: Record<string, ShortcutAction> = {
  v: 'tool.select',
  h: 'tool.hand',
  n: 'tool.note',
  t: 'tool.text',
  r: 'tool.rect',
  a: 'tool.arrow',
  m: 'tool.comment',
  c: 'edit.newCard',
};

const MOD_ACTIONS: Record<string, ShortcutAction> = {
  z: 'edit.undo',
  y: 'edit.redo',
  c: 'edit.copy',
  v: 'edit.paste',
  d: 'edit.duplicate',
  a: 'selection.all',
};

const ARROWS: Record<string, 'Left' | 'Right' | 'Up' | 'Down'> = {
  ArrowLeft: 'Left',
  ArrowRight: 'Right',
  ArrowUp: 'Up',
  ArrowDown: 'Down',
  // Legacy (old Edge) key names.
  Left: 'Left',
  Right: 'Right',
  Up: 'Up',
  Down: 'Down',
};

/**
 * The key in lower case when it is one character; on a non-Latin layout (Cyrillic, Greek…) a
 * letter key falls back to its physical Latin letter, so Ctrl+Z still undoes.
 */
function letterOf(event: KeyLike): string {
  const { key } = event;
  if (key.length !== 1) return key;
  const lower = key.toLowerCase();
  const code = /^Key([A-Z])$/.exec(event.code ?? '');
  if (code && lower.charCodeAt(0) > 0x7f) return code[1]!.toLowerCase();
  return lower;
}

/**
 * The action a key press triggers, or null. `Ctrl` is ⌘ (metaKey) on a Mac and Ctrl elsewhere;
 * the other of the two, and Alt, must not be held (Alt alone with 1 or 2 switches the view).
 * Letters match either case (Caps Lock) but
 * not with Shift, except Ctrl+Shift+Z. Pure: the caller decides whether the target is a field.
 */
export function matchShortcut(event: KeyLike, isMac: boolean): ShortcutAction | null {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const otherMod = isMac ? event.ctrlKey : event.metaKey;
  if (event.altKey && !mod && !otherMod && !event.shiftKey) return viewSwitch(event);
  if (event.altKey || otherMod) return null;
  const { key, shiftKey: shift } = event;
  const lower = letterOf(event);

  if (mod) {
    if (lower === 'z') return shift ? 'edit.redo' : 'edit.undo';
    if (shift) return null;
    return MOD_ACTIONS[lower] ?? null;
  }

  const arrow = ARROWS[key];
  if (arrow) return `selection.nudge${arrow}${shift ? 'Far' : ''}` as ShortcutAction;

  // Symbols: Shift is part of how they are typed on many layouts, so it is not checked.
  if (key === '+' || key === '=') return 'view.zoomIn';
  if (key === '-' || key === '_' || key === '−') return 'view.zoomOut';
  if (key === '?') return 'help.shortcuts';
  if (key === 'Escape' || key === 'Esc') return 'selection.cancel';

  if (key === '0') return 'view.zoomReset';
  if (shift) {
    // Shift+1 types '!' (US) or '1' (AZERTY); the physical key code settles it where known.
    if (event.code === 'Digit1' || key === '1' || key === '!') return 'view.zoomFit';
    if (event.code === 'Digit2' || key === '2' || key === '@') return 'view.zoomSelection';
    return null;
  }

  if (event.code === 'Digit0' || event.code === 'Numpad0') return 'view.zoomReset';
  if (key === 'Enter') return 'edit.start';
  if (key === 'Delete' || key === 'Backspace') return 'edit.delete';
  if (key === ' ' || key === 'Spacebar') return 'view.panHold';
  return LETTER_ACTIONS[lower] ?? null;
}

/** Alt+1 / Alt+2: the physical digit, since Option+1 types '¡' on a Mac. */
function viewSwitch(event: KeyLike): ShortcutAction | null {
  if (event.code === 'Digit1' || (!event.code && event.key === '1')) return 'view.canvas';
  if (event.code === 'Digit2' || (!event.code && event.key === '2')) return 'view.table';
  return null;
}

/** The tool a `tool.*` action picks, or null for other actions. */
export function toolForAction(action: ShortcutAction): Tool | null {
  return action.startsWith('tool.') ? (action.slice('tool.'.length) as Tool) : null;
}

/** The step of a nudge action in board units (1, or 10 with Shift), or null for other actions. */
export function nudgeVector(action: ShortcutAction, step = 1): { dx: number; dy: number } | null {
  const m = /^selection\.nudge(Left|Right|Up|Down)(Far)?$/.exec(action);
  if (!m) return null;
  const d = m[2] ? step * 10 : step;
  // The pattern above only lets these four through.
  switch (m[1] as 'Left' | 'Right' | 'Up' | 'Down') {
    case 'Left':
      return { dx: -d, dy: 0 };
    case 'Right':
      return { dx: d, dy: 0 };
    case 'Up':
      return { dx: 0, dy: -d };
    case 'Down':
      return { dx: 0, dy: d };
  }
}

/** Whether a key event comes from a place where typing goes (then most shortcuts must not fire). */
export function isEditableTarget(target: unknown): boolean {
  if (!target || typeof target !== 'object') return false;
  const el = target as { tagName?: unknown; isContentEditable?: unknown; type?: unknown };
  if (el.isContentEditable === true) return true;
  const tag = typeof el.tagName === 'string' ? el.tagName.toUpperCase() : '';
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag !== 'INPUT') return false;
  const type = typeof el.type === 'string' ? el.type.toLowerCase() : 'text';
  return !['button', 'checkbox', 'radio', 'range', 'color', 'submit', 'reset'].includes(type);
}

/** Whether this browser runs on a Mac (or iPad/iPhone), where Ctrl shortcuts use ⌘. */
export function isMacPlatform(
  nav: { platform?: string; userAgent?: string } | undefined = globalThis.navigator,
): boolean {
  if (!nav) return false;
  return /Mac|iPhone|iPad|iPod/i.test(nav.platform || nav.userAgent || '');
}

/** Actions that change the map: nothing to do for a link that may not edit it. */
const MAP_CHANGES: ReadonlySet<ShortcutAction> = new Set<ShortcutAction>([
  'edit.newCard',
  'edit.start',
  'edit.delete',
  'edit.undo',
  'edit.redo',
  'edit.paste',
  'edit.duplicate',
  'selection.nudgeLeft',
  'selection.nudgeRight',
  'selection.nudgeUp',
  'selection.nudgeDown',
  'selection.nudgeLeftFar',
  'selection.nudgeRightFar',
  'selection.nudgeUpFar',
  'selection.nudgeDownFar',
]);

/**
 * Whether a shortcut may run: read-only links (viewers, commenters) keep selecting, copying,
 * panning, zooming and the tools they have, and lose everything that changes the map.
 */
export function shortcutAllowed(
  action: ShortcutAction,
  access: { readOnly: boolean; tools: readonly Tool[] },
): boolean {
  const tool = toolForAction(action);
  if (tool) return access.tools.includes(tool);
  return !(access.readOnly && MAP_CHANGES.has(action));
}
