import { hasPersona } from '../../../../shared/model/personas.js';
import type * as Y from 'yjs';
import { z } from 'zod';
import { addCard, cellSiblings } from '../../../../shared/model/cards.js';
import { boardRoots } from '../../../../shared/model/doc.js';
import { cardJsonSchema, shapeJsonSchema } from '../../../../shared/model/json.js';
import { addShape } from '../../../../shared/model/shapes.js';
import type { BoardSnapshot, Card, Shape } from '../../../../shared/model/schema.js';

/** What copy puts on the clipboard: plain records, so it also pastes into another board. */
export interface Clip {
  format: 'journeyboard/clip';
  cards: Card[];
  shapes: Shape[];
}

export function copySelection(board: BoardSnapshot, ids: readonly string[]): Clip | null {
  const wanted = new Set(ids);
  const cards = board.cards.filter((c) => wanted.has(c.id));
  const shapes = board.shapes.filter((s) => wanted.has(s.id));
  return cards.length || shapes.length ? { format: 'journeyboard/clip', cards, shapes } : null;
}

const clipSchema = z.strictObject({
  format: z.literal('journeyboard/clip'),
  cards: z.array(cardJsonSchema),
  shapes: z.array(shapeJsonSchema),
});

/** A clip from the clipboard, validated whole (it may come from another version or app). */
export function parseClip(text: string): Clip | null {
  try {
    const parsed = clipSchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * Pastes copies with new ids in one transaction: cards go back into their cells (right after
 * the originals) when those cells exist here, shapes land offset so the copy is visible; an
 * arrow between two pasted items is re-attached to the copies. Returns the new ids.
 */
export function pasteClip(doc: Y.Doc, clip: Clip, offset = 24): string[] {
  const created: string[] = [];
  const newIds = new Map<string, string>();
  const { stages, lanes } = boardRoots(doc);
  doc.transact(() => {
    for (const card of clip.cards) {
      if (!stages.has(card.stageId) || !lanes.has(card.laneId)) continue;
      const { id, order: _order, persona, ...fields } = card;
      const at = cellSiblings(doc, card).findIndex((sibling) => sibling.id === id);
      // A card copied from another board keeps its persona only where that persona exists.
      const keep = persona !== undefined && hasPersona(doc, persona) ? { persona } : {};
      const copy = addCard(doc, { ...fields, ...keep, index: at === -1 ? undefined : at + 1 });
      newIds.set(id, copy);
      created.push(copy);
    }
    for (const shape of clip.shapes.filter((s) => s.type !== 'arrow')) {
      const { id, from: _from, to: _to, ...fields } = shape;
      const copy = addShape(doc, { ...fields, x: shape.x + offset, y: shape.y + offset });
      newIds.set(id, copy);
      created.push(copy);
    }
    for (const arrow of clip.shapes.filter((s) => s.type === 'arrow')) {
      const { id: _id, from, to, ...fields } = arrow;
      const ends = {
        ...(from && newIds.has(from) ? { from: newIds.get(from)! } : {}),
        ...(to && newIds.has(to) ? { to: newIds.get(to)! } : {}),
      };
      created.push(addShape(doc, { ...fields, x: arrow.x + offset, y: arrow.y + offset, ...ends }));
    }
  });
  return created;
}
