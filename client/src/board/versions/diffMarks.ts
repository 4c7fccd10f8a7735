/**
 * Where the diff overlay marks cards on screen. Pure, so it is unit-tested; DiffOverlay.tsx
 * draws them. Marks are placed on today's layout: a removed card is ghosted in the cell it left
 * when that cell still exists, else it is only listed in the panel.
 */
import type { BoardDiff } from '../../../../shared/model/diffTypes.js';
import { cellKey, GRID, type GridLayout, type Rect } from '../core/layout.js';
import { toScreen, type Viewport } from '../core/viewport.js';
import { changeBadges, changeTone } from './changeList.js';

/** A ghost's height in board units: a slim strip, so it hides little of the cards around it. */
export const GHOST_H = 30;
const GHOST_GAP = 4;

export type MarkTone = 'added' | 'removed' | 'changed';

export interface DiffMark {
  cardId: string;
  tone: MarkTone;
  /** The card's text (before, for a removed card). */
  text: string;
  badges: string[];
  /** Screen pixels relative to the canvas. */
  left: number;
  top: number;
  width: number;
  height: number;
}

export interface PlacedMarks {
  marks: DiffMark[];
  /** Cards that changed but have no place on today's canvas (their cell is gone). */
  unplaced: number;
}

interface CardEntry {
  tone: MarkTone;
  text: string;
  badges: string[];
  stageId: string;
  laneId: string;
}

/** Per card: one tone (added or removed wins over changed) and every badge, in diff order. */
function cardEntries(diff: BoardDiff): Map<string, CardEntry> {
  const entries = new Map<string, CardEntry>();
  for (const change of diff.changes) {
    if (!('cardId' in change)) continue;
    const tone = changeTone(change.kind);
    const entry = entries.get(change.cardId) ?? {
      tone,
      text: change.text,
      badges: [],
      stageId: change.stageId,
      laneId: change.laneId,
    };
    if (tone !== 'changed') entry.tone = tone;
    // A removed pain point is already a removed card; the badge still says what it means.
    entry.badges.push(...changeBadges(change));
    entries.set(change.cardId, entry);
  }
  return entries;
}

/** Board rectangle for a ghost: stacked up from the bottom of its old cell. */
function ghostRect(layout: GridLayout, stageId: string, laneId: string, n: number): Rect | null {
  const column = layout.columns.find((c) => c.id === stageId);
  const row = layout.rows.find((r) => r.id === laneId);
  if (!column || !row) return null;
  return {
    x: column.x + GRID.pad,
    y: row.y + row.h - GRID.pad / 2 - (n + 1) * GHOST_H - n * GHOST_GAP,
    w: column.w - 2 * GRID.pad,
    h: GHOST_H,
  };
}

/** The marks to draw on a canvas of `size` (those at least partly on screen). */
export function placeDiffMarks(
  diff: BoardDiff,
  layout: GridLayout,
  viewport: Viewport,
  size: { w: number; h: number },
): PlacedMarks {
  const marks: DiffMark[] = [];
  const ghostsPerCell = new Map<string, number>();
  let unplaced = 0;
  for (const [cardId, entry] of cardEntries(diff)) {
    let rect: Rect | null = layout.cards.get(cardId) ?? null;
    if (!rect && entry.tone === 'removed') {
      const key = cellKey(entry.stageId, entry.laneId);
      const n = ghostsPerCell.get(key) ?? 0;
      rect = ghostRect(layout, entry.stageId, entry.laneId, n);
      if (rect) ghostsPerCell.set(key, n + 1);
    }
    if (!rect) {
      unplaced++;
      continue;
    }
    const { x, y } = toScreen(viewport, rect.x, rect.y);
    const width = rect.w * viewport.zoom;
    const height = rect.h * viewport.zoom;
    if (x + width < 0 || y + height < 0 || x > size.w || y > size.h) continue;
    marks.push({ cardId, ...entry, left: x, top: y, width, height });
  }
  return { marks, unplaced };
}
