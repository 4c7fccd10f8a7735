/** Where a comment thread sits on the board, and how the panel names what it is about. */
import type { CommentAnchor } from '../../../../shared/model/comments.js';
import type { BoardSnapshot, Shape } from '../../../../shared/model/schema.js';
import { arrowPoints } from '../core/arrows.js';
import { laneHeaderWidth, laneHeaderX } from '../core/laneHeaders.js';
import { GRID, type GridLayout, type Rect } from '../core/layout.js';
import type { Viewport } from '../core/viewport.js';

export interface Point {
  x: number;
  y: number;
}

const topRight = (r: Rect): Point => ({ x: r.x + r.w, y: r.y });

/** A shape's box on the board; an arrow's is the box around its drawn ends. */
function shapeBox(shape: Shape, layout: GridLayout, shapes: readonly Shape[]): Rect {
  if (shape.type !== 'arrow') return shape;
  const rectOf = (id: string) => layout.cards.get(id) ?? shapes.find((s) => s.id === id);
  const [x1, y1, x2, y2] = arrowPoints(shape, rectOf);
  return {
    x: Math.min(x1, x2),
    y: Math.min(y1, y2),
    w: Math.abs(x2 - x1),
    h: Math.abs(y2 - y1),
  };
}

/**
 * The board point a thread's pin points at: the top-right corner of its card or shape, of its
 * stage's header or of its lane's header, or the point itself. Null when the anchored item no
 * longer exists (the thread is orphaned).
 */
export function anchorRect(
  anchor: CommentAnchor,
  layout: GridLayout,
  shapes: readonly Shape[],
): Point | null {
  switch (anchor?.kind) {
    case 'point':
      return { x: anchor.x, y: anchor.y };
    case 'card': {
      const box = layout.cards.get(anchor.id);
      return box ? topRight(box) : null;
    }
    case 'shape': {
      const shape = shapes.find((s) => s.id === anchor.id);
      return shape ? topRight(shapeBox(shape, layout, shapes)) : null;
    }
    case 'stage': {
      const column = layout.columns.find((c) => c.id === anchor.id);
      return column ? { x: column.x + column.w, y: 0 } : null;
    }
    case 'lane': {
      const row = layout.rows.find((r) => r.id === anchor.id);
      return row ? { x: GRID.headerW, y: row.y } : null;
    }
    default:
      return null; // A malformed anchor from some other client: treat it as orphaned.
  }
}

/**
 * Stage headers stick to the top of the view and lane headers to its left edge while the board
 * scrolls under them; a header's pin sticks with it (`canvasWidth`: the canvas on screen).
 */
export function stickyPoint(
  anchor: CommentAnchor,
  point: Point,
  viewport: Viewport,
  canvasWidth = Infinity,
): Point {
  if (anchor.kind === 'stage') return { x: point.x, y: Math.max(point.y, viewport.y) };
  if (anchor.kind === 'lane') {
    // On the right edge of the lane headers as drawn, folded on a narrow canvas (W188).
    const w = laneHeaderWidth(viewport.zoom, canvasWidth);
    return { x: laneHeaderX(viewport.x, w) + w, y: point.y };
  }
  return point;
}

/** A stable key for "the same place", so pins of threads on one item can be fanned out. */
export function anchorKey(anchor: CommentAnchor): string {
  return anchor.kind === 'point' ? `point:${anchor.x},${anchor.y}` : `${anchor.kind}:${anchor.id}`;
}

/** Whether the item a thread is about is still on the board. */
export function anchorExists(anchor: CommentAnchor, board: BoardSnapshot): boolean {
  switch (anchor?.kind) {
    case 'point':
      return true;
    case 'card':
      return board.cards.some((c) => c.id === anchor.id);
    case 'shape':
      return board.shapes.some((s) => s.id === anchor.id);
    case 'stage':
      return board.stages.some((s) => s.id === anchor.id);
    case 'lane':
      return board.lanes.some((l) => l.id === anchor.id);
    default:
      return false;
  }
}

/** The first line of a text, at most `max` characters (then an ellipsis). */
export function clip(text: string, max = 40): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max).trimEnd()}…` : line;
}

const SHAPE_NAME: Record<Shape['type'], string> = {
  note: 'Sticky note',
  text: 'Text',
  rect: 'Rectangle',
  arrow: 'Arrow',
  image: 'Picture',
};

/** "Card: Fills in the sign-up form", "Stage: Onboarding", "Point on the canvas", "Deleted card". */
export function describeAnchor(anchor: CommentAnchor, board: BoardSnapshot): string {
  switch (anchor?.kind) {
    case 'point':
      return 'Point on the canvas';
    case 'card': {
      const card = board.cards.find((c) => c.id === anchor.id);
      return card ? `Card: ${clip(card.text) || 'Untitled'}` : 'Deleted card';
    }
    case 'shape': {
      const shape = board.shapes.find((s) => s.id === anchor.id);
      if (!shape) return 'Deleted shape';
      const text = clip(shape.text ?? '');
      return text ? `${SHAPE_NAME[shape.type]}: ${text}` : SHAPE_NAME[shape.type];
    }
    case 'stage': {
      const stage = board.stages.find((s) => s.id === anchor.id);
      return stage ? `Stage: ${clip(stage.name) || 'Untitled'}` : 'Deleted stage';
    }
    case 'lane': {
      const lane = board.lanes.find((l) => l.id === anchor.id);
      return lane ? `Lane: ${clip(lane.name) || 'Untitled'}` : 'Deleted lane';
    }
    default:
      return 'Deleted item';
  }
}
