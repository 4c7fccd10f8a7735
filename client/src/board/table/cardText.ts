/** Words for what a card shows in the table view: its visible badges and its accessible name. */
import { evidenceDay } from '../../../../shared/model/staleness.js';
import type { Card, CesMethod, MetricKey } from '../../../../shared/model/schema.js';
import { plural } from '../../../../shared/model/plural.js';
import {
  EMOTION_LABELS,
  formatMetric,
  METRIC_LABEL,
  rateMetric,
  type Rating,
} from '../core/visuals.js';
import {
  alertSentence,
  formatDelta,
  latestDelta,
  shownMetrics,
  type CardTrends,
} from '../metrics/trends.js';

const DAY_MS = 86_400_000;

/** "−2 very negative", "0 neutral", "+1 positive" (a real minus sign, as screen readers say it). */
export function emotionText(score: number): string {
  const rounded = Math.round(score);
  const sign = rounded > 0 ? '+' : rounded < 0 ? '−' : '';
  const word = (EMOTION_LABELS[rounded] ?? 'Neutral').toLowerCase();
  return `${sign}${Math.abs(rounded)} ${word}`;
}

export interface MetricBadge {
  key: MetricKey;
  label: string;
  value: string;
  rating: Rating;
  /** The change against the previous period (`▲+2.5`), when the value is a series' latest. */
  delta?: string;
  /** Why the metric alerts (W297), when its series does. */
  alert?: string;
}

/** The card's metrics in CSAT, CES, FCR, volume order, each with its red/amber/green rating. */
export function metricBadges(
  card: Card,
  meanVolume: number,
  trends?: CardTrends,
  cesMethod?: CesMethod,
): MetricBadge[] {
  const badges: MetricBadge[] = [];
  for (const { key, value, method, suffix, series } of shownMetrics(
    card.metrics,
    trends,
    cesMethod,
  )) {
    const badge: MetricBadge = {
      key,
      label: METRIC_LABEL[key],
      value: `${formatMetric(key, value, method)}${suffix}`,
      rating: rateMetric(key, value, meanVolume, method),
    };
    const delta = series && series.at(-1)?.value === value ? latestDelta(series) : null;
    if (delta !== null) badge.delta = formatDelta(delta);
    const alert = trends?.alerts.find((a) => a.metric === key);
    if (alert) badge.alert = alertSentence(alert);
    badges.push(badge);
  }
  return badges;
}

/** Days since the card's newest dated evidence when that is past `maxAgeDays`, else null. */
export function staleAge(card: Card, now: number, maxAgeDays: number): number | null {
  let newest: number | null = null;
  for (const item of card.evidence) {
    const day = evidenceDay(item.date);
    if (day !== null && (newest === null || day > newest)) newest = day;
  }
  if (newest === null) return null;
  const age = Math.round((Math.floor(now / DAY_MS) * DAY_MS - newest) / DAY_MS);
  return age > maxAgeDays ? age : null;
}

export interface CardFacts {
  card: Card;
  meanVolume: number;
  staleDays: number | null;
  /** 0-based position in its cell, and how many cards the cell holds. */
  index: number;
  of: number;
  /** The persona it is for, on a board with several. */
  persona?: string;
  /** Its metric series (W265). */
  trends?: CardTrends;
  /** The board's CES method (W248). */
  cesMethod?: CesMethod;
  /** A shared copy's or origin's mark in words (W301), e.g. "shared copy from Research". */
  shared?: string;
}

/** Everything a card shows, as one sentence for screen readers (its accessible name). */
export function cardLabel(facts: CardFacts): string {
  const { card } = facts;
  const parts = [card.text.trim() || 'Untitled card'];
  if (facts.shared) parts.push(facts.shared);
  if (card.emotion !== undefined) parts.push(`emotion ${emotionText(card.emotion)}`);
  if (facts.persona) parts.push(`persona ${facts.persona}`);
  if (card.channel) parts.push(`channel ${card.channel}`);
  if (card.team) parts.push(`team ${card.team}`);
  if (card.expected !== undefined) parts.push(`expected ${emotionText(card.expected)}`);
  if (card.expectation) parts.push(`expectation ${card.expectation}`);
  const badges = metricBadges(card, facts.meanVolume, facts.trends, facts.cesMethod);
  for (const badge of badges)
    parts.push(
      `${badge.label} ${badge.value}${badge.delta ? ` ${badge.delta} since the previous period` : ''} (${badge.rating})`,
    );
  for (const badge of badges) if (badge.alert) parts.push(`alert: ${badge.alert}`);
  if (card.tags.length) parts.push(`tags ${card.tags.join(', ')}`);
  if (card.evidence.length) parts.push(plural(card.evidence.length, 'evidence item'));
  if (facts.staleDays !== null)
    parts.push(`stale: newest evidence ${plural(facts.staleDays, 'day')} old`);
  parts.push(`card ${facts.index + 1} of ${facts.of}`);
  return parts.join('; ');
}

/** "Purchase · Touchpoints": a cell named the way announcements and labels say it. */
export function cellName(stageName: string, laneName: string): string {
  return `${stageName || 'Untitled stage'} · ${laneName || 'Untitled lane'}`;
}
