/**
 * Survey import, step three: CX metrics of one touchpoint from its rows, and the evidence line
 * that records their sample sizes (the schema's Metrics has no place for n, so the n lives in a
 * `data` evidence item written in a fixed format that `parseSurveySummary` reads back).
 *
 * The number of responses is a sample size, not contact volume: `volume` (contacts) only comes
 * from a volume column, summed over the touchpoint's rows.
 */
import { plural } from './plural.js';
import {
  METRIC_KEYS,
  type Card,
  type CesMethod,
  type Evidence,
  type MetricKey,
  type Metrics,
} from './schema.js';
import type { SurveyRow } from './survey.js';

/** How many rows fed each metric; `responses` is every row of the touchpoint. */
export interface SampleSizes {
  csat: number;
  ces: number;
  fcr: number;
  nps: number;
  responses: number;
}

/** The metrics that are shares or means of answers, so have a sample size. */
export const SAMPLED_METRICS = ['csat', 'ces', 'fcr', 'nps'] as const;
export type SampledMetric = (typeof SAMPLED_METRICS)[number];

export interface SurveyMetrics {
  /** Only metrics with at least one value behind them. */
  metrics: Metrics;
  n: SampleSizes;
  /** W249: CES as the % of its answers that are 6 or 7 (top-2-box), 0.1 precision. */
  cesTop2box?: number;
  /** Oldest and newest row date (yyyy-mm-dd), when rows carry dates. */
  from?: string;
  to?: string;
}

/** Decimals kept on the card: percentages and NPS to 0.1, the CES mean to 0.01, volume whole. */
export const METRIC_DECIMALS: Record<MetricKey, number> = {
  csat: 1,
  ces: 2,
  fcr: 1,
  nps: 1,
  volume: 0,
};

export function roundMetric(key: MetricKey, value: number): number {
  const scale = 10 ** METRIC_DECIMALS[key];
  return Math.round(value * scale) / scale;
}

/**
 * CSAT % = share of csat answers that are 4 or 5; CES = mean of ces answers; FCR % = share of
 * resolved_first_contact answers that are yes; NPS = % of nps answers 9–10 − % of those 0–6; volume = sum of the volume cells (only when some
 * row has one). `n.responses` is the number of rows; blank cells count towards it only.
 */
export function computeMetrics(rows: readonly SurveyRow[]): SurveyMetrics {
  // Plain loops: this runs over every row of files up to MAX_SURVEY_ROWS.
  const n = { csat: 0, ces: 0, fcr: 0, nps: 0, responses: rows.length };
  let satisfied = 0;
  let promoters = 0;
  let detractors = 0;
  let effort = 0;
  let easy = 0;
  let resolved = 0;
  let contacts: number | undefined;
  let from: string | undefined;
  let to: string | undefined;
  for (const r of rows) {
    if (r.csat !== undefined) {
      n.csat++;
      if (r.csat >= 4) satisfied++;
    }
    if (r.ces !== undefined) {
      n.ces++;
      effort += r.ces;
      if (r.ces >= 6) easy++;
    }
    if (r.resolved !== undefined) {
      n.fcr++;
      if (r.resolved) resolved++;
    }
    if (r.nps !== undefined) {
      n.nps++;
      if (r.nps >= 9) promoters++;
      else if (r.nps <= 6) detractors++;
    }
    if (r.volume !== undefined) contacts = (contacts ?? 0) + r.volume;
    // yyyy-mm-dd strings compare like the dates they name.
    if (r.date !== undefined) {
      if (from === undefined || r.date < from) from = r.date;
      if (to === undefined || r.date > to) to = r.date;
    }
  }
  const metrics: Metrics = {};
  if (contacts !== undefined) metrics.volume = contacts;
  if (n.csat > 0) metrics.csat = roundMetric('csat', (100 * satisfied) / n.csat);
  if (n.ces > 0) metrics.ces = roundMetric('ces', effort / n.ces);
  if (n.fcr > 0) metrics.fcr = roundMetric('fcr', (100 * resolved) / n.fcr);
  if (n.nps > 0) metrics.nps = roundMetric('nps', (100 * (promoters - detractors)) / n.nps);
  const result: SurveyMetrics = { metrics, n };
  if (n.ces > 0) result.cesTop2box = roundMetric('csat', (100 * easy) / n.ces);
  if (from !== undefined && to !== undefined) {
    result.from = from;
    result.to = to;
  }
  return result;
}

/** Same shape as the version diff's MetricChange: null where a side has no value. */
export interface MetricDelta {
  key: MetricKey;
  before: number | null;
  after: number | null;
  /** after − before, rounded like the metric; null unless both are known. */
  delta: number | null;
}

/** Every metric known before or after, with its change; unchanged ones carry delta 0. */
export function metricDeltas(before: Metrics, after: Metrics): MetricDelta[] {
  const changes: MetricDelta[] = [];
  for (const key of METRIC_KEYS) {
    const b = before[key] ?? null;
    const a = after[key] ?? null;
    if (b === null && a === null) continue;
    changes.push({
      key,
      before: b,
      after: a,
      delta: a !== null && b !== null ? roundMetric(key, a - b) : null,
    });
  }
  return changes;
}

const SUMMARY_PREFIX = 'Survey: ';

/**
 * e.g. `Survey: CSAT 66.7% (n=3) · CES 4.5 (n=2) · FCR 50% (n=4) · 4 responses · contact volume 900 · 2024-09-01 to 2024-09-30`
 * (contact volume only when the file had a volume column).
 */
export function formatSurveySummary(survey: SurveyMetrics, cesMethod: CesMethod = 'mean'): string {
  const { metrics: m, n } = survey;
  const parts: string[] = [];
  if (m.csat !== undefined) parts.push(`CSAT ${m.csat}% (n=${n.csat})`);
  if (m.ces !== undefined) parts.push(`CES ${m.ces} (n=${n.ces})`);
  // W249: on a top-2-box board the line says that figure too (the mean stays: the card's value).
  if (cesMethod === 'top2box' && survey.cesTop2box !== undefined)
    parts.push(`CES top-2 ${survey.cesTop2box}% (n=${n.ces})`);
  if (m.fcr !== undefined) parts.push(`FCR ${m.fcr}% (n=${n.fcr})`);
  if (m.nps !== undefined) parts.push(`NPS ${m.nps} (n=${n.nps})`);
  // Plain digits (no thousands separators), so the line reads back exactly.
  parts.push(plural(n.responses, 'response').replace(/,/g, ''));
  if (m.volume !== undefined) parts.push(`contact volume ${m.volume}`);
  if (survey.from !== undefined && survey.to !== undefined) {
    parts.push(survey.from === survey.to ? survey.from : `${survey.from} to ${survey.to}`);
  }
  return SUMMARY_PREFIX + parts.join(' · ');
}

/** Whether an evidence item is a summary this import wrote. */
export function isSurveySummary(e: Pick<Evidence, 'kind' | 'text'>): boolean {
  return e.kind === 'data' && e.text.startsWith(SUMMARY_PREFIX);
}

export interface SurveySummary {
  metrics: Metrics;
  n: SampleSizes;
  /**
   * Written before response counts and contact volume were kept apart: its `volume N` is the
   * number of responses, which that import also wrote into the card's volume metric.
   */
  legacy: boolean;
}

/** The metrics and sample sizes of a summary line, or null for any other text. */
export function parseSurveySummary(text: string): SurveySummary | null {
  if (!text.startsWith(SUMMARY_PREFIX)) return null;
  const num = '(\\d+(?:\\.\\d+)?)';
  const find = (pattern: string) => {
    const match = new RegExp(pattern).exec(text);
    return match ? match.slice(1).map(Number) : undefined;
  };
  const csat = find(`\\bCSAT ${num}% \\(n=(\\d+)\\)`);
  const ces = find(`\\bCES ${num} \\(n=(\\d+)\\)`);
  const fcr = find(`\\bFCR ${num}% \\(n=(\\d+)\\)`);
  const nps = find(`\\bNPS (-?\\d+(?:\\.\\d+)?) \\(n=(\\d+)\\)`);
  // Each part follows the prefix or a ` · `.
  const part = `(?:^${SUMMARY_PREFIX}| · )`;
  const responses = find(`${part}(\\d+) responses?\\b`);
  const contacts = find(`${part}contact volume (\\d+)`);
  const legacyVolume = responses ? undefined : find(`${part}volume (\\d+)`);
  const count = responses ?? legacyVolume;
  if (!count) return null;
  const metrics: Metrics = {};
  if (csat) metrics.csat = csat[0]!;
  if (ces) metrics.ces = ces[0]!;
  if (fcr) metrics.fcr = fcr[0]!;
  if (nps) metrics.nps = nps[0]!;
  if (contacts) metrics.volume = contacts[0]!;
  return {
    metrics,
    n: {
      csat: csat?.[1] ?? 0,
      ces: ces?.[1] ?? 0,
      fcr: fcr?.[1] ?? 0,
      nps: nps?.[1] ?? 0,
      responses: count[0]!,
    },
    legacy: legacyVolume !== undefined,
  };
}

/** The newest survey summary among a card's evidence, read back; null when it has none. */
export function newestSurveySummary(
  evidence: readonly Pick<Evidence, 'kind' | 'text'>[],
): SurveySummary | null {
  for (let i = evidence.length - 1; i >= 0; i--) {
    const e = evidence[i]!;
    if (!isSurveySummary(e)) continue;
    const summary = parseSurveySummary(e.text);
    if (summary) return summary;
  }
  return null;
}

/**
 * The sample sizes behind a card's CSAT, CES and FCR: those of its newest survey summary, for
 * each metric whose value still equals the summary's (someone may have typed a new value since),
 * and the summary's number of responses when any of them still applies.
 */
export function sampleSizes(card: Pick<Card, 'metrics' | 'evidence'>): Partial<SampleSizes> {
  const summary = newestSurveySummary(card.evidence);
  if (!summary) return {};
  const sizes: Partial<SampleSizes> = {};
  for (const key of SAMPLED_METRICS) {
    const value = card.metrics[key];
    if (value !== undefined && value === summary.metrics[key] && summary.n[key] > 0) {
      sizes[key] = summary.n[key];
    }
  }
  if (Object.keys(sizes).length > 0) sizes.responses = summary.n.responses;
  return sizes;
}

/**
 * Whether the card's volume metric is a response count an import wrote before the two were
 * kept apart (its newest summary is such a one and the volume still equals that count): a new
 * import clears it rather than leave responses counted as contacts.
 */
export function hasLegacyResponseVolume(card: {
  metrics: Metrics;
  evidence: readonly Pick<Evidence, 'kind' | 'text'>[];
}): boolean {
  const summary = newestSurveySummary(card.evidence);
  return (
    summary !== null &&
    summary.legacy &&
    card.metrics.volume !== undefined &&
    card.metrics.volume === summary.n.responses
  );
}
