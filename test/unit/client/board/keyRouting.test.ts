import { describe, expect, it } from 'vitest';
import {
  keyOrigin,
  routesToBoard,
  type KeyOrigin,
} from '../../../../client/src/board/keyboard/keyRouting.js';
import { SHORTCUT_ACTIONS } from '../../../../client/src/board/keyboard/shortcuts.js';

/** Just enough of an element for `closest` with simple selectors (tag, [attr], [attr=value]). */
interface FakeElement {
  tagName: string;
  attrs: Record<string, string>;
  parent: FakeElement | null;
  closest(selectors: string): FakeElement | null;
}

function matches(el: FakeElement, selector: string): boolean {
  const m = /^([a-z]*)((?:\[[^\]]+\])*)$/i.exec(selector.trim());
  if (!m) throw new Error(`unsupported selector ${selector}`);
  if (m[1] && el.tagName.toLowerCase() !== m[1].toLowerCase()) return false;
  for (const [, name, value] of m[2]!.matchAll(/\[([\w-]+)(?:=([\w-]+))?\]/g)) {
    if (!(name! in el.attrs)) return false;
    if (value !== undefined && el.attrs[name!] !== value) return false;
  }
  return true;
}

function element(
  tagName: string,
  attrs: Record<string, string> = {},
  parent: FakeElement | null = null,
) {
  const el: FakeElement = {
    tagName,
    attrs,
    parent,
    closest(selectors) {
      for (let at: FakeElement | null = el; at; at = at.parent)
        if (selectors.split(',').some((s) => matches(at!, s))) return at;
      return null;
    },
  };
  return el;
}

const body = element('BODY');
const canvasHost = element('DIV', { 'data-testid': 'board-canvas' }, element('DIV', {}, body));
const toolbar = element('NAV', {}, body);
const sidePanel = element('ASIDE', {}, body);

describe('keyOrigin', () => {
  it('tells fields, dialogs, panels, controls and the board apart', () => {
    const cases: [unknown, KeyOrigin][] = [
      [element('TEXTAREA', {}, sidePanel), 'field'],
      [element('DIV', { role: 'dialog' }, body), 'dialog'],
      [element('BUTTON', {}, element('DIV', { role: 'dialog' }, body)), 'dialog'],
      [element('BUTTON', {}, sidePanel), 'panel'],
      [element('A', { href: '#' }, sidePanel), 'panel'],
      [element('BUTTON', { role: 'menuitem' }, element('DIV', { role: 'menu' }, toolbar)), 'panel'],
      [element('BUTTON', {}, toolbar), 'control'],
      [element('LI', { tabindex: '0' }, body), 'control'],
      [element('CANVAS', {}, canvasHost), 'board'],
      [body, 'board'],
      [null, 'board'],
    ];
    for (const [target, origin] of cases) expect(keyOrigin(target)).toBe(origin);
  });
});

describe('routesToBoard', () => {
  it('gives the board every key when it has the keyboard', () => {
    for (const action of SHORTCUT_ACTIONS) expect(routesToBoard(action, 'board')).toBe(true);
  });

  it('gives it nothing typed in a field or a dialog', () => {
    for (const action of SHORTCUT_ACTIONS) {
      expect(routesToBoard(action, 'field')).toBe(false);
      expect(routesToBoard(action, 'dialog')).toBe(false);
    }
  });

  it('keeps single-key shortcuts pressed in a side panel or menu away from the board', () => {
    for (const action of [
      'tool.note',
      'tool.hand',
      'edit.newCard',
      'edit.delete',
      'edit.start',
      'edit.paste',
      'edit.copy',
      'selection.all',
      'selection.nudgeLeft',
      'view.zoomReset',
    ] as const)
      expect(routesToBoard(action, 'panel'), action).toBe(false);
    for (const action of ['edit.undo', 'edit.redo', 'selection.cancel', 'view.table'] as const)
      expect(routesToBoard(action, 'panel'), action).toBe(true);
  });

  it('leaves Enter and Space to a focused button, and the rest to the board', () => {
    expect(routesToBoard('edit.start', 'control')).toBe(false);
    expect(routesToBoard('view.panHold', 'control')).toBe(false);
    expect(routesToBoard('tool.select', 'control')).toBe(true);
    expect(routesToBoard('edit.delete', 'control')).toBe(true);
  });
});
