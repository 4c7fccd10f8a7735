/**
 * Where a dropped or pasted picture goes (W232) and the one transaction that puts it there:
 * onto a card (its picture), into a storyboard cell (a new card), or onto the free layer.
 */
import type * as Y from 'yjs';
import { addCard, setCardImage } from '../../../../shared/model/cards.js';
import { addShape } from '../../../../shared/model/shapes.js';
import { cellAt, dropIndex, type GridLayout } from '../core/layout.js';
import type { UploadedImage } from './imageApi.js';

export type PictureTarget =
  | { kind: 'card'; cardId: string }
  | { kind: 'storyboard'; stageId: string; laneId: string; index: number }
  | { kind: 'canvas'; x: number; y: number };

/** A new picture shape's long side, in board units: big enough to read, small beside a stage. */
export const PICTURE_SHAPE_SIDE = 240;

/** What lies under a board point: a card (not a point on the sentiment curve), a storyboard cell, or free canvas. */
export function pictureTargetAt(layout: GridLayout, x: number, y: number): PictureTarget {
  const kindOf = new Map(layout.rows.map((r) => [r.id, r.kind]));
  for (const box of layout.cards.values()) {
    if (kindOf.get(box.card.laneId) === 'emotions') continue;
    if (x >= box.x && x < box.x + box.w && y >= box.y && y < box.y + box.h)
      return { kind: 'card', cardId: box.card.id };
  }
  const cell = cellAt(layout, x, y);
  if (cell?.row.kind === 'storyboard')
    return {
      kind: 'storyboard',
      stageId: cell.stageId,
      laneId: cell.laneId,
      index: dropIndex(layout, cell, y),
    };
  return { kind: 'canvas', x, y };
}

/** The picture's size on the free layer: its aspect ratio, the long side PICTURE_SHAPE_SIDE. */
export function pictureShapeSize(width: number, height: number): { w: number; h: number } {
  const scale = PICTURE_SHAPE_SIDE / Math.max(width, height, 1);
  return {
    w: Math.max(1, Math.round(width * scale)),
    h: Math.max(1, Math.round(height * scale)),
  };
}

/**
 * Writes the picture at `target` in one transaction (so one undo takes it back); returns the
 * id of the card or shape it went to. `undo` stops capturing first, so the picture is never
 * merged into the edit made just before the upload started.
 */
export function placePicture(
  doc: Y.Doc,
  target: PictureTarget,
  image: UploadedImage,
  undo?: Y.UndoManager,
): string {
  undo?.stopCapturing();
  switch (target.kind) {
    case 'card':
      setCardImage(doc, target.cardId, image.id);
      return target.cardId;
    case 'storyboard':
      return addCard(doc, {
        stageId: target.stageId,
        laneId: target.laneId,
        index: target.index,
        image: image.id,
      });
    case 'canvas': {
      const { w, h } = pictureShapeSize(image.width, image.height);
      const x = Math.round(target.x - w / 2);
      const y = Math.round(target.y - h / 2);
      return addShape(doc, { type: 'image', x, y, w, h, image: image.id });
    }
  }
}
