import type Konva from 'konva';
import { memo } from 'react';
import { Shape } from 'react-konva';
import type { LaneKind } from '../../../../shared/model/schema.js';
import type { CardBox } from '../core/layout.js';
import { LANE_STYLE } from '../core/visuals.js';
import type { CanvasColors } from './theme.js';
import { SHARED_COLOR, sharedKindOf } from '../links/sharedView.js';

interface CardTilesProps {
  boxes: CardBox[];
  laneKind: ReadonlyMap<string, LaneKind>;
  selected: ReadonlySet<string>;
  colors: CanvasColors;
}

/**
 * Shared cards' marks far out (W301): a violet corner, large on a copy and small on an origin,
 * sized by the card so it reads whenever the card does.
 */
function drawSharedCorners(ctx: Konva.Context, boxes: readonly CardBox[]): void {
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
 * per card costs ~20× more to draw and to reconcile), batched by fill colour.
 */
export const CardTiles = memo(function CardTiles({
  boxes,
  laneKind,
  selected,
  colors,
}: CardTilesProps) {
  const sceneFunc = (ctx: Konva.Context) => {
    const byFill = new Map<string, CardBox[]>();
    for (const box of boxes) {
      const kind = laneKind.get(box.card.laneId) ?? 'text';
      const fill = kind === 'emotions' ? colors.accent : (box.card.color ?? LANE_STYLE[kind].card);
      const list = byFill.get(fill);
      if (list) list.push(box);
      else byFill.set(fill, [box]);
    }
    for (const [fill, list] of byFill) {
      ctx.beginPath();
      for (const b of list) ctx.rect(b.x, b.y, b.w, b.h);
      ctx.fillStyle = fill;
      ctx.fill();
    }
    ctx.beginPath();
    for (const b of boxes) if (!selected.has(b.card.id)) ctx.rect(b.x, b.y, b.w, b.h);
    ctx.strokeStyle = colors.cardBorder;
    ctx.lineWidth = 1;
    ctx.stroke();
    ctx.beginPath();
    for (const b of boxes) if (selected.has(b.card.id)) ctx.rect(b.x, b.y, b.w, b.h);
    ctx.strokeStyle = colors.selection;
    ctx.lineWidth = 4;
    ctx.stroke();
    drawSharedCorners(ctx, boxes);
  };
  return <Shape sceneFunc={sceneFunc} listening={false} perfectDrawEnabled={false} />;
});
