/** What every part of diffBoards (diff.ts) shares: both sides, the sort keys, quoting. */
import { CHANGE_KINDS, type BoardChange, type ChangeKind } from './diffTypes.js';
import type { BoardPersona, Card, Lane, MetricPoint, Stage } from './schema.js';

export interface DiffSide {
  personas: BoardPersona[];
  stages: Map<string, Stage>;
  lanes: Map<string, Lane>;
  cards: Map<string, Card>;
  /** Each card's series points (W273), by card id. */
  series: Map<string, MetricPoint[]>;
}

/** Sort key of a change: compared element by element (numbers with numbers, strings with strings). */
export type SortKey = (number | string)[];
export interface Keyed {
  change: BoardChange;
  key: SortKey;
}

export interface DiffContext {
  before: DiffSide;
  after: DiffSide;
  /** Position of every stage (lane) of either side in the merged display order. */
  stageRank: Map<string, number>;
  laneRank: Map<string, number>;
}

export const KIND_INDEX = Object.fromEntries(CHANGE_KINDS.map((k, i) => [k, i])) as Record<
  ChangeKind,
  number
>;

/** Name of a stage or lane: as it is now, or as it was when it is gone. */
export function nameIn(ctx: DiffContext, axis: 'stages' | 'lanes', id: string): string {
  return ctx.after[axis].get(id)?.name ?? ctx.before[axis].get(id)?.name ?? '';
}

const QUOTE_MAX = 40;

/** A text for a label: quoted, on one line, cut to a readable length. */
export function quote(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  if (!line) return '(empty)';
  return `"${line.length > QUOTE_MAX ? `${line.slice(0, QUOTE_MAX - 1)}…` : line}"`;
}
