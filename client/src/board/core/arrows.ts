import type { Shape } from '../../../../shared/model/schema.js';
import type { Rect } from './layout.js';

interface Point {
  x: number;
  y: number;
}

const centre = (r: Rect): Point => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/** Where the segment from a rect's centre towards `towards` leaves the rect. */
export function borderPoint(r: Rect, towards: Point): Point {
  const c = centre(r);
  const dx = towards.x - c.x;
  const dy = towards.y - c.y;
  if (dx === 0 && dy === 0) return c;
  const sx = dx === 0 ? Infinity : r.w / 2 / Math.abs(dx);
  const sy = dy === 0 ? Infinity : r.h / 2 / Math.abs(dy);
  const s = Math.min(sx, sy, 1);
  return { x: c.x + dx * s, y: c.y + dy * s };
}

/**
 * The drawn end points of an arrow: an end stuck to a card or shape starts at that target's
 * border (so it follows the target when it moves); a free end uses the arrow's own geometry.
 */
export function arrowPoints(
  arrow: Shape,
  rectOf: (id: string) => Rect | undefined,
): [number, number, number, number] {
  const fromRect = arrow.from ? rectOf(arrow.from) : undefined;
  const toRect = arrow.to ? rectOf(arrow.to) : undefined;
  const freeStart = { x: arrow.x, y: arrow.y };
  const freeEnd = { x: arrow.x + arrow.w, y: arrow.y + arrow.h };
  const startAim = toRect ? centre(toRect) : freeEnd;
  const endAim = fromRect ? centre(fromRect) : freeStart;
  const start = fromRect ? borderPoint(fromRect, startAim) : freeStart;
  const end = toRect ? borderPoint(toRect, endAim) : freeEnd;
  return [start.x, start.y, end.x, end.y];
}
