/**
 * What an image export draws and the board area it covers. Pure (no DOM), so the e2e test can
 * predict an export's pixel size from the page's layout.
 */
import type { LaneKind, Shape } from '../../../../shared/model/schema.js';
import { arrowPoints } from '../core/arrows.js';
import type { CardBox, GridLayout, Rect } from '../core/layout.js';
import { boundsOf } from '../core/viewport.js';

/** Blank space around the exported content, in board units. */
export const EXPORT_MARGIN = 24;
/** Pixels per board unit we aim for: sharp on high-density screens and in print. */
export const EXPORT_PIXEL_RATIO = 2;
/** Browsers refuse canvases beyond 16 384 px a side; the area cap keeps memory near 512 MB. */
export const MAX_EXPORT_SIDE = 16_384;
export const MAX_EXPORT_AREA = 2 ** 27;

export interface ExportScene {
  /** Board area the image shows, margin included. */
  bounds: Rect;
  cards: CardBox[];
  shapes: Shape[];
  /** The grid (lane tints, stage and lane headers, sentiment curve) is drawn too. */
  grid: boolean;
}

/** Emotion points carry a label under them, wider than the point itself. */
const EMOTION_LABEL = { w: 120, h: 46 };
/** Arrow heads and labels reach past the line's end points. */
const ARROW_PAD = 10;

function cardRect(box: CardBox, kind: LaneKind | undefined): Rect {
  if (kind !== 'emotions' || !box.card.text) return box;
  const x = Math.min(box.x, box.x + box.w / 2 - EMOTION_LABEL.w / 2);
  return { x, y: box.y, w: Math.max(box.w, EMOTION_LABEL.w), h: box.h + EMOTION_LABEL.h };
}

function shapeRect(shape: Shape, rectOf: (id: string) => Rect | undefined): Rect {
  if (shape.type !== 'arrow') return shape;
  const [x1, y1, x2, y2] = arrowPoints(shape, rectOf);
  const line = {
    x: Math.min(x1, x2) - ARROW_PAD,
    y: Math.min(y1, y2) - ARROW_PAD,
    w: Math.abs(x2 - x1) + 2 * ARROW_PAD,
    h: Math.abs(y2 - y1) + 2 * ARROW_PAD,
  };
  if (!shape.text) return line;
  // The label as ShapeNode draws it: 120 wide, centred a little above the middle.
  const label = { x: (x1 + x2) / 2 - 60, y: (y1 + y2) / 2 - 18, w: 120, h: 36 };
  return boundsOf([line, label])!;
}

function withMargin(rect: Rect): Rect {
  return {
    x: Math.floor(rect.x - EXPORT_MARGIN),
    y: Math.floor(rect.y - EXPORT_MARGIN),
    w: Math.ceil(rect.w + 2 * EXPORT_MARGIN),
    h: Math.ceil(rect.h + 2 * EXPORT_MARGIN),
  };
}

function rectLookup(layout: GridLayout, shapes: readonly Shape[]) {
  const byId = new Map(shapes.map((s) => [s.id, s]));
  return (id: string): Rect | undefined => layout.cards.get(id) ?? byId.get(id);
}

/** The whole map: grid, every card (none culled) and every free shape. Null when empty. */
export function mapScene(layout: GridLayout, shapes: readonly Shape[]): ExportScene | null {
  const grid = layout.columns.length > 0 || layout.rows.length > 0;
  const rectOf = rectLookup(layout, shapes);
  const laneKind = new Map(layout.rows.map((r) => [r.id, r.kind]));
  const cards = [...layout.cards.values()];
  const bounds = boundsOf([
    ...(grid ? [{ x: 0, y: 0, w: layout.width, h: layout.height }] : []),
    ...cards.map((box) => cardRect(box, laneKind.get(box.card.laneId))),
    ...shapes.map((s) => shapeRect(s, rectOf)),
  ]);
  return bounds ? { bounds: withMargin(bounds), cards, shapes: [...shapes], grid } : null;
}

/**
 * Only the selected cards and shapes, on a plain background; a selected stage or lane stands
 * for its cards. Null when the selection holds nothing drawable.
 */
export function selectionScene(
  layout: GridLayout,
  shapes: readonly Shape[],
  selection: readonly string[],
): ExportScene | null {
  const chosen = new Set(selection);
  const rectOf = rectLookup(layout, shapes);
  const laneKind = new Map(layout.rows.map((r) => [r.id, r.kind]));
  const cards = [...layout.cards.values()].filter(
    ({ card }) => chosen.has(card.id) || chosen.has(card.stageId) || chosen.has(card.laneId),
  );
  const picked = shapes.filter((s) => chosen.has(s.id));
  const bounds = boundsOf([
    ...cards.map((box) => cardRect(box, laneKind.get(box.card.laneId))),
    ...picked.map((s) => shapeRect(s, rectOf)),
  ]);
  return bounds ? { bounds: withMargin(bounds), cards, shapes: picked, grid: false } : null;
}

/**
 * The pixel ratio for an image of `bounds`: 2, or lower when the image would pass the
 * browser's canvas limits (`capped` says so, for the person to be told).
 */
export function exportPixelRatio(bounds: Rect): { pixelRatio: number; capped: boolean } {
  const fit = Math.min(
    EXPORT_PIXEL_RATIO,
    MAX_EXPORT_SIDE / bounds.w,
    MAX_EXPORT_SIDE / bounds.h,
    Math.sqrt(MAX_EXPORT_AREA / (bounds.w * bounds.h)),
  );
  if (fit >= EXPORT_PIXEL_RATIO) return { pixelRatio: EXPORT_PIXEL_RATIO, capped: false };
  // Rounded down so the rounded-up canvas size still fits.
  return { pixelRatio: Math.floor(fit * 1000) / 1000, capped: true };
}
