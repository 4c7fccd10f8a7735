/**
 * The portfolio of a workspace (issue 18): what each map contributes, as a small digest the
 * server keeps beside the board (so a workspace of 500 maps answers without opening 500 docs),
 * and the rankings across maps. Pure and deterministic.
 *
 * Definitions
 * - A touchpoint, here, is any card with at least one metric (CSAT, CES, FCR, NPS, volume),
 *   whatever its lane: metrics are what the portfolio ranks.
 * - Worst first: the lowest CSAT, CES ("made it easy", so the lowest is the most effort), FCR and
 *   NPS; the highest contact volume. Ties: the map's title, then the card's board order.
 * - A hot stage is a stage whose share of its map's contact volume is "disproportionately high":
 *   the insights panel's volume hotspot (more than 1.5 × the mean share, `computeInsights`).
 */
import { computeInsights } from './insights.js';
import { byPeriod, methodOf, metricTrend } from './metricSeries.js';
import {
  METRIC_KEYS,
  type BoardSnapshot,
  type CardMetricPoint,
  type MetricKey,
  type Metrics,
} from './schema.js';
import { boardOrder } from './surveyMatch.js';

/** Bumped when the digest's shape changes: older digests are recomputed. */
export const DIGEST_VERSION = 3;
/** A touchpoint's text in the digest is cut to this many characters (an ellipsis marks it). */
export const DIGEST_TEXT_MAX = 140;

export interface DigestTouchpoint {
  cardId: string;
  stageId: string;
  stageName: string;
  text: string;
  metrics: Metrics;
  /** Per metric with a series of two points or more: latest − previous period (W294). */
  deltas?: Partial<Record<MetricKey, number>>;
  /** Per metric with a series: the sample size behind the latest point, when known. */
  n?: Partial<Record<MetricKey, number>>;
}

export interface DigestHotStage {
  stageId: string;
  name: string;
  /** Share of the map's contact volume, 0–1. */
  share: number;
  meanShare: number;
}

/** A handoff that hurts (W294): consecutive touchpoints changing channel or owning team. */
export interface DigestHandoff {
  /** The touchpoint after the handoff: where a click lands. */
  cardId: string;
  stageId: string;
  /** "Chat → Phone at Support, owned by Tier 1 → Billing: emotion −2, CES −1.8". */
  label: string;
  /** Higher is worse (handoffs.ts). */
  severity: number;
}

/** The worst handoffs a digest keeps per board. */
export const DIGEST_HANDOFFS_MAX = 5;

export interface BoardDigest {
  version: number;
  cards: number;
  touchpoints: DigestTouchpoint[];
  hotStages: DigestHotStage[];
  /** The board's handoffs for the worse, worst first, at most `DIGEST_HANDOFFS_MAX`. */
  handoffs: DigestHandoff[];
  /** Comment threads not resolved. */
  openThreads: number;
}

const cut = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > DIGEST_TEXT_MAX ? `${line.slice(0, DIGEST_TEXT_MAX - 1)}…` : line;
};

/**
 * Each card's points per metric, oldest first. CES top-2-box points are left out (W248): the
 * digest's CES is the card's 1–7 mean, on every board alike, so "worst CES" never ranks a % among
 * means and a Δ never spans two methods.
 */
function seriesByCard(points: readonly CardMetricPoint[]) {
  const byCard = new Map<string, Map<MetricKey, CardMetricPoint[]>>();
  for (const p of points) {
    if (methodOf(p) === 'top2box') continue;
    const metrics = byCard.get(p.cardId) ?? new Map<MetricKey, CardMetricPoint[]>();
    byCard.set(p.cardId, metrics);
    metrics.set(p.metric, [...(metrics.get(p.metric) ?? []), p]);
  }
  for (const metrics of byCard.values()) for (const list of metrics.values()) list.sort(byPeriod);
  return byCard;
}

/** What a card's series say beyond its latest value: the change and the n behind it. */
function trendOf(series: Map<MetricKey, CardMetricPoint[]> | undefined) {
  const deltas: Partial<Record<MetricKey, number>> = {};
  const n: Partial<Record<MetricKey, number>> = {};
  for (const [metric, points] of series ?? []) {
    const trend = metricTrend(points);
    if (trend?.delta !== undefined) deltas[metric] = trend.delta;
    if (trend?.latest.n !== undefined) n[metric] = trend.latest.n;
  }
  return {
    ...(Object.keys(deltas).length ? { deltas } : {}),
    ...(Object.keys(n).length ? { n } : {}),
  };
}

/** The digest of one board, from its snapshot and how many of its threads are open. */
export function digestBoard(board: BoardSnapshot, openThreads: number): BoardDigest {
  const stageName = new Map(board.stages.map((s) => [s.id, s.name]));
  const series = seriesByCard(board.metricSeries ?? []);
  const touchpoints = [...board.cards]
    .sort(boardOrder(board))
    .filter((c) => METRIC_KEYS.some((key) => c.metrics[key] !== undefined))
    .map((c) => ({
      cardId: c.id,
      stageId: c.stageId,
      stageName: stageName.get(c.stageId) ?? '',
      text: cut(c.text),
      metrics: { ...c.metrics },
      ...trendOf(series.get(c.id)),
    }));
  const insights = computeInsights(board);
  const handoffs = insights.handoffs
    .filter((h) => h.severity > 0)
    .slice(0, DIGEST_HANDOFFS_MAX)
    .map((h) => ({
      cardId: h.toCardId,
      stageId: h.toStageId,
      label: h.label,
      severity: h.severity,
    }));
  const hotStages = insights.hotspots.flatMap((h) =>
    h.reasons.flatMap((r) =>
      r.kind === 'volume'
        ? [{ stageId: h.stageId, name: h.name, share: r.share, meanShare: r.meanShare }]
        : [],
    ),
  );
  return {
    version: DIGEST_VERSION,
    cards: board.cards.length,
    touchpoints,
    hotStages,
    handoffs,
    openThreads,
  };
}

/** Which end of each metric is the bad one. */
export const WORST_END: Record<MetricKey, 'low' | 'high'> = {
  csat: 'low',
  ces: 'low',
  fcr: 'low',
  nps: 'low',
  volume: 'high',
};

export interface RankedTouchpoint extends DigestTouchpoint {
  boardId: string;
  boardTitle: string;
  metric: MetricKey;
  value: number;
}

/** A map as the ranking reads it. */
export interface DigestedBoard {
  boardId: string;
  title: string;
  digest: BoardDigest;
}

/** Every touchpoint with `metric`, across the maps, worst first; at most `limit`. */
export function worstTouchpoints(
  boards: readonly DigestedBoard[],
  metric: MetricKey,
  limit = 20,
): RankedTouchpoint[] {
  if (limit <= 0) return [];
  const sign = WORST_END[metric] === 'low' ? 1 : -1;
  // A workspace holds tens of thousands of touchpoints and the list shows 20: keep the worst
  // `limit` while reading, in order, instead of sorting them all.
  const worst: { value: number; board: DigestedBoard; position: number }[] = [];
  const before = (a: (typeof worst)[number], b: (typeof worst)[number]) =>
    sign * (a.value - b.value) ||
    byText(a.board.title, b.board.title) ||
    byText(a.board.boardId, b.board.boardId) ||
    a.position - b.position;
  for (const board of boards) {
    board.digest.touchpoints.forEach((t, position) => {
      const value = t.metrics[metric];
      if (value === undefined) return;
      const candidate = { value, board, position };
      if (worst.length === limit && before(candidate, worst[limit - 1]!) >= 0) return;
      let at = worst.length;
      while (at > 0 && before(candidate, worst[at - 1]!) < 0) at--;
      worst.splice(at, 0, candidate);
      if (worst.length > limit) worst.pop();
    });
  }
  return worst.map(({ value, board, position }) => ({
    ...board.digest.touchpoints[position]!,
    boardId: board.boardId,
    boardTitle: board.title,
    metric,
    value,
  }));
}

/** Code-unit order: the same on every server and browser, and far cheaper than a collation. */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
