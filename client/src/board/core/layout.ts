import { cardPersona } from '../../../../shared/model/personas.js';
import type { BoardSnapshot, Card, LaneKind } from '../../../../shared/model/schema.js';

/** Grid metrics in board units (1 unit = 1 CSS pixel at 100 % zoom). */
export const GRID = {
  headerW: 200,
  headerH: 56,
  colW: 280,
  pad: 12,
  cardH: 88,
  /** A storyboard card: a picture with its caption under it. */
  storyboardCardH: 196,
  gap: 10,
  minLaneH: 112,
  emotionLaneH: 280,
  emotionPointR: 14,
  /** Space under a point for its label (three short lines). */
  emotionLabelH: 48,
} as const;

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface ColumnBox extends Rect {
  id: string;
  name: string;
  index: number;
  /** The board the stage drills down into (W241). */
  link?: string;
}

export interface RowBox extends Rect {
  id: string;
  name: string;
  kind: LaneKind;
  index: number;
}

export interface CardBox extends Rect {
  card: Card;
  /** Position among the cards of its cell. */
  index: number;
}

export interface GridLayout {
  columns: ColumnBox[];
  rows: RowBox[];
  cards: Map<string, CardBox>;
  /** Card ids per cell key (`stageId|laneId`), in order. */
  cells: Map<string, string[]>;
  width: number;
  height: number;
}

/** How tall a card of a lane kind stands in its cell. */
export const cardHeight = (kind: LaneKind): number =>
  kind === 'storyboard' ? GRID.storyboardCardH : GRID.cardH;

export const cellKey = (stageId: string, laneId: string) => `${stageId}|${laneId}`;

/**
 * The vertical scale of an emotions lane: score 0 on the lane's middle line, each step of one
 * equally far above or below, and room inside the lane for a point at ±2 and, below −2, for its
 * label. Drawing (points, curve, guide lines), dragging and hit-testing all use it.
 */
export function emotionScale(row: Rect): { zero: number; step: number } {
  const half = row.h / 2 - GRID.pad - GRID.emotionPointR - GRID.emotionLabelH;
  return { zero: row.y + row.h / 2, step: Math.max(1, half) / 2 };
}

/** Maps an emotion score (−2…+2) to a y inside an emotions lane. */
export function emotionY(row: Rect, score: number): number {
  const { zero, step } = emotionScale(row);
  return zero - score * step;
}

/** The score (rounded to −2…+2) under a y inside an emotions lane: its inverse. */
export function emotionAt(row: Rect, y: number): number {
  const { zero, step } = emotionScale(row);
  // + 0 turns the −0 that rounding a small positive offset gives into 0.
  return Math.max(-2, Math.min(2, Math.round((zero - y) / step))) + 0;
}

/**
 * Lays the board out: columns from stages (resizable widths), rows from lanes (tall enough for
 * their fullest cell), cards stacked in their cells. O(cards); pure, so it is unit-tested.
 */
export function layoutBoard(board: BoardSnapshot): GridLayout {
  const cells = new Map<string, string[]>();
  const cardById = new Map<string, Card>();
  for (const card of board.cards) {
    cardById.set(card.id, card);
    const key = cellKey(card.stageId, card.laneId);
    const list = cells.get(key);
    if (list) list.push(card.id);
    else cells.set(key, [card.id]);
  }

  let x = GRID.headerW;
  const columns = board.stages.map((stage, index) => {
    const box: ColumnBox = {
      id: stage.id,
      name: stage.name,
      index,
      x,
      y: 0,
      w: stage.width ?? GRID.colW,
      h: 0,
    };
    if (stage.link) box.link = stage.link;
    x += box.w;
    return box;
  });

  let y = GRID.headerH;
  const rows = board.lanes.map((lane, index) => {
    let h: number = GRID.minLaneH;
    if (lane.kind === 'emotions') h = GRID.emotionLaneH;
    else {
      const cardH = cardHeight(lane.kind);
      // A storyboard lane has room for one picture even when empty: it is a drop target.
      if (lane.kind === 'storyboard') h = 2 * GRID.pad + cardH + GRID.gap + 24;
      for (const column of columns) {
        const n = cells.get(cellKey(column.id, lane.id))?.length ?? 0;
        h = Math.max(h, 2 * GRID.pad + n * cardH + Math.max(0, n - 1) * GRID.gap + GRID.gap + 24);
      }
    }
    const box: RowBox = { id: lane.id, name: lane.name, kind: lane.kind, index, x: 0, y, w: 0, h };
    y += h;
    return box;
  });

  const width = x;
  const height = y;
  for (const column of columns) column.h = height;
  for (const row of rows) row.w = width;

  const cards = new Map<string, CardBox>();
  for (const column of columns) {
    for (const row of rows) {
      const ids = cells.get(cellKey(column.id, row.id));
      if (!ids) continue;
      ids.forEach((id, index) => {
        const card = cardById.get(id)!;
        if (row.kind === 'emotions') {
          // A point on the sentiment curve; several in one stage spread across the column.
          const r = GRID.emotionPointR;
          const cx = column.x + ((index + 1) * column.w) / (ids.length + 1);
          const cy = emotionY(row, card.emotion ?? 0);
          cards.set(id, { card, index, x: cx - r, y: cy - r, w: 2 * r, h: 2 * r });
        } else {
          cards.set(id, {
            card,
            index,
            x: column.x + GRID.pad,
            y: row.y + GRID.pad + index * (cardHeight(row.kind) + GRID.gap),
            w: column.w - 2 * GRID.pad,
            h: cardHeight(row.kind),
          });
        }
      });
    }
  }
  return { columns, rows, cards, cells, width, height };
}

export interface CellHit {
  stageId: string;
  laneId: string;
  column: ColumnBox;
  row: RowBox;
}

/** The cell under a board point, if any. */
export function cellAt(layout: GridLayout, x: number, y: number): CellHit | null {
  const column = layout.columns.find((c) => x >= c.x && x < c.x + c.w);
  const row = layout.rows.find((r) => y >= r.y && y < r.y + r.h);
  if (!column || !row) return null;
  return { stageId: column.id, laneId: row.id, column, row };
}

/** Where a card dropped at board y lands among the cards of a cell (the dragged card excluded). */
export function dropIndex(layout: GridLayout, cell: CellHit, y: number, dragged?: string): number {
  const ids = (layout.cells.get(cellKey(cell.stageId, cell.laneId)) ?? []).filter(
    (id) => id !== dragged,
  );
  let index = 0;
  for (const id of ids) {
    const box = layout.cards.get(id)!;
    if (y > box.y + box.h / 2) index++;
  }
  return index;
}

/**
 * `rect` moved out from under the sticky stage and lane headers (they are drawn over
 * everything, at the top and left edges of a view whose top-left is `viewTopLeft`): right of
 * the lane headers, below the stage headers. Where a tool places a new shape.
 */
export function clearOfHeaders(
  rect: Rect,
  layout: GridLayout,
  viewTopLeft: { x: number; y: number },
): Rect {
  const stickX = Math.max(0, viewTopLeft.x);
  const stickY = Math.max(0, viewTopLeft.y);
  // Lane headers (and "+ Add lane" under them); stage headers (and "+ Add stage" after them).
  const laneBand = { x: stickX, y: 0, w: GRID.headerW, h: layout.height + 40 };
  const stageBand = { x: 0, y: stickY, w: layout.width + 120, h: GRID.headerH };
  let out = rect;
  if (layout.rows.length > 0 && intersects(out, laneBand))
    out = { ...out, x: stickX + GRID.headerW + GRID.pad };
  if (layout.columns.length > 0 && intersects(out, stageBand))
    out = { ...out, y: stickY + GRID.headerH + GRID.pad };
  return out;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/** Cards whose box meets the visible rect (plus a margin, so panning does not pop). */
export function visibleCards(layout: GridLayout, view: Rect, margin = 200): CardBox[] {
  const area = {
    x: view.x - margin,
    y: view.y - margin,
    w: view.w + 2 * margin,
    h: view.h + 2 * margin,
  };
  const out: CardBox[] = [];
  for (const box of layout.cards.values()) if (intersects(box, area)) out.push(box);
  return out;
}

export interface SentimentPoint {
  stageId: string;
  x: number;
  y: number;
  /** Mean score of the stage's emotion cards. */
  score: number;
}

/**
 * One point per stage that has emotion cards: the mean score, at the column centre. With
 * `personaId`, only the cards that count for that persona (W212).
 */
export function sentimentCurve(layout: GridLayout, personaId?: string): SentimentPoint[] {
  const row = layout.rows.find((r) => r.kind === 'emotions');
  if (!row) return [];
  const points: SentimentPoint[] = [];
  for (const column of layout.columns) {
    const ids = layout.cells.get(cellKey(column.id, row.id));
    const scores = (ids ?? [])
      .map((id) => layout.cards.get(id)!.card)
      .filter((card) => personaId === undefined || cardPersona(card) === personaId)
      .map((card) => card.emotion)
      .filter((s): s is number => s !== undefined);
    if (scores.length === 0) continue;
    const score = scores.reduce((a, b) => a + b, 0) / scores.length;
    points.push({ stageId: column.id, x: column.x + column.w / 2, y: emotionY(row, score), score });
  }
  return points;
}

/** Service-blueprint lines: drawn on the boundary between two adjacent lanes of these kinds. */
const BLUEPRINT_LINES: { above: LaneKind; below: LaneKind; label: string }[] = [
  { above: 'actions', below: 'frontstage', label: 'Line of interaction' },
  { above: 'frontstage', below: 'backstage', label: 'Line of visibility' },
  { above: 'backstage', below: 'support', label: 'Line of internal interaction' },
];

export interface BlueprintLine {
  y: number;
  label: string;
}

/** The blueprint lines this grid has, wherever those lanes sit next to each other. */
export function blueprintLines(layout: GridLayout): BlueprintLine[] {
  const lines: BlueprintLine[] = [];
  for (let i = 1; i < layout.rows.length; i++) {
    const above = layout.rows[i - 1]!;
    const below = layout.rows[i]!;
    const line = BLUEPRINT_LINES.find((l) => l.above === above.kind && l.below === below.kind);
    if (line) lines.push({ y: below.y, label: line.label });
  }
  return lines;
}
