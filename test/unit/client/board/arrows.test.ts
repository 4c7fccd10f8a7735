import { describe, expect, it } from 'vitest';
import type { Shape } from '../../../../shared/model/index.js';
import type { Rect } from '../../../../client/src/board/core/layout.js';
import { arrowPoints, borderPoint } from '../../../../client/src/board/core/arrows.js';

interface Point {
  x: number;
  y: number;
}

const expectPoint = (actual: Point, x: number, y: number) => {
  expect(actual.x).toBeCloseTo(x, 9);
  expect(actual.y).toBeCloseTo(y, 9);
};

/** Whether p lies on the outline of r (within rounding). */
function onBorder(r: Rect, p: Point): boolean {
  const eps = 1e-9;
  const within =
    p.x >= r.x - eps && p.x <= r.x + r.w + eps && p.y >= r.y - eps && p.y <= r.y + r.h + eps;
  const onEdge =
    Math.abs(p.x - r.x) < eps ||
    Math.abs(p.x - (r.x + r.w)) < eps ||
    Math.abs(p.y - r.y) < eps ||
    Math.abs(p.y - (r.y + r.h)) < eps;
  return within && onEdge;
}

/** Whether p lies on the line through a and b. */
const collinear = (a: Point, b: Point, p: Point) =>
  Math.abs((b.x - a.x) * (p.y - a.y) - (b.y - a.y) * (p.x - a.x)) < 1e-6;

const centre = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

describe('borderPoint', () => {
  // Centre (50, 25).
  const r: Rect = { x: 0, y: 0, w: 100, h: 50 };

  it('leaves through the side facing the target', () => {
    expectPoint(borderPoint(r, { x: 300, y: 25 }), 100, 25); // right
    expectPoint(borderPoint(r, { x: -300, y: 25 }), 0, 25); // left
    expectPoint(borderPoint(r, { x: 50, y: -300 }), 50, 0); // top
    expectPoint(borderPoint(r, { x: 50, y: 300 }), 50, 50); // bottom
  });

  it('leaves at the exact spot along a slanted line', () => {
    // Direction (150, 100): the bottom edge (y = 50) is met first, a quarter of the way.
    const p = borderPoint(r, { x: 200, y: 125 });
    expectPoint(p, 87.5, 50);
    expect(collinear(centre(r), { x: 200, y: 125 }, p)).toBe(true);
    // Direction (−200, 20): the left edge is met first, a quarter of the way.
    expectPoint(borderPoint(r, { x: -150, y: 45 }), 0, 30);
  });

  it('leaves through a corner on the diagonal', () => {
    expectPoint(borderPoint(r, { x: 150, y: 75 }), 100, 50);
    expectPoint(borderPoint(r, { x: -50, y: -25 }), 0, 0);
    expectPoint(borderPoint(r, { x: 250, y: -75 }), 100, 0);
  });

  it('is on the border for targets all around the rect', () => {
    const target = { x: 0, y: 0 };
    for (let deg = 0; deg < 360; deg += 15) {
      const a = (deg * Math.PI) / 180;
      target.x = 50 + 1000 * Math.cos(a);
      target.y = 25 + 1000 * Math.sin(a);
      const p = borderPoint(r, target);
      expect(onBorder(r, p), `at ${deg}°`).toBe(true);
      expect(collinear(centre(r), target, p), `at ${deg}°`).toBe(true);
    }
  });

  it('returns the centre when the target is the centre', () => {
    expect(borderPoint(r, { x: 50, y: 25 })).toEqual({ x: 50, y: 25 });
  });
});

describe('arrowPoints', () => {
  const arrow = (fields: Partial<Shape> = {}): Shape => ({
    id: 'arrow',
    type: 'arrow',
    x: 10,
    y: 20,
    w: 300,
    h: -40,
    color: '#475569',
    ...fields,
  });
  const a: Rect = { x: 0, y: 0, w: 100, h: 60 };
  const b: Rect = { x: 400, y: 200, w: 120, h: 80 };
  const rects = (map: Record<string, Rect>) => (id: string) => map[id];

  it('uses its own geometry for free ends', () => {
    expect(arrowPoints(arrow(), rects({}))).toEqual([10, 20, 310, -20]);
  });

  it('falls back to the free end when the target has no rect (not drawn)', () => {
    expect(arrowPoints(arrow({ from: 'gone', to: 'gone' }), rects({}))).toEqual([10, 20, 310, -20]);
  });

  it('starts a stuck start on its target border, aimed at the free end', () => {
    const [x1, y1, x2, y2] = arrowPoints(arrow({ from: 'b' }), rects({ b }));
    const start = { x: x1, y: y1 };
    expect(onBorder(b, start)).toBe(true);
    expect(collinear(centre(b), { x: 310, y: -20 }, start)).toBe(true);
    expect([x2, y2]).toEqual([310, -20]);
  });

  it('ends a stuck end on its target border, aimed from the free start', () => {
    const [x1, y1, x2, y2] = arrowPoints(arrow({ to: 'b' }), rects({ b }));
    expect([x1, y1]).toEqual([10, 20]);
    const end = { x: x2, y: y2 };
    expect(onBorder(b, end)).toBe(true);
    expect(collinear({ x: 10, y: 20 }, centre(b), end)).toBe(true);
  });

  it('joins two stuck ends border to border along the line between the centres', () => {
    const [x1, y1, x2, y2] = arrowPoints(arrow({ from: 'a', to: 'b' }), rects({ a, b }));
    const start = { x: x1, y: y1 };
    const end = { x: x2, y: y2 };
    expect(onBorder(a, start)).toBe(true);
    expect(onBorder(b, end)).toBe(true);
    expect(collinear(centre(a), centre(b), start)).toBe(true);
    expect(collinear(centre(a), centre(b), end)).toBe(true);
    // Centres (50, 30) → (460, 240): slope 210/410 exits a through its right side.
    expectPoint(start, 100, 30 + (50 * 210) / 410);
  });

  it('follows a target when its rect moves, ignoring the stored geometry', () => {
    const stuck = arrow({ from: 'a', to: 'b' });
    const before = arrowPoints(stuck, rects({ a, b }));
    // b moves straight below a.
    const moved: Rect = { x: 0, y: 300, w: 100, h: 60 };
    const after = arrowPoints(stuck, rects({ a, b: moved }));
    expect(after).not.toEqual(before);
    expect(after).toEqual([50, 60, 50, 300]);
    // The stored x/y/w/h play no part while both ends are stuck.
    expect(arrowPoints({ ...stuck, x: -999, y: 999, w: 1, h: 1 }, rects({ a, b: moved }))).toEqual(
      after,
    );
  });
});
