/** What the table view changes on the board: every write goes through shared/model. */
import type * as Y from 'yjs';
import { renameLane, renameStage } from '../../../../shared/model/axes.js';
import {
  addCard,
  deleteCard,
  moveCard,
  setCardText,
  setEmotion,
} from '../../../../shared/model/cards.js';
import { EMOTION_MAX, EMOTION_MIN } from '../../../../shared/model/schema.js';
import { cellName } from './cardText.js';
import { cardsIn, type TableGrid } from './tableGrid.js';

export interface ActionDeps {
  doc: Y.Doc;
  grid: TableGrid;
  /** Runs a write; a thrown model error becomes a toast and the result undefined. */
  attempt<T>(write: () => T): T | undefined;
  /** The session's undo manager: adds, deletes and moves each become their own undo step. */
  undo?: { stopCapturing(): void };
}

/** One undoable step: never merged with the change just before it (Delete, then Ctrl+Z). */
function step<T>(d: ActionDeps, write: () => T): T | undefined {
  d.undo?.stopCapturing();
  return d.attempt(write);
}

/** A change made, and where focus should go after it. */
export interface Outcome {
  message: string;
  focusCardId?: string;
  focusCell?: { stageId: string; laneId: string };
}

function names(grid: TableGrid, stageId: string, laneId: string) {
  const stage = grid.stages.find((s) => s.id === stageId);
  const lane = grid.lanes.find((l) => l.id === laneId);
  return { stage, lane, cell: cellName(stage?.name ?? '', lane?.name ?? '') };
}

/** A new empty card in a cell, after `afterIndex` (or last); emotion cards start neutral. */
export function addCardAt(
  d: ActionDeps,
  stageId: string,
  laneId: string,
  afterIndex?: number,
): Outcome | null {
  const { lane, cell } = names(d.grid, stageId, laneId);
  const id = step(d, () =>
    addCard(d.doc, {
      stageId,
      laneId,
      index: afterIndex === undefined ? undefined : afterIndex + 1,
      ...(lane?.kind === 'emotions' ? { emotion: 0 } : {}),
    }),
  );
  return id ? { message: `Card added in ${cell}`, focusCardId: id } : null;
}

/** Deletes a card; focus goes to the next card of the cell, else the previous, else the cell. */
export function deleteCardAt(d: ActionDeps, cardId: string): Outcome | null {
  const place = d.grid.places.get(cardId);
  const stage = place && d.grid.stages[place.col];
  const lane = place && d.grid.lanes[place.row];
  if (!place || !stage || !lane) return null;
  const siblings = cardsIn(d.grid, stage.id, lane.id);
  const done = step(d, () => {
    deleteCard(d.doc, cardId);
    return true;
  });
  if (!done) return null;
  const neighbour = siblings[place.item + 1] ?? siblings[place.item - 1];
  return {
    message: `Card deleted from ${cellName(stage.name, lane.name)}. Ctrl+Z brings it back.`,
    focusCardId: neighbour?.id,
    focusCell: neighbour ? undefined : { stageId: stage.id, laneId: lane.id },
  };
}

/**
 * Alt+Up/Down: one place up or down in its cell. In an emotions lane the order means nothing
 * (cards are points on the curve), so there it raises or lowers the score, as dragging does.
 */
export function shiftCardVertically(d: ActionDeps, cardId: string, by: 1 | -1): Outcome | null {
  const place = d.grid.places.get(cardId);
  const stage = place && d.grid.stages[place.col];
  const lane = place && d.grid.lanes[place.row];
  if (!place || !stage || !lane) return null;
  const card = cardsIn(d.grid, stage.id, lane.id)[place.item];
  if (lane.kind === 'emotions' && card) {
    const score = Math.max(EMOTION_MIN, Math.min(EMOTION_MAX, (card.emotion ?? 0) - by));
    if (score === card.emotion) return null;
    const done = step(d, () => {
      setEmotion(d.doc, cardId, score);
      return true;
    });
    return done
      ? { message: `Emotion ${score > 0 ? '+' : ''}${score}`, focusCardId: cardId }
      : null;
  }
  const count = cardsIn(d.grid, stage.id, lane.id).length;
  const index = place.item + by;
  if (index < 0 || index >= count) return null;
  const done = step(d, () => {
    moveCard(d.doc, cardId, { stageId: stage.id, laneId: lane.id, index });
    return true;
  });
  return done ? { message: `Moved to ${index + 1} of ${count}`, focusCardId: cardId } : null;
}

/** Alt+Left/Right: to the same lane of the neighbouring stage, at the same height if it can. */
export function shiftCardToStage(d: ActionDeps, cardId: string, by: 1 | -1): Outcome | null {
  const place = d.grid.places.get(cardId);
  const stage = place && d.grid.stages[place.col + by];
  const lane = place && d.grid.lanes[place.row];
  if (!place || !stage || !lane) return null;
  const done = step(d, () => {
    moveCard(d.doc, cardId, { stageId: stage.id, laneId: lane.id, index: place.item });
    return true;
  });
  return done
    ? { message: `Card moved to ${cellName(stage.name, lane.name)}`, focusCardId: cardId }
    : null;
}

export function writeCardText(d: ActionDeps, cardId: string, text: string): void {
  d.attempt(() => setCardText(d.doc, cardId, text));
}

/** Renames a stage or lane; an empty name keeps the old one. */
export function renameAxis(d: ActionDeps, kind: 'stage' | 'lane', id: string, name: string): void {
  if (!name.trim()) return;
  d.attempt(() => (kind === 'stage' ? renameStage(d.doc, id, name) : renameLane(d.doc, id, name)));
}

export function discardCard(d: ActionDeps, cardId: string): void {
  d.attempt(() => deleteCard(d.doc, cardId));
}
