import type Konva from 'konva';
import { memo, useMemo } from 'react';
import { Shape } from 'react-konva';
import type { LaneKind } from '../../../../shared/model/schema.js';
import type { CardBox } from '../core/layout.js';
import { LANE_STYLE } from '../core/visuals.js';
import type { CanvasColors } from './theme.js';
import { SHARED_COLOR, sharedKindOf } from '../links/sharedView.js';

interface TileStyle {
  laneKind: ReadonlyMap<string, LaneKind>;
  selected: ReadonlySet<string>;
  colors: CanvasColors;
}

interface CardTilesProps extends TileStyle {
  /** The cards in and near the view. */
  boxes: CardBox[];
  /** Every card of the board (a far-out view draws them all from one bitmap); none: no bitmap. */
  all?: ReadonlyMap<string, CardBox>;
  zoom: number;
}

/**
 * Largest whole-map tile bitmap, in pixels a side and in all: building a bigger one (on a zoom
 * step) stalls a frame; a bigger map draws the tiles in view one by one instead.
 */
const BITMAP_MAX_SIDE = 4096;
const BITMAP_MAX_PIXELS = 4 * 2 ** 20;

/** Draws the tiles in one pass per fill colour, then the borders and the selection. */
function drawTiles(ctx: CanvasRenderingContext2D, boxes: Iterable<CardBox>, style: TileStyle) {
  const { laneKind, selected, colors } = style;
  const byFill = new Map<string, CardBox[]>();
  for (const box of boxes) {
    const kind = laneKind.get(box.card.laneId) ?? 'text';
    const fill = kind === 'emotions' ? colors.accent : (box.card.color ?? LANE_STYLE[kind].card);
    const list = byFill.get(fill);
    if (list) list.push(box);
    else byFill.set(fill, [box]);
  }
  const all = [...byFill.values()].flat();
  for (const [fill, list] of byFill) {
    ctx.beginPath();
    for (const b of list) ctx.rect(b.x, b.y, b.w, b.h);
    ctx.fillStyle = fill;
    ctx.fill();
  }
  ctx.beginPath();
  for (const b of all) if (!selected.has(b.card.id)) ctx.rect(b.x, b.y, b.w, b.h);
  ctx.strokeStyle = colors.cardBorder;
  ctx.lineWidth = 1;
  ctx.stroke();
  ctx.beginPath();
  for (const b of all) if (selected.has(b.card.id)) ctx.rect(b.x, b.y, b.w, b.h);
  ctx.strokeStyle = colors.selection;
  ctx.lineWidth = 4;
  ctx.stroke();
  drawSharedCorners(ctx, all);
}

interface TileBitmap {
  canvas: HTMLCanvasElement;
  x: number;
  y: number;
  w: number;
  h: number;
}

/**
 * Every tile drawn once into a bitmap at `scale` (board px → bitmap px), or null when the map
 * is too big at that scale (or empty).
 */
function tileBitmap(
  all: ReadonlyMap<string, CardBox>,
  scale: number,
  style: TileStyle,
): TileBitmap | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of all.values()) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  // A margin for the selection's border, which straddles the edge.
  const margin = 4;
  const w = x1 - x0 + 2 * margin;
  const h = y1 - y0 + 2 * margin;
  const pw = Math.ceil(w * scale);
  const ph = Math.ceil(h * scale);
  if (!all.size || pw > BITMAP_MAX_SIDE || ph > BITMAP_MAX_SIDE) return null;
  if (pw * ph > BITMAP_MAX_PIXELS) return null;
  const canvas = document.createElement('canvas');
  canvas.width = pw;
  canvas.height = ph;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  ctx.scale(scale, scale);
  ctx.translate(margin - x0, margin - y0);
  drawTiles(ctx, all.values(), style);
  return { canvas, x: x0 - margin, y: y0 - margin, w: pw / scale, h: ph / scale };
}

/**
 * Shared cards' marks far out (W301): a violet corner, large on a copy and small on an origin,
 * sized by the card so it reads whenever the card does.
 */
function drawSharedCorners(ctx: CanvasRenderingContext2D, boxes: readonly CardBox[]): void {
  for (const kind of ['copy', 'origin'] as const) {
    ctx.beginPath();
    for (const b of boxes) {
      if (sharedKindOf(b.card) !== kind) continue;
      const side = Math.min(b.w, b.h) * (kind === 'copy' ? 0.5 : 0.3);
      ctx.moveTo(b.x + b.w - side, b.y);
      ctx.lineTo(b.x + b.w, b.y);
      ctx.lineTo(b.x + b.w, b.y + side);
      ctx.closePath();
    }
    ctx.fillStyle = kind === 'copy' ? SHARED_COLOR : '#c4b5fd';
    ctx.fill();
  }
}

/**
 * Far out, every card is a plain tile: one Konva shape draws them all in a single pass (a node
 * per card costs ~20× more to draw and to reconcile), batched by fill colour. When the whole
 * map fits a bitmap at the zoom (rounded up to a power of two, so zooming rarely redraws it),
 * the tiles are drawn into it once and a pan or zoom frame only copies it (issue 19).
 */
export const CardTiles = memo(function CardTiles({
  boxes,
  all,
  zoom,
  laneKind,
  selected,
  colors,
}: CardTilesProps) {
  // Pixel ratio 1 × the zoom, rounded up to a power of two: sharp enough, rarely rebuilt.
  const scale = 2 ** Math.ceil(Math.log2(zoom * (window.devicePixelRatio || 1)));
  const bitmap = useMemo(
    () => (all ? tileBitmap(all, scale, { laneKind, selected, colors }) : null),
    [all, scale, laneKind, selected, colors],
  );
  const sceneFunc = (ctx: Konva.Context) => {
    if (bitmap) ctx.drawImage(bitmap.canvas, bitmap.x, bitmap.y, bitmap.w, bitmap.h);
    else drawTiles(ctx._context, boxes, { laneKind, selected, colors });
  };
  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
});
