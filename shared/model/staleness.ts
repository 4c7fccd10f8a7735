/**
 * Which cards rest on old evidence. A card's age is that of its newest dated evidence item;
 * it is stale when that is more than `maxAgeDays` whole days before `now`. Cards without
 * evidence are not stale but listed apart, as are cards whose evidence carries no usable date.
 */
import type { LaneKind } from './schema.js';
import { boardOrder, type BoardLike } from './surveyMatch.js';

export interface StaleOptions {
  maxAgeDays: number;
  now: Date | number;
  /** Only cards in lanes of these kinds (default: every card). */
  laneKinds?: readonly LaneKind[];
}

export interface CardRef {
  cardId: string;
  stageId: string;
  laneId: string;
}

export interface StaleCard extends CardRef {
  /** yyyy-mm-dd of the newest evidence. */
  newest: string;
  ageDays: number;
}

export interface Staleness {
  /** Oldest first. */
  stale: StaleCard[];
  /** Board order, as are the other lists. */
  fresh: StaleCard[];
  noEvidence: CardRef[];
  /** Evidence present, but no item has a date that starts yyyy-mm-dd. */
  undated: CardRef[];
}

const DAY_MS = 86_400_000;

/** Midnight UTC of the yyyy-mm-dd an ISO 8601 date or date-time starts with, or null. */
export function evidenceDay(date: string | undefined): number | null {
  const match = date === undefined ? null : /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(y, m - 1, d);
  const check = new Date(ms);
  return check.getUTCMonth() === m - 1 && check.getUTCDate() === d ? ms : null;
}

export function staleCards(board: BoardLike, options: StaleOptions): Staleness {
  if (!Number.isFinite(options.maxAgeDays) || options.maxAgeDays < 0) {
    throw new RangeError(`maxAgeDays must be a number ≥ 0; got ${options.maxAgeDays}`);
  }
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const kinds = options.laneKinds && new Set(options.laneKinds);
  const laneKind = new Map(board.lanes.map((l) => [l.id, l.kind]));
  const stages = new Set(board.stages.map((s) => s.id));
  const result: Staleness = { stale: [], fresh: [], noEvidence: [], undated: [] };
  const cards = board.cards
    .filter((c) => stages.has(c.stageId) && laneKind.has(c.laneId))
    .filter((c) => !kinds || kinds.has(laneKind.get(c.laneId)!))
    .sort(boardOrder(board));
  for (const card of cards) {
    const ref = { cardId: card.id, stageId: card.stageId, laneId: card.laneId };
    if (card.evidence.length === 0) {
      result.noEvidence.push(ref);
      continue;
    }
    const days = card.evidence.map((e) => evidenceDay(e.date)).filter((d) => d !== null);
    if (days.length === 0) {
      result.undated.push(ref);
      continue;
    }
    const newest = Math.max(...days);
    const item = {
      ...ref,
      newest: new Date(newest).toISOString().slice(0, 10),
      ageDays: Math.round((today - newest) / DAY_MS),
    };
    (item.ageDays > options.maxAgeDays ? result.stale : result.fresh).push(item);
  }
  result.stale.sort((a, b) => b.ageDays - a.ageDays);
  return result;
}
