/** Words and numbers the survey dialog shows: errors, metric values and deltas, unmatched reasons. */
import type { MetricKey } from '../../../../shared/model/schema.js';
import type { SurveyError } from '../../../../shared/model/survey.js';
import type { UnmatchedReason } from '../../../../shared/model/surveyMatch.js';
import type { MetricDelta } from '../../../../shared/model/surveyMetrics.js';
import { ApiError } from '../../api.js';
import { errorMessage } from '../../ui/errors.js';
import { METRIC_LABEL } from '../core/visuals.js';

/** `line 14, column "Q1": …` → `Line 14, column "Q1": …` (the model writes it mid-sentence). */
export function errorLabel(error: Pick<SurveyError, 'message'>): string {
  return error.message.charAt(0).toUpperCase() + error.message.slice(1);
}

/** "and 3 more" when the server listed fewer errors than it found. */
export function moreErrors(listed: number, total: number): string | null {
  const rest = total - listed;
  return rest > 0 ? `and ${rest} more` : null;
}

/** A metric as stored by the import: percentages to 0.1, CES to 0.01, volume whole. */
export function formatValue(key: MetricKey, value: number | null): string {
  if (value === null) return '—';
  if (key === 'csat' || key === 'fcr') return `${value}%`;
  if (key === 'ces') return String(value);
  return value.toLocaleString('en-GB');
}

/** `+8.5 pts`, `−0.4`, `+120`; percentages change in points. Null when a side is missing. */
export function formatDelta(key: MetricKey, delta: number | null): string | null {
  if (delta === null) return null;
  const sign = delta > 0 ? '+' : delta < 0 ? '−' : '±';
  const size = Math.abs(delta);
  const number = key === 'volume' ? size.toLocaleString('en-GB') : String(size);
  return `${sign}${number}${key === 'csat' || key === 'fcr' || key === 'nps' ? ' pts' : ''}`;
}

export type DeltaTone = 'better' | 'worse' | 'same' | 'new';

/** Higher CSAT, CES (ease) and FCR are better; more contact volume is worse. */
export function deltaTone(change: Pick<MetricDelta, 'key' | 'delta' | 'before'>): DeltaTone {
  if (change.before === null) return 'new';
  if (change.delta === null || change.delta === 0) return 'same';
  const up = change.delta > 0;
  return (change.key === 'volume' ? !up : up) ? 'better' : 'worse';
}

/** "CSAT 61% → 72.5% (+11.5 pts)", for screen readers and titles. */
export function describeDelta(change: MetricDelta): string {
  const from = formatValue(change.key, change.before);
  const to = formatValue(change.key, change.after);
  const delta = formatDelta(change.key, change.delta);
  const label = METRIC_LABEL[change.key];
  if (change.before === null) return `${label} ${to} (new)`;
  return `${label} ${from} → ${to}${delta ? ` (${delta})` : ''}`;
}

export const UNMATCHED_REASON: Record<UnmatchedReason, string> = {
  'no-card': 'No touchpoint card has this name',
  ambiguous: 'More than one card matches; rename one or add a stage column',
  'unknown-stage': 'The board has no stage with this name',
};

/** A request failure in words a person can act on. */
export function requestErrorMessage(err: unknown): string {
  if (!(err instanceof ApiError)) return errorMessage(err);
  switch (err.status) {
    case 0:
      return err.message;
    case 401:
    case 403:
      return 'Your link does not allow importing into this board. Ask the owner for an editor link.';
    case 404:
      return 'This board no longer exists.';
    case 413:
      return 'The file is too large to send in one go. Split it into smaller files and import each.';
    case 503:
      return 'The board cannot be saved right now. Nothing was imported; try again in a moment.';
    default:
      return err.message.charAt(0).toUpperCase() + err.message.slice(1);
  }
}

/** Whether trying the same request again may work. */
export function isRetryable(err: unknown): boolean {
  return err instanceof ApiError && (err.status === 0 || err.status === 503 || err.status >= 500);
}

/** The per-line problems a refused import lists in its body (400), if any. */
export function surveyErrorsOf(err: unknown): { errors: SurveyError[]; errorCount: number } | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const { errors, errorCount } = err.body;
  if (!Array.isArray(errors) || errors.length === 0) return null;
  const list = errors as SurveyError[];
  return { errors: list, errorCount: typeof errorCount === 'number' ? errorCount : list.length };
}

/** "lines 4, 9 and 12" / "line 4", with "…" when the server listed only the first lines. */
export function linesLabel(lines: readonly number[], count: number): string {
  if (lines.length === 0) return '';
  const listed = lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(', ')}`;
  return count > lines.length ? `${listed} …` : listed;
}
