import type { ShapeType } from '../../../shared/model/schema.js';

/** `comment` picks what a new comment thread is anchored to. */
export type Tool = 'select' | 'hand' | 'comment' | ShapeType;

/** What is being edited in place: a card's or shape's text, or a stage's or lane's name. */
export interface Editing {
  kind: 'card' | 'shape' | 'stage' | 'lane';
  id: string;
}

/** Default sizes of new free shapes, in board units. */
export const SHAPE_SIZE: Record<ShapeType, { w: number; h: number }> = {
  note: { w: 180, h: 160 },
  text: { w: 220, h: 40 },
  rect: { w: 220, h: 140 },
  arrow: { w: 160, h: 0 },
};
