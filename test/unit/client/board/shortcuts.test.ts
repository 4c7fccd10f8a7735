import { describe, expect, it } from 'vitest';
import {
  formatKeys,
  isEditableTarget,
  isMacPlatform,
  keyLabels,
  matchShortcut,
  nudgeVector,
  SHORTCUT_ACTIONS,
  SHORTCUT_GROUPS,
  SHORTCUTS,
  toolForAction,
  type KeyLike,
  type ShortcutAction,
} from '../../../../client/src/board/keyboard/shortcuts.js';

type Mods = Partial<Omit<KeyLike, 'key'>>;
const press = (key: string, mods: Mods = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});
/** Ctrl on Windows/Linux, ⌘ on a Mac. */
const mod = (isMac: boolean): Mods => (isMac ? { metaKey: true } : { ctrlKey: true });

describe('SHORTCUTS', () => {
  it('covers every action id, and only known ids, in known groups', () => {
    const listed = new Set(SHORTCUTS.flatMap((s) => s.ids));
    expect([...listed].sort()).toEqual([...SHORTCUT_ACTIONS].sort());
    for (const s of SHORTCUTS) {
      expect(SHORTCUT_GROUPS).toContain(s.group);
      expect(s.keys.length).toBeGreaterThan(0);
      expect(s.action.trim()).not.toBe('');
      expect(s.ids.length).toBeGreaterThan(0);
    }
  });

  it('has no duplicate key combinations', () => {
    const combos = SHORTCUTS.map((s) => s.keys.join('+'));
    expect(new Set(combos).size).toBe(combos.length);
  });

  it('lists the documented shortcuts', () => {
    const find = (keys: string) => SHORTCUTS.find((s) => s.keys.join('+') === keys)?.ids;
    expect(find('V')).toEqual(['tool.select']);
    expect(find('H')).toEqual(['tool.hand']);
    expect(find('N')).toEqual(['tool.note']);
    expect(find('T')).toEqual(['tool.text']);
    expect(find('R')).toEqual(['tool.rect']);
    expect(find('A')).toEqual(['tool.arrow']);
    expect(find('C')).toEqual(['edit.newCard']);
    expect(find('Enter')).toEqual(['edit.start']);
    expect(find('Esc')).toEqual(['selection.cancel']);
    expect(find('Delete')).toEqual(['edit.delete']);
    expect(find('Backspace')).toEqual(['edit.delete']);
    expect(find('Ctrl+Z')).toEqual(['edit.undo']);
    expect(find('Ctrl+Shift+Z')).toEqual(['edit.redo']);
    expect(find('Ctrl+Y')).toEqual(['edit.redo']);
    expect(find('Ctrl+C')).toEqual(['edit.copy']);
    expect(find('Ctrl+V')).toEqual(['edit.paste']);
    expect(find('Ctrl+D')).toEqual(['edit.duplicate']);
    expect(find('Ctrl+A')).toEqual(['selection.all']);
    expect(find('+')).toEqual(['view.zoomIn']);
    expect(find('−')).toEqual(['view.zoomOut']);
    expect(find('Shift+1')).toEqual(['view.zoomFit']);
    expect(find('Shift+2')).toEqual(['view.zoomSelection']);
    expect(find('0')).toEqual(['view.zoomReset']);
    expect(find('Space+Drag')).toEqual(['view.panHold']);
    expect(find('?')).toEqual(['help.shortcuts']);
    expect(find('Alt+1')).toEqual(['view.canvas']);
    expect(find('Alt+2')).toEqual(['view.table']);
  });

  it('switches views with Alt+1 / Alt+2 by the physical key, and only with Alt alone', () => {
    for (const isMac of [false, true]) {
      expect(matchShortcut(press('1', { altKey: true, code: 'Digit1' }), isMac)).toBe(
        'view.canvas',
      );
      // Option+2 types '™' on a Mac keyboard: the key code still says Digit2.
      expect(matchShortcut(press('™', { altKey: true, code: 'Digit2' }), isMac)).toBe('view.table');
      expect(matchShortcut(press('2', { altKey: true }), isMac)).toBe('view.table');
      expect(
        matchShortcut(press('1', { altKey: true, shiftKey: true, code: 'Digit1' }), isMac),
      ).toBeNull();
      expect(
        matchShortcut(press('1', { altKey: true, ...mod(isMac), code: 'Digit1' }), isMac),
      ).toBeNull();
      expect(matchShortcut(press('3', { altKey: true, code: 'Digit3' }), isMac)).toBeNull();
    }
  });

  it('every single-key combination it lists is what matchShortcut returns for it', () => {
    const keyOf: Record<string, string> = { Esc: 'Escape', Space: ' ', '−': '-' };
    for (const isMac of [false, true]) {
      for (const s of SHORTCUTS) {
        if (s.keys.includes('Arrow keys') || s.keys.includes('Drag')) continue;
        const main = s.keys[s.keys.length - 1]!;
        const shift = s.keys.includes('Shift');
        const event = press(keyOf[main] ?? (main.length === 1 ? main.toLowerCase() : main), {
          ...(s.keys.includes('Ctrl') ? mod(isMac) : {}),
          altKey: s.keys.includes('Alt'),
          shiftKey: shift,
          code: /^\d$/.test(main) ? `Digit${main}` : undefined,
        });
        expect(matchShortcut(event, isMac), `${s.keys.join('+')} mac=${isMac}`).toBe(s.ids[0]);
      }
    }
  });
});

describe('matchShortcut', () => {
  const bothPlatforms = [false, true];

  it.each([
    ['v', 'tool.select'],
    ['h', 'tool.hand'],
    ['n', 'tool.note'],
    ['t', 'tool.text'],
    ['r', 'tool.rect'],
    ['a', 'tool.arrow'],
    ['c', 'edit.newCard'],
  ] as const)('plain %s → %s, either case (Caps Lock), on both platforms', (key, action) => {
    for (const isMac of bothPlatforms) {
      expect(matchShortcut(press(key), isMac)).toBe(action);
      expect(matchShortcut(press(key.toUpperCase()), isMac)).toBe(action);
    }
  });

  it('letters with Shift or Alt are not tool shortcuts', () => {
    for (const isMac of bothPlatforms) {
      for (const key of ['v', 'h', 'n', 't', 'r', 'a', 'c', 'x', 'q']) {
        expect(matchShortcut(press(key.toUpperCase(), { shiftKey: true }), isMac)).toBeNull();
        expect(matchShortcut(press(key, { altKey: true }), isMac)).toBeNull();
      }
    }
  });

  it('unassigned keys match nothing', () => {
    for (const key of ['x', 'q', 'b', '3', 'F1', 'Tab', 'Home', 'Shift', 'Control', 'Meta']) {
      expect(matchShortcut(press(key), false)).toBeNull();
    }
  });

  it.each([
    ['z', 'edit.undo'],
    ['y', 'edit.redo'],
    ['c', 'edit.copy'],
    ['v', 'edit.paste'],
    ['d', 'edit.duplicate'],
    ['a', 'selection.all'],
  ] as const)('Ctrl/⌘+%s → %s', (key, action) => {
    expect(matchShortcut(press(key, { ctrlKey: true }), false)).toBe(action);
    expect(matchShortcut(press(key, { metaKey: true }), true)).toBe(action);
    expect(matchShortcut(press(key.toUpperCase(), { ctrlKey: true }), false)).toBe(action);
  });

  it('Ctrl+Shift+Z redoes (key arrives upper- or lower-case)', () => {
    expect(matchShortcut(press('Z', { ctrlKey: true, shiftKey: true }), false)).toBe('edit.redo');
    expect(matchShortcut(press('z', { ctrlKey: true, shiftKey: true }), false)).toBe('edit.redo');
    expect(matchShortcut(press('z', { metaKey: true, shiftKey: true }), true)).toBe('edit.redo');
  });

  it('on a Mac the command key is ⌘: Ctrl+Z there is not undo, and ⌘ is ignored elsewhere', () => {
    expect(matchShortcut(press('z', { ctrlKey: true }), true)).toBeNull();
    expect(matchShortcut(press('z', { metaKey: true }), false)).toBeNull();
    expect(matchShortcut(press('v', { metaKey: true }), false)).toBeNull();
    expect(matchShortcut(press('v', { ctrlKey: true, metaKey: true }), true)).toBeNull();
  });

  it('the command key with Shift (other than Z) or Alt matches nothing', () => {
    for (const key of ['Y', 'C', 'V', 'D', 'A']) {
      expect(matchShortcut(press(key, { ctrlKey: true, shiftKey: true }), false)).toBeNull();
    }
    expect(matchShortcut(press('z', { ctrlKey: true, altKey: true }), false)).toBeNull();
    expect(matchShortcut(press('z', { metaKey: true, altKey: true }), true)).toBeNull();
  });

  it('the command key leaves browser zoom and other keys alone', () => {
    for (const key of ['+', '=', '-', '0', 'x', 'Enter', 'Delete', 'ArrowLeft', '?']) {
      expect(matchShortcut(press(key, { ctrlKey: true }), false)).toBeNull();
      expect(matchShortcut(press(key, { metaKey: true }), true)).toBeNull();
    }
  });

  it('falls back to the physical letter on non-Latin layouts', () => {
    // Russian layout: the Z key types "я", the V key "м".
    expect(matchShortcut(press('я', { ctrlKey: true, code: 'KeyZ' }), false)).toBe('edit.undo');
    expect(matchShortcut(press('м', { code: 'KeyV' }), false)).toBe('tool.select');
    // AZERTY: the key labelled A is KeyQ; what it types wins.
    expect(matchShortcut(press('a', { code: 'KeyQ' }), false)).toBe('tool.arrow');
    // A non-Latin character without a letter code is nothing.
    expect(matchShortcut(press('я'), false)).toBeNull();
  });

  it('Enter edits, Esc cancels, Delete and Backspace delete', () => {
    for (const isMac of bothPlatforms) {
      expect(matchShortcut(press('Enter'), isMac)).toBe('edit.start');
      expect(matchShortcut(press('Escape'), isMac)).toBe('selection.cancel');
      expect(matchShortcut(press('Esc'), isMac)).toBe('selection.cancel');
      expect(matchShortcut(press('Delete'), isMac)).toBe('edit.delete');
      expect(matchShortcut(press('Backspace'), isMac)).toBe('edit.delete');
    }
    expect(matchShortcut(press('Enter', { shiftKey: true }), false)).toBeNull();
    expect(matchShortcut(press('Delete', { shiftKey: true }), false)).toBeNull();
    expect(matchShortcut(press('Escape', { shiftKey: true }), false)).toBe('selection.cancel');
  });

  it.each([
    ['ArrowLeft', 'selection.nudgeLeft', 'selection.nudgeLeftFar'],
    ['ArrowRight', 'selection.nudgeRight', 'selection.nudgeRightFar'],
    ['ArrowUp', 'selection.nudgeUp', 'selection.nudgeUpFar'],
    ['ArrowDown', 'selection.nudgeDown', 'selection.nudgeDownFar'],
    ['Left', 'selection.nudgeLeft', 'selection.nudgeLeftFar'],
    ['Down', 'selection.nudgeDown', 'selection.nudgeDownFar'],
  ] as const)('%s nudges (%s), with Shift 10× (%s)', (key, near, far) => {
    expect(matchShortcut(press(key), false)).toBe(near);
    expect(matchShortcut(press(key, { shiftKey: true }), true)).toBe(far);
    expect(matchShortcut(press(key, { altKey: true }), false)).toBeNull();
  });

  it('+ and = zoom in, - zooms out, with or without Shift (layouts differ)', () => {
    for (const shiftKey of [false, true]) {
      expect(matchShortcut(press('+', { shiftKey }), false)).toBe('view.zoomIn');
      expect(matchShortcut(press('=', { shiftKey }), false)).toBe('view.zoomIn');
      expect(matchShortcut(press('-', { shiftKey }), false)).toBe('view.zoomOut');
    }
    expect(matchShortcut(press('_', { shiftKey: true }), false)).toBe('view.zoomOut');
  });

  it('Shift+1 fits, Shift+2 zooms to the selection, whatever the layout types', () => {
    // US: Shift+1 → "!", Shift+2 → "@"; German: Shift+2 → '"'; AZERTY: Shift+& → "1".
    const fit = [press('!', { shiftKey: true, code: 'Digit1' }), press('!', { shiftKey: true })];
    fit.push(press('1', { shiftKey: true, code: 'Digit1' }), press('1', { shiftKey: true }));
    for (const e of fit) expect(matchShortcut(e, false)).toBe('view.zoomFit');
    const sel = [
      press('@', { shiftKey: true }),
      press('"', { shiftKey: true, code: 'Digit2' }),
      press('2', { shiftKey: true }),
    ];
    for (const e of sel) expect(matchShortcut(e, true)).toBe('view.zoomSelection');
    // Without Shift the digits are not these shortcuts.
    expect(matchShortcut(press('1', { code: 'Digit1' }), false)).toBeNull();
    expect(matchShortcut(press('2', { code: 'Digit2' }), false)).toBeNull();
  });

  it('0 resets the zoom (also the unshifted 0 key on AZERTY, and the numpad)', () => {
    expect(matchShortcut(press('0'), false)).toBe('view.zoomReset');
    expect(matchShortcut(press('0', { shiftKey: true }), false)).toBe('view.zoomReset');
    expect(matchShortcut(press('à', { code: 'Digit0' }), false)).toBe('view.zoomReset');
    expect(matchShortcut(press('Insert', { code: 'Numpad0' }), false)).toBe('view.zoomReset');
    // US Shift+0 types ")".
    expect(matchShortcut(press(')', { shiftKey: true, code: 'Digit0' }), false)).toBeNull();
  });

  it('? opens the help however it is typed', () => {
    expect(matchShortcut(press('?', { shiftKey: true }), false)).toBe('help.shortcuts');
    expect(matchShortcut(press('?'), true)).toBe('help.shortcuts');
    expect(matchShortcut(press('/', { shiftKey: false }), false)).toBeNull();
  });

  it('Space starts a pan', () => {
    expect(matchShortcut(press(' '), false)).toBe('view.panHold');
    expect(matchShortcut(press('Spacebar'), false)).toBe('view.panHold');
    expect(matchShortcut(press(' ', { ctrlKey: true }), false)).toBeNull();
  });

  it('Alt blocks every shortcut', () => {
    for (const key of ['v', 'Enter', 'Escape', 'Delete', '+', '-', '0', '?', ' ', 'ArrowUp']) {
      expect(matchShortcut(press(key, { altKey: true }), false)).toBeNull();
    }
  });

  it('returns only known action ids', () => {
    const known = new Set<string>(SHORTCUT_ACTIONS);
    const keys = ['a', 'z', 'v', '0', '1', '!', '?', '+', '-', 'Enter', 'ArrowUp', ' ', 'Escape'];
    for (const key of keys) {
      for (const ctrlKey of [false, true]) {
        for (const metaKey of [false, true]) {
          for (const shiftKey of [false, true]) {
            for (const isMac of bothPlatforms) {
              const action = matchShortcut(press(key, { ctrlKey, metaKey, shiftKey }), isMac);
              if (action !== null) expect(known.has(action)).toBe(true);
            }
          }
        }
      }
    }
  });
});

describe('formatKeys', () => {
  it('joins with + off a Mac', () => {
    expect(formatKeys(['Ctrl', 'Z'], false)).toBe('Ctrl+Z');
    expect(formatKeys(['Ctrl', 'Shift', 'Z'], false)).toBe('Ctrl+Shift+Z');
    expect(formatKeys(['Shift', '1'], false)).toBe('Shift+1');
    expect(formatKeys(['Space', 'Drag'], false)).toBe('Space+Drag');
    expect(formatKeys(['?'], false)).toBe('?');
    expect(formatKeys([], false)).toBe('');
  });

  it('uses ⌘ for Ctrl and Apple symbol order on a Mac', () => {
    expect(formatKeys(['Ctrl', 'Z'], true)).toBe('⌘Z');
    expect(formatKeys(['Ctrl', 'Shift', 'Z'], true)).toBe('⇧⌘Z');
    expect(formatKeys(['Ctrl', 'Alt', 'Shift', 'K'], true)).toBe('⌥⇧⌘K');
    expect(formatKeys(['Shift', '1'], true)).toBe('⇧1');
    expect(formatKeys(['Shift', 'Arrow keys'], true)).toBe('⇧ Arrow keys');
    expect(formatKeys(['Space', 'Drag'], true)).toBe('Space+Drag');
    expect(formatKeys(['Esc'], true)).toBe('Esc');
    expect(formatKeys(['Ctrl'], true)).toBe('⌘');
  });

  it('formats every listed shortcut on both platforms without a Ctrl left on a Mac', () => {
    for (const s of SHORTCUTS) {
      const pc = formatKeys(s.keys, false);
      const mac = formatKeys(s.keys, true);
      expect(pc).toBe(s.keys.join('+'));
      expect(mac).not.toMatch(/Ctrl|Shift/);
      if (s.keys.includes('Ctrl')) expect(mac).toContain('⌘');
    }
  });

  it('keyLabels gives the parts for separate key caps', () => {
    expect(keyLabels(['Ctrl', 'Shift', 'Z'], false)).toEqual(['Ctrl', 'Shift', 'Z']);
    expect(keyLabels(['Ctrl', 'Shift', 'Z'], true)).toEqual(['⇧', '⌘', 'Z']);
    expect(keyLabels(['Space', 'Drag'], true)).toEqual(['Space', 'Drag']);
  });
});

describe('helpers', () => {
  it('toolForAction maps tool.* to the board tools', () => {
    expect(toolForAction('tool.select')).toBe('select');
    expect(toolForAction('tool.hand')).toBe('hand');
    expect(toolForAction('tool.note')).toBe('note');
    expect(toolForAction('tool.text')).toBe('text');
    expect(toolForAction('tool.rect')).toBe('rect');
    expect(toolForAction('tool.arrow')).toBe('arrow');
    expect(toolForAction('tool.comment')).toBe('comment');
    expect(toolForAction('edit.undo')).toBeNull();
    const tools = SHORTCUT_ACTIONS.map(toolForAction).filter(Boolean);
    expect(tools).toHaveLength(7);
  });

  it('nudgeVector gives 1 or 10 steps in the right direction', () => {
    expect(nudgeVector('selection.nudgeLeft')).toEqual({ dx: -1, dy: 0 });
    expect(nudgeVector('selection.nudgeRight')).toEqual({ dx: 1, dy: 0 });
    expect(nudgeVector('selection.nudgeUp')).toEqual({ dx: 0, dy: -1 });
    expect(nudgeVector('selection.nudgeDown')).toEqual({ dx: 0, dy: 1 });
    expect(nudgeVector('selection.nudgeLeftFar')).toEqual({ dx: -10, dy: 0 });
    expect(nudgeVector('selection.nudgeDownFar', 2)).toEqual({ dx: 0, dy: 20 });
    expect(nudgeVector('selection.all')).toBeNull();
    const nudges = SHORTCUT_ACTIONS.filter((a: ShortcutAction) => nudgeVector(a) !== null);
    expect(nudges).toHaveLength(8);
  });

  it('isEditableTarget spots fields', () => {
    expect(isEditableTarget({ tagName: 'TEXTAREA' })).toBe(true);
    expect(isEditableTarget({ tagName: 'input', type: 'text' })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'number' })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT' })).toBe(true);
    expect(isEditableTarget({ tagName: 'SELECT' })).toBe(true);
    expect(isEditableTarget({ tagName: 'DIV', isContentEditable: true })).toBe(true);
    expect(isEditableTarget({ tagName: 'INPUT', type: 'checkbox' })).toBe(false);
    expect(isEditableTarget({ tagName: 'BUTTON' })).toBe(false);
    expect(isEditableTarget({ tagName: 'CANVAS', isContentEditable: false })).toBe(false);
    expect(isEditableTarget(null)).toBe(false);
    expect(isEditableTarget(undefined)).toBe(false);
  });

  it('isMacPlatform reads the platform, then the user agent', () => {
    expect(isMacPlatform({ platform: 'MacIntel' })).toBe(true);
    expect(isMacPlatform({ platform: 'iPhone' })).toBe(true);
    expect(isMacPlatform({ platform: 'Win32', userAgent: 'Mac' })).toBe(false);
    expect(isMacPlatform({ platform: 'Linux x86_64' })).toBe(false);
    expect(
      isMacPlatform({ platform: '', userAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X)' }),
    ).toBe(true);
    expect(isMacPlatform({})).toBe(false);
  });
});
