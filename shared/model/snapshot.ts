import type * as Y from 'yjs';
import { readLanes, readStages } from './axes.js';
import { readMeta } from './board.js';
import { readCards } from './cards.js';
import type { BoardSnapshot } from './schema.js';
import { readShapes } from './shapes.js';

/** The whole board as plain data, in a stable order (same doc state → deep-equal result). */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  return {
    meta: readMeta(doc),
    stages: readStages(doc),
    lanes: readLanes(doc),
    cards: readCards(doc),
    shapes: readShapes(doc),
  };
}
