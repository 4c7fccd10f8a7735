import { describe, expect, it } from 'vitest';
import {
  anchorExists,
  anchorKey,
  anchorRect,
  clip,
  describeAnchor,
  stickyPoint,
} from '../../../../client/src/board/comments/anchors.js';
import { LANE_STRIP_PX } from '../../../../client/src/board/core/laneHeaders.js';
import { GRID } from '../../../../client/src/board/core/layout.js';
import type { CommentAnchor } from '../../../../shared/model/index.js';
import { laidOutBoard } from './board.js';

describe('anchorRect', () => {
  const { board, layout, ids } = laidOutBoard();
  const rect = (anchor: CommentAnchor) => anchorRect(anchor, layout, board.shapes);

  it('puts a card pin at the top-right corner of the card', () => {
    const box = layout.cards.get(ids.card)!;
    expect(rect({ kind: 'card', id: ids.card })).toEqual({ x: box.x + box.w, y: box.y });
  });

  it('uses the drawn box of an emotion point', () => {
    const box = layout.cards.get(ids.mood)!;
    expect(rect({ kind: 'card', id: ids.mood })).toEqual({ x: box.x + box.w, y: box.y });
  });

  it('puts a shape pin at the top-right corner of the shape', () => {
    expect(rect({ kind: 'shape', id: ids.note })).toEqual({ x: 1060, y: 600 });
  });

  it('uses the box around an arrow’s ends, whichever way it points', () => {
    // From (1200, 700) to (1100, 740).
    expect(rect({ kind: 'shape', id: ids.arrow })).toEqual({ x: 1200, y: 700 });
  });

  it('follows an arrow end stuck to a card', () => {
    const stuck = { ...board.shapes.find((s) => s.id === ids.arrow)!, from: ids.card };
    const box = layout.cards.get(ids.card)!;
    const point = anchorRect({ kind: 'shape', id: stuck.id }, layout, [stuck])!;
    // It now runs from the card's right border to the free end (1100, 740): the box's right
    // edge is that end, its top is where the arrow leaves the card.
    expect(point.x).toBe(1100);
    expect(point.y).toBeGreaterThanOrEqual(box.y);
    expect(point.y).toBeLessThanOrEqual(box.y + box.h);
  });

  it('puts a stage pin at the top-right of its header (y = 0)', () => {
    const column = layout.columns.find((c) => c.id === ids.onboarding)!;
    expect(rect({ kind: 'stage', id: ids.onboarding })).toEqual({
      x: column.x + column.w,
      y: 0,
    });
  });

  it('puts a lane pin at the top-right of its header', () => {
    const row = layout.rows.find((r) => r.id === ids.feelings)!;
    expect(rect({ kind: 'lane', id: ids.feelings })).toEqual({ x: GRID.headerW, y: row.y });
  });

  it('puts a point pin on the point', () => {
    expect(rect({ kind: 'point', x: -30, y: 45.5 })).toEqual({ x: -30, y: 45.5 });
  });

  it('is null for anything no longer on the board', () => {
    for (const kind of ['card', 'shape', 'stage', 'lane'] as const) {
      expect(rect({ kind, id: 'gone' })).toBeNull();
    }
    // An id of the wrong kind does not count either.
    expect(rect({ kind: 'card', id: ids.note })).toBeNull();
  });

  it('treats a malformed anchor as orphaned', () => {
    expect(rect(undefined as unknown as CommentAnchor)).toBeNull();
    expect(rect({ kind: 'bogus', id: 'x' } as unknown as CommentAnchor)).toBeNull();
  });
});

describe('stickyPoint', () => {
  const view = { x: 300, y: 500, zoom: 1 };

  it('keeps a stage pin on its header when the header sticks to the top', () => {
    expect(stickyPoint({ kind: 'stage', id: 's' }, { x: 480, y: 0 }, view)).toEqual({
      x: 480,
      y: 500,
    });
    expect(stickyPoint({ kind: 'stage', id: 's' }, { x: 480, y: 0 }, { ...view, y: -50 })).toEqual({
      x: 480,
      y: 0,
    });
  });

  it('keeps a lane pin on its header when the header sticks to the left', () => {
    expect(stickyPoint({ kind: 'lane', id: 'l' }, { x: GRID.headerW, y: 56 }, view)).toEqual({
      x: 300 + GRID.headerW,
      y: 56,
    });
    expect(
      stickyPoint({ kind: 'lane', id: 'l' }, { x: GRID.headerW, y: 56 }, { ...view, x: -80 }),
    ).toEqual({ x: GRID.headerW, y: 56 });
  });

  it('W188: keeps a lane pin on the folded strip of a narrow canvas', () => {
    const strip = LANE_STRIP_PX / view.zoom;
    expect(stickyPoint({ kind: 'lane', id: 'l' }, { x: GRID.headerW, y: 56 }, view, 390)).toEqual({
      x: 300 + strip,
      y: 56,
    });
    expect(
      stickyPoint({ kind: 'lane', id: 'l' }, { x: GRID.headerW, y: 56 }, { ...view, x: -80 }, 390),
    ).toEqual({ x: GRID.headerW, y: 56 });
  });

  it('leaves other anchors where they are', () => {
    const p = { x: 1, y: 2 };
    expect(stickyPoint({ kind: 'card', id: 'c' }, p, view)).toBe(p);
    expect(stickyPoint({ kind: 'point', x: 1, y: 2 }, p, view)).toBe(p);
  });
});

describe('anchorKey', () => {
  it('is the same for the same place and different otherwise', () => {
    expect(anchorKey({ kind: 'card', id: 'a' })).toBe(anchorKey({ kind: 'card', id: 'a' }));
    expect(anchorKey({ kind: 'card', id: 'a' })).not.toBe(anchorKey({ kind: 'shape', id: 'a' }));
    expect(anchorKey({ kind: 'point', x: 1, y: 2 })).not.toBe(
      anchorKey({ kind: 'point', x: 2, y: 1 }),
    );
  });
});

describe('describeAnchor', () => {
  const { board, ids } = laidOutBoard();
  const describe_ = (anchor: CommentAnchor) => describeAnchor(anchor, board);

  it('names a card by the first 40 characters of its first line', () => {
    expect(describe_({ kind: 'card', id: ids.card })).toBe(
      'Card: Fills in the sign-up form and waits for…',
    );
    expect(describe_({ kind: 'card', id: ids.blank })).toBe('Card: Untitled');
  });

  it('names stages, lanes, shapes and points', () => {
    expect(describe_({ kind: 'stage', id: ids.onboarding })).toBe('Stage: Onboarding');
    expect(describe_({ kind: 'lane', id: ids.actions })).toBe('Lane: Actions');
    expect(describe_({ kind: 'shape', id: ids.note })).toBe('Sticky note: Idea');
    expect(describe_({ kind: 'shape', id: ids.rect })).toBe('Rectangle');
    expect(describe_({ kind: 'point', x: 1, y: 2 })).toBe('Point on the canvas');
  });

  it('says what was deleted for an orphaned thread', () => {
    expect(describe_({ kind: 'card', id: 'gone' })).toBe('Deleted card');
    expect(describe_({ kind: 'shape', id: 'gone' })).toBe('Deleted shape');
    expect(describe_({ kind: 'stage', id: 'gone' })).toBe('Deleted stage');
    expect(describe_({ kind: 'lane', id: 'gone' })).toBe('Deleted lane');
    expect(describe_(undefined as unknown as CommentAnchor)).toBe('Deleted item');
  });
});

describe('anchorExists', () => {
  const { board, ids } = laidOutBoard();

  it('matches describeAnchor: orphaned exactly when the item is gone', () => {
    expect(anchorExists({ kind: 'card', id: ids.card }, board)).toBe(true);
    expect(anchorExists({ kind: 'shape', id: ids.arrow }, board)).toBe(true);
    expect(anchorExists({ kind: 'stage', id: ids.discover }, board)).toBe(true);
    expect(anchorExists({ kind: 'lane', id: ids.feelings }, board)).toBe(true);
    expect(anchorExists({ kind: 'point', x: 0, y: 0 }, board)).toBe(true);
    expect(anchorExists({ kind: 'card', id: ids.note }, board)).toBe(false);
    expect(anchorExists({ kind: 'lane', id: 'gone' }, board)).toBe(false);
  });
});

describe('clip', () => {
  it('keeps the first line, trimmed, cut at 40 characters with an ellipsis', () => {
    expect(clip('  short  ')).toBe('short');
    expect(clip('first\nsecond')).toBe('first');
    expect(clip('x'.repeat(40))).toBe('x'.repeat(40));
    expect(clip('x'.repeat(41))).toBe(`${'x'.repeat(40)}…`);
    expect(clip('')).toBe('');
  });
});
