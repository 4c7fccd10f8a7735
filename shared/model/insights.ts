/**
 * The insights panel, computed from a board: per-stage averages, hotspots, pain points ranked
 * by volume × negativity, and opportunities. Pure and deterministic (same board → deep-equal
 * result); every item carries the ids the canvas needs to focus it.
 *
 * Definitions
 * - Stage emotion: mean emotion score of the stage's cards that have one (any lane).
 * - Stage CSAT / CES / FCR: mean over the stage's cards with that metric, weighted by each card's
 *   sample size n when every one of them has a known n (from a survey import), else a plain mean
 *   of the cards (`weighted` says which). Stage volume: the sum of its cards' volumes.
 * - Hotspot: a stage whose share of the board's contact volume is more than `volumeFactor`
 *   (1.5) × the mean share (1 / number of stages with volume data), or whose CSAT is below
 *   `csatBelow` (70 %).
 * - Negativity of an emotion score e: (2 − e) / 4, so −2 → 1, 0 → 0.5, +2 → 0. A pain point's
 *   score is taken from its own emotion, else its stage's mean emotion, else counts as neutral
 *   (0.5). Its volume is its own volume metric, else its stage's volume, else 0.
 *   Rank = volume × negativity, highest first; ties by negativity, then board order.
 * - Opportunity priority: the highest pain-point rank in its stage; hotspot stages break ties.
 */
import { EMOTION_MAX, EMOTION_MIN, type Card } from './schema.js';
import { boardOrder, type BoardLike } from './surveyMatch.js';
import { roundMetric, SAMPLED_METRICS, sampleSizes, type SampledMetric } from './surveyMetrics.js';
import {
  computeExpectationGaps,
  computeHandoffs,
  type ExpectationGap,
  type Handoff,
  type HandoffBoard,
} from './handoffs.js';

export interface InsightOptions {
  volumeFactor?: number;
  csatBelow?: number;
}

export const DEFAULT_VOLUME_FACTOR = 1.5;
export const DEFAULT_CSAT_BELOW = 70;

/** What the canvas zooms to: a stage column, with the cards to highlight. */
export interface Focus {
  stageId: string;
  cardIds: string[];
}

export interface MetricAverage {
  value: number;
  /** Cards behind the value. */
  cards: number;
  weighted: boolean;
  /** Total sample size, when weighted. */
  n?: number;
}

export interface StageInsight {
  stageId: string;
  name: string;
  emotion?: { mean: number; cards: number };
  csat?: MetricAverage;
  ces?: MetricAverage;
  fcr?: MetricAverage;
  nps?: MetricAverage;
  volume?: number;
  /** Share of the board's contact volume, 0–1. */
  volumeShare?: number;
  focus: Focus;
}

export type HotspotReason =
  | { kind: 'volume'; share: number; meanShare: number }
  | { kind: 'csat'; csat: number; threshold: number };

export interface Hotspot {
  stageId: string;
  name: string;
  reasons: HotspotReason[];
  focus: Focus;
}

/** Where a pain point's figure came from. */
export type InsightSource = 'card' | 'stage' | 'none';

export interface PainPoint {
  cardId: string;
  stageId: string;
  laneId: string;
  text: string;
  volume: number;
  volumeFrom: InsightSource;
  emotion?: number;
  emotionFrom: InsightSource;
  negativity: number;
  score: number;
  hotspot: boolean;
  focus: Focus;
}

export interface Opportunity {
  cardId: string;
  stageId: string;
  laneId: string;
  text: string;
  priority: number;
  hotspot: boolean;
  /** Pain points of the same stage, ranked. */
  painPointIds: string[];
  focus: Focus;
}

/** A stage with pain points or a hotspot but no opportunity card yet. */
export interface Gap {
  stageId: string;
  name: string;
  hotspot: boolean;
  painPointIds: string[];
  focus: Focus;
}

export interface Insights {
  stages: StageInsight[];
  hotspots: Hotspot[];
  painPoints: PainPoint[];
  opportunities: Opportunity[];
  gaps: Gap[];
  /** Channel or team changes along the journey, worst first (handoffs.ts). */
  handoffs: Handoff[];
  /** Expected − experienced per stage, widest shortfall first (handoffs.ts). */
  expectationGaps: ExpectationGap[];
}

const round = (value: number, decimals: number) => {
  const scale = 10 ** decimals;
  return Math.round(value * scale) / scale;
};

export function negativity(emotion: number): number {
  return (EMOTION_MAX - emotion) / (EMOTION_MAX - EMOTION_MIN);
}

function average(cards: readonly Card[], key: SampledMetric): MetricAverage | undefined {
  const withValue = cards.filter((c) => c.metrics[key] !== undefined);
  if (withValue.length === 0) return undefined;
  const sizes = withValue.map((c) => sampleSizes(c)[key]);
  const values = withValue.map((c) => c.metrics[key]!);
  if (sizes.every((n) => n !== undefined)) {
    const n = sizes.reduce<number>((a, b) => a + b!, 0);
    const sum = values.reduce((acc, v, i) => acc + v * sizes[i]!, 0);
    return { value: roundMetric(key, sum / n), cards: values.length, weighted: true, n };
  }
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { value: roundMetric(key, mean), cards: values.length, weighted: false };
}

function stageInsights(board: BoardLike, cardsByStage: Map<string, Card[]>): StageInsight[] {
  const stages = board.stages.map((stage) => {
    const cards = cardsByStage.get(stage.id) ?? [];
    const insight: StageInsight = {
      stageId: stage.id,
      name: stage.name,
      focus: { stageId: stage.id, cardIds: [] },
    };
    const used = new Set<string>();
    const emotions = cards.filter((c) => c.emotion !== undefined);
    if (emotions.length > 0) {
      const mean = emotions.reduce((a, c) => a + c.emotion!, 0) / emotions.length;
      insight.emotion = { mean: round(mean, 2), cards: emotions.length };
      emotions.forEach((c) => used.add(c.id));
    }
    for (const key of SAMPLED_METRICS) {
      const avg = average(cards, key);
      if (avg) insight[key] = avg;
    }
    const withVolume = cards.filter((c) => c.metrics.volume !== undefined);
    if (withVolume.length > 0)
      insight.volume = withVolume.reduce((a, c) => a + c.metrics.volume!, 0);
    for (const c of cards) if (Object.keys(c.metrics).length > 0) used.add(c.id);
    insight.focus.cardIds = cards.filter((c) => used.has(c.id)).map((c) => c.id);
    return insight;
  });
  const total = stages.reduce((a, s) => a + (s.volume ?? 0), 0);
  if (total > 0)
    for (const s of stages) if (s.volume !== undefined) s.volumeShare = s.volume / total;
  return stages;
}

function hotspotsOf(stages: readonly StageInsight[], options: InsightOptions): Hotspot[] {
  const factor = options.volumeFactor ?? DEFAULT_VOLUME_FACTOR;
  const threshold = options.csatBelow ?? DEFAULT_CSAT_BELOW;
  const counted = stages.filter((s) => s.volumeShare !== undefined).length;
  const meanShare = counted > 0 ? 1 / counted : 0;
  const hotspots: Hotspot[] = [];
  for (const s of stages) {
    const reasons: HotspotReason[] = [];
    if (s.volumeShare !== undefined && s.volumeShare > factor * meanShare) {
      reasons.push({
        kind: 'volume',
        share: round(s.volumeShare, 4),
        meanShare: round(meanShare, 4),
      });
    }
    if (s.csat && s.csat.value < threshold) {
      reasons.push({ kind: 'csat', csat: s.csat.value, threshold });
    }
    if (reasons.length > 0) {
      const focus = { stageId: s.stageId, cardIds: [...s.focus.cardIds] };
      hotspots.push({ stageId: s.stageId, name: s.name, reasons, focus });
    }
  }
  return hotspots;
}

export function computeInsights(board: HandoffBoard, options: InsightOptions = {}): Insights {
  const laneKind = new Map(board.lanes.map((l) => [l.id, l.kind]));
  const stageIds = new Set(board.stages.map((s) => s.id));
  const cards = board.cards
    .filter((c) => stageIds.has(c.stageId) && laneKind.has(c.laneId))
    .sort(boardOrder(board));
  const cardsByStage = new Map<string, Card[]>();
  for (const c of cards) cardsByStage.set(c.stageId, [...(cardsByStage.get(c.stageId) ?? []), c]);
  const stages = stageInsights(board, cardsByStage);
  const stageById = new Map(stages.map((s) => [s.stageId, s]));
  const hotspots = hotspotsOf(stages, options);
  const hot = new Set(hotspots.map((h) => h.stageId));
  const position = new Map(cards.map((c, i) => [c.id, i]));

  const painPoints = cards
    .filter((c) => laneKind.get(c.laneId) === 'painPoints')
    .map((c): PainPoint => {
      const stage = stageById.get(c.stageId)!;
      const emotion = c.emotion ?? stage.emotion?.mean;
      const emotionFrom: InsightSource =
        c.emotion !== undefined ? 'card' : emotion !== undefined ? 'stage' : 'none';
      const volume = c.metrics.volume ?? stage.volume ?? 0;
      const volumeFrom: InsightSource =
        c.metrics.volume !== undefined ? 'card' : stage.volume !== undefined ? 'stage' : 'none';
      const neg = emotion === undefined ? 0.5 : negativity(emotion);
      const point: PainPoint = {
        cardId: c.id,
        stageId: c.stageId,
        laneId: c.laneId,
        text: c.text,
        volume,
        volumeFrom,
        emotionFrom,
        negativity: round(neg, 4),
        score: round(volume * neg, 2),
        hotspot: hot.has(c.stageId),
        focus: { stageId: c.stageId, cardIds: [c.id] },
      };
      if (emotion !== undefined) point.emotion = emotion;
      return point;
    })
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.negativity - a.negativity ||
        position.get(a.cardId)! - position.get(b.cardId)!,
    );

  const painIn = (stageId: string) => painPoints.filter((p) => p.stageId === stageId);
  const opportunities = cards
    .filter((c) => laneKind.get(c.laneId) === 'opportunities')
    .map((c): Opportunity => {
      const pains = painIn(c.stageId);
      return {
        cardId: c.id,
        stageId: c.stageId,
        laneId: c.laneId,
        text: c.text,
        priority: pains[0]?.score ?? 0,
        hotspot: hot.has(c.stageId),
        painPointIds: pains.map((p) => p.cardId),
        focus: { stageId: c.stageId, cardIds: [c.id, ...pains.map((p) => p.cardId)] },
      };
    })
    .sort(
      (a, b) =>
        b.priority - a.priority ||
        Number(b.hotspot) - Number(a.hotspot) ||
        position.get(a.cardId)! - position.get(b.cardId)!,
    );

  const covered = new Set(opportunities.map((o) => o.stageId));
  const gaps = stages
    .filter((s) => !covered.has(s.stageId) && (hot.has(s.stageId) || painIn(s.stageId).length > 0))
    .map((s) => {
      const painPointIds = painIn(s.stageId).map((p) => p.cardId);
      return {
        stageId: s.stageId,
        name: s.name,
        hotspot: hot.has(s.stageId),
        painPointIds,
        focus: { stageId: s.stageId, cardIds: painPointIds },
      };
    });
  const handoffs = computeHandoffs(board);
  const expectationGaps = computeExpectationGaps(board);
  return { stages, hotspots, painPoints, opportunities, gaps, handoffs, expectationGaps };
}
