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

function checkedToday(options: StaleOptions): number {
  if (!Number.isFinite(options.maxAgeDays) || options.maxAgeDays < 0) {
    throw new RangeError(`maxAgeDays must be a number ≥ 0; got ${options.maxAgeDays}`);
  }
  const now = typeof options.now === 'number' ? options.now : options.now.getTime();
  return Math.floor(now / DAY_MS) * DAY_MS;
}

/** The cards `options` asks about: on the board (stage and lane there) and of the lane kinds. */
function cardsAskedAbout(board: BoardLike, options: StaleOptions): BoardLike['cards'][number][] {
  const kinds = options.laneKinds && new Set(options.laneKinds);
  const laneKind = new Map(board.lanes.map((l) => [l.id, l.kind]));
  const stages = new Set(board.stages.map((s) => s.id));
  return board.cards.filter((c) => {
    const kind = laneKind.get(c.laneId);
    return stages.has(c.stageId) && kind !== undefined && (!kinds || kinds.has(kind));
  });
}

/** The newest dated evidence day of a card, or why it has none. */
function newestEvidence(card: BoardLike['cards'][number]): number | 'noEvidence' | 'undated' {
  if (card.evidence.length === 0) return 'noEvidence';
  let newest: number | null = null;
  for (const item of card.evidence) {
    const day = evidenceDay(item.date);
    if (day !== null && (newest === null || day > newest)) newest = day;
  }
  return newest ?? 'undated';
}

const ageDays = (today: number, newest: number) => Math.round((today - newest) / DAY_MS);

export function staleCards(board: BoardLike, options: StaleOptions): Staleness {
  const today = checkedToday(options);
  const result: Staleness = { stale: [], fresh: [], noEvidence: [], undated: [] };
  for (const card of cardsAskedAbout(board, options).sort(boardOrder(board))) {
    const ref = { cardId: card.id, stageId: card.stageId, laneId: card.laneId };
    const newest = newestEvidence(card);
    if (typeof newest !== 'number') {
      result[newest].push(ref);
      continue;
    }
    const item = {
      ...ref,
      newest: new Date(newest).toISOString().slice(0, 10),
      ageDays: ageDays(today, newest),
    };
    (item.ageDays > options.maxAgeDays ? result.stale : result.fresh).push(item);
  }
  result.stale.sort((a, b) => b.ageDays - a.ageDays);
  return result;
}

/**
 * The ids of `staleCards(board, options).stale`, unordered: what the canvas marks, without
 * the sort and the dated lists it has no use for (it runs on every change of a big board).
 */
export function staleCardIds(board: BoardLike, options: StaleOptions): Set<string> {
  const today = checkedToday(options);
  const ids = new Set<string>();
  for (const card of cardsAskedAbout(board, options)) {
    const newest = newestEvidence(card);
    if (typeof newest === 'number' && ageDays(today, newest) > options.maxAgeDays) ids.add(card.id);
  }
  return ids;
}
