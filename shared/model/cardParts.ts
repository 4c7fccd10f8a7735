/** The parts of a card `readCard` (cards.ts) reads with checks of their own: metrics, tags. */
import { note, wrongKind, type FieldReader, type UnreadableSink } from './read.js';
import {
  EMOTION_MAX,
  EMOTION_MIN,
  METRIC_KEYS,
  METRIC_RANGES,
  type MetricKey,
  type Metrics,
} from './schema.js';

const METRIC_CHECKS = Object.fromEntries(
  METRIC_KEYS.map((key) => {
    const { min, max } = METRIC_RANGES[key];
    const check = (value: number) =>
      value >= min && value <= max ? null : `must be from ${min} to ${max}`;
    return [key, check];
  }),
) as Record<MetricKey, (value: number) => string | null>;

export const emotionCheck = (value: number) =>
  Number.isInteger(value) && value >= EMOTION_MIN && value <= EMOTION_MAX
    ? null
    : `must be a whole number from ${EMOTION_MIN} to ${EMOTION_MAX}`;

export function readMetrics(r: FieldReader): Metrics {
  const metrics: Metrics = {};
  const map = r.map('metrics');
  if (!map) return metrics;
  const m = r.nested(map, 'metrics');
  for (const key of METRIC_KEYS) {
    const value = m.number(key, false, METRIC_CHECKS[key]);
    if (value !== undefined) metrics[key] = value;
  }
  return metrics;
}

/** Distinct, non-empty string tags; others are noted and skipped. */
export function readTags(r: FieldReader, into: UnreadableSink): string[] {
  const list = r.array('tags');
  if (!list) return [];
  const tags = new Set<string>();
  list.forEach((tag, i) => {
    if (typeof tag === 'string' && tag) tags.add(tag);
    else
      note(
        into,
        `${r.path}.tags[${i}]`,
        tag === '' ? 'must not be empty' : wrongKind('a string', tag),
      );
  });
  return [...tags];
}
