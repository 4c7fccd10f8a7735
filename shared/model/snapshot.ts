import type * as Y from 'yjs';
import { readLanes, readStages } from './axes.js';
import { readMeta } from './board.js';
import { readCards } from './cards.js';
import { readMetricSeries } from './metricSeries.js';
import type { Unreadable } from './read.js';
import type { BoardSnapshot } from './schema.js';
import { readShapes } from './shapes.js';
import { personasOf } from './personas.js';
import { readTimer } from './timer.js';
import { readQuietCursors } from './gather.js';

/** A board as plain data, and what of the doc could not be read into it. */
export interface CheckedBoard {
  board: BoardSnapshot;
  /**
   * Records skipped and fields read as their default because another client stored data this
   * version does not understand (a number where a card belongs, say). Empty for a sound board.
   */
  unreadable: Unreadable[];
}

/**
 * The whole board as plain data, in a stable order (same doc state → deep-equal result), and
 * total: whatever any client stored, it never throws, and the board it returns is one the open
 * JSON format accepts. Concurrent edits can leave a card in a stage or lane someone else
 * deleted, or an arrow stuck to a deleted card: such orphans are left out quietly (they are
 * sound data), so what is shown is always a valid board.
 */
export function readBoardChecked(doc: Y.Doc): CheckedBoard {
  const unreadable: Unreadable[] = [];
  const meta = readMeta(doc, unreadable);
  const stages = readStages(doc, unreadable);
  const lanes = readLanes(doc, unreadable);
  const stageIds = new Set(stages.map((s) => s.id));
  const laneIds = new Set(lanes.map((l) => l.id));
  const cards = readCards(doc, unreadable).filter(
    (c) => stageIds.has(c.stageId) && laneIds.has(c.laneId),
  );
  // A card stays tagged only for a persona the board still has (another client may remove one).
  const personaIds = new Set(personasOf(meta).map((p) => p.id));
  for (const card of cards)
    if (card.persona !== undefined && !personaIds.has(card.persona)) delete card.persona;
  const shapes = readShapes(doc, unreadable);
  // Workshop state is not part of the snapshot, but what of it cannot be read is noted too.
  readTimer(doc, unreadable);
  readQuietCursors(doc, unreadable);
  const targets = new Set([...cards.map((c) => c.id), ...shapes.map((s) => s.id)]);
  for (const shape of shapes) {
    if (shape.from !== undefined && !targets.has(shape.from)) delete shape.from;
    if (shape.to !== undefined && !targets.has(shape.to)) delete shape.to;
  }
  const cardIds = new Set(cards.map((c) => c.id));
  // A point of a card someone deleted meanwhile is sound data: left out quietly, as orphans are.
  const series = readMetricSeries(doc, unreadable).filter((p) => cardIds.has(p.cardId));
  const board: BoardSnapshot = { meta, stages, lanes, cards, shapes };
  if (series.length > 0) board.metricSeries = series;
  return { board, unreadable };
}

/** The whole board as plain data (see readBoardChecked), skipping unreadable data quietly. */
export function readBoard(doc: Y.Doc): BoardSnapshot {
  return readBoardChecked(doc).board;
}
