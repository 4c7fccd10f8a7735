import { describe, expect, it } from 'vitest';
import {
  PIN_FAN,
  PIN_INSET,
  PIN_SIZE,
  pinLabel,
  placePins,
} from '../../../../client/src/board/comments/pins.js';
import { GRID } from '../../../../client/src/board/core/layout.js';
import type { CommentAnchor } from '../../../../shared/model/index.js';
import { laidOutBoard } from './board.js';
import { ADA, at, BOB, msg, thread } from './fixtures.js';

const SCREEN = { w: 1600, h: 1200 };
const HOME = { x: 0, y: 0, zoom: 1 };

describe('placePins', () => {
  const { board, layout, ids } = laidOutBoard();
  const on = (id: string, anchor: CommentAnchor, minute = 1, resolved = false) =>
    thread(id, [msg(ADA, minute)], { anchor, resolved });
  const place = (threads: ReturnType<typeof on>[], view = HOME, showResolved = false) =>
    placePins(threads, layout, board.shapes, view, SCREEN, showResolved).map((p) => ({
      id: p.thread.id,
      left: p.left,
      top: p.top,
    }));

  it('centres a card pin on the card’s top-right corner, in screen pixels', () => {
    const box = layout.cards.get(ids.card)!;
    const view = { x: 100, y: 50, zoom: 2 };
    expect(place([on('t', { kind: 'card', id: ids.card })], view)).toEqual([
      {
        id: 't',
        left: (box.x + box.w - 100) * 2 - PIN_SIZE / 2,
        top: (box.y - 50) * 2 - PIN_SIZE / 2,
      },
    ]);
  });

  it('puts the tail of a point pin on the point', () => {
    expect(place([on('t', { kind: 'point', x: 300, y: 400 })])).toEqual([
      { id: 't', left: 300, top: 400 - PIN_SIZE },
    ]);
  });

  it('keeps a stage pin inside its sticky header', () => {
    const column = layout.columns.find((c) => c.id === ids.onboarding)!;
    const view = { x: 0, y: 700, zoom: 1 };
    expect(place([on('t', { kind: 'stage', id: ids.onboarding })], view)).toEqual([
      { id: 't', left: column.x + column.w - PIN_SIZE - PIN_INSET, top: PIN_INSET },
    ]);
  });

  it('keeps a lane pin inside its sticky header', () => {
    const row = layout.rows.find((r) => r.id === ids.actions)!;
    const view = { x: 900, y: 0, zoom: 1 };
    expect(place([on('t', { kind: 'lane', id: ids.actions })], view)).toEqual([
      { id: 't', left: GRID.headerW - PIN_SIZE - PIN_INSET, top: row.y + PIN_INSET },
    ]);
  });

  it('fans out threads on the same item, oldest first', () => {
    const anchor: CommentAnchor = { kind: 'shape', id: ids.note };
    const pins = place([on('new', anchor, 9), on('old', anchor, 1)]);
    expect(pins.map((p) => p.id)).toEqual(['old', 'new']);
    expect(pins[1]!.left - pins[0]!.left).toBe(PIN_FAN);
    expect(pins[1]!.top).toBe(pins[0]!.top);
  });

  it('hides resolved threads unless asked to show them', () => {
    const threads = [on('r', { kind: 'point', x: 10, y: 50 }, 1, true)];
    expect(place(threads)).toEqual([]);
    expect(place(threads, HOME, true).map((p) => p.id)).toEqual(['r']);
  });

  it('leaves out orphaned threads', () => {
    expect(place([on('t', { kind: 'card', id: 'deleted' })])).toEqual([]);
  });

  it('leaves out pins off the screen but keeps those partly on it', () => {
    const threads = [
      on('left', { kind: 'point', x: -PIN_SIZE - 1, y: 100 }),
      on('edge', { kind: 'point', x: -PIN_SIZE + 2, y: 100 }),
      on('above', { kind: 'point', x: 100, y: 0 }),
      on('below', { kind: 'point', x: 100, y: SCREEN.h + PIN_SIZE + 1 }),
      on('right', { kind: 'point', x: SCREEN.w, y: 100 }),
      on('inside', { kind: 'point', x: 800, y: 600 }),
    ];
    expect(place(threads).map((p) => p.id)).toEqual(['edge', 'inside']);
  });

  it('moves with the view', () => {
    const threads = [on('t', { kind: 'point', x: 5000, y: 5000 })];
    expect(place(threads)).toEqual([]);
    expect(place(threads, { x: 4000, y: 4000, zoom: 1 })).toEqual([
      { id: 't', left: 1000, top: 1000 - PIN_SIZE },
    ]);
  });
});

describe('pinLabel', () => {
  it('names the author and the message count', () => {
    expect(pinLabel(thread('t', [msg(ADA, 1), msg(BOB, 2), msg(ADA, 3)]), false)).toBe(
      'Comment thread by Ada, 3 messages',
    );
    expect(pinLabel(thread('t', [msg(BOB, 1)]), false)).toBe('Comment thread by Bob, 1 message');
  });

  it('says when it is unread or resolved', () => {
    const t = thread('t', [msg(BOB, 1)], { resolved: true, lastActivity: at(1) });
    expect(pinLabel(t, true)).toBe('Comment thread by Bob, 1 message, unread, resolved');
  });
});
