import { describe, expect, it } from 'vitest';
import { shareableLinks, ROLE_EXPLANATIONS } from '../../../../client/src/board/core/share.js';
import {
  SHORTCUT_ACTIONS,
  shortcutAllowed,
} from '../../../../client/src/board/keyboard/shortcuts.js';
import { abilitiesOf } from '../../../../client/src/board/core/tools.js';
import { refusalOf } from '../../../../client/src/board/core/session.js';
import { boardOf } from '../../../../client/src/boardLinks.js';
import { CloseCode } from '../../../../shared/protocol/closeCodes.js';
import { ROLES } from '../../../../shared/protocol/roles.js';

describe('abilitiesOf', () => {
  it('gives owners and editors every tool', () => {
    for (const role of ['owner', 'editor'] as const) {
      expect(abilitiesOf(role)).toEqual({
        edit: true,
        comment: true,
        present: true,
        tools: ['select', 'hand', 'note', 'text', 'rect', 'arrow', 'comment'],
      });
    }
  });

  it('W37: gives commenters select, pan and the comment tool, and no presenting', () => {
    expect(abilitiesOf('commenter')).toEqual({
      edit: false,
      comment: true,
      present: false,
      tools: ['select', 'hand', 'comment'],
    });
  });

  it('W37: gives viewers select and pan only, and no presenting', () => {
    expect(abilitiesOf('viewer')).toEqual({
      edit: false,
      comment: false,
      present: false,
      tools: ['select', 'hand'],
    });
  });
});

describe('shortcutAllowed', () => {
  const editor = { readOnly: false, tools: abilitiesOf('editor').tools };
  const viewer = { readOnly: true, tools: abilitiesOf('viewer').tools };
  const commenter = { readOnly: true, tools: abilitiesOf('commenter').tools };

  it('allows every shortcut to an editor', () => {
    for (const action of SHORTCUT_ACTIONS) expect(shortcutAllowed(action, editor)).toBe(true);
  });

  it('blocks every map change for read-only links', () => {
    for (const action of [
      'edit.delete',
      'edit.newCard',
      'edit.start',
      'edit.paste',
      'edit.duplicate',
      'edit.undo',
      'edit.redo',
      'selection.nudgeLeft',
      'selection.nudgeDownFar',
    ] as const) {
      expect(shortcutAllowed(action, viewer), action).toBe(false);
      expect(shortcutAllowed(action, commenter), action).toBe(false);
    }
  });

  it('keeps looking around: select, copy, zoom, pan, help', () => {
    for (const action of [
      'selection.all',
      'selection.cancel',
      'edit.copy',
      'view.zoomIn',
      'view.zoomFit',
      'view.panHold',
      'help.shortcuts',
      'tool.select',
      'tool.hand',
    ] as const) {
      expect(shortcutAllowed(action, viewer), action).toBe(true);
    }
  });

  it('only switches to tools the link has', () => {
    expect(shortcutAllowed('tool.note', viewer)).toBe(false);
    expect(shortcutAllowed('tool.arrow', commenter)).toBe(false);
    expect(shortcutAllowed('tool.comment', viewer)).toBe(false);
    expect(shortcutAllowed('tool.comment', commenter)).toBe(true);
  });
});

describe('shareableLinks', () => {
  const all = { owner: 'o', editor: 'e', commenter: 'c', viewer: 'v' };

  it('offers an owner all four links, strongest first', () => {
    expect(shareableLinks('owner', all).map((l) => l.role)).toEqual([...ROLES]);
  });

  it('never offers a link above the page’s own role', () => {
    expect(shareableLinks('commenter', all)).toEqual([
      { role: 'commenter', token: 'c' },
      { role: 'viewer', token: 'v' },
    ]);
    expect(shareableLinks('viewer', all)).toEqual([{ role: 'viewer', token: 'v' }]);
  });

  it('offers only the links this browser holds', () => {
    expect(shareableLinks('editor', { editor: 'e', owner: 'o' })).toEqual([
      { role: 'editor', token: 'e' },
    ]);
  });

  it('explains every role', () => {
    for (const role of ROLES) expect(ROLE_EXPLANATIONS[role]).toMatch(/\w/);
  });
});

describe('refusalOf', () => {
  /** An unsigned token with the payload the server signs: the client only reads it. */
  const token = (payload: object) =>
    `h.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.s`;

  it('tells a link of another board from replaced, damaged and otherwise refused links', () => {
    const other = token({ b: 'boardA', r: 'editor', kv: 1 });
    expect(boardOf(other)).toBe('boardA');
    expect(refusalOf(CloseCode.FORBIDDEN, 'the token is for another board', 'boardB', other)).toBe(
      'other-board',
    );
    expect(refusalOf(CloseCode.FORBIDDEN, 'this origin may not connect', 'boardA', other)).toBe(
      'refused',
    );
    expect(refusalOf(CloseCode.UNAUTHORIZED, 'the share link was replaced', 'boardA', other)).toBe(
      'replaced',
    );
    expect(refusalOf(CloseCode.UNAUTHORIZED, 'the token is invalid', 'boardA', 'x.y.z')).toBe(
      'invalid',
    );
  });
});
