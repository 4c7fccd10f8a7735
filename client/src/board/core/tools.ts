import type { ShapeType } from '../../../../shared/model/schema.js';
import { atLeast, type Role } from '../../../../shared/protocol/roles.js';

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
  image: { w: 240, h: 180 },
};

const ALL_TOOLS: readonly Tool[] = ['select', 'hand', 'note', 'text', 'rect', 'arrow', 'comment'];

/** What a role may do on the board page (the server enforces it; this shapes the UI). */
export interface Abilities {
  /** Change the map: cards, shapes, stages, lanes, board details. */
  edit: boolean;
  /** Write comments: new threads, replies, resolving. */
  comment: boolean;
  /** Present (everyone follows my view): it takes over others' screens, so editors only. */
  present: boolean;
  /** The tools in the palette and behind their shortcuts, in palette order. */
  tools: readonly Tool[];
}

export function abilitiesOf(role: Role): Abilities {
  const edit = atLeast(role, 'editor');
  const comment = atLeast(role, 'commenter');
  return {
    edit,
    comment,
    present: edit,
    tools: ALL_TOOLS.filter(
      (tool) => edit || tool === 'select' || tool === 'hand' || (tool === 'comment' && comment),
    ),
  };
}
