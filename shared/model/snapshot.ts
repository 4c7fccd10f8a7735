import type * as Y from 'yjs';
import { readLanes, readStages } from './axes.js';
import { readMeta } from './board.js';
import { readCards } from './cards.js';
import type { BoardSnapshot } from './schema.js';
import { readShapes } from './shapes.js';

/**
 * The whole board as plain data, in a stable order (same doc state → deep-equal result).
 * Concurrent edits can leave a card in a stage or lane someone else deleted, or an arrow stuck
 * to a deleted card: such orphans are left out, so what is shown is always a valid board.
 */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  const stages = readStages(doc);
  const lanes = readLanes(doc);
  const stageIds = new Set(stages.map((s) => s.id));
  const laneIds = new Set(lanes.map((l) => l.id));
  const cards = readCards(doc).filter((c) => stageIds.has(c.stageId) && laneIds.has(c.laneId));
  const shapes = readShapes(doc);
  const targets = new Set([...cards.map((c) => c.id), ...shapes.map((s) => s.id)]);
  for (const shape of shapes) {
    if (shape.from !== undefined && !targets.has(shape.from)) delete shape.from;
    if (shape.to !== undefined && !targets.has(shape.to)) delete shape.to;
  }
  return { meta: readMeta(doc), stages, lanes, cards, shapes };
}
