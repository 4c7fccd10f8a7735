/** Words and numbers the insights panel shows; pure so they can be tested without a browser. */
import type { HotspotReason, MetricAverage, PainPoint } from '../../../../shared/model/insights.js';
import { plural } from '../../../../shared/model/plural.js';

const percent = (share: number) => `${Math.round(share * 100)}%`;
const count = (n: number) => Math.round(n).toLocaleString('en-GB');

/** Why a stage is a hotspot, as a sentence fragment. */
export function hotspotReasonText(reason: HotspotReason): string {
  if (reason.kind === 'csat') {
    return `CSAT ${reason.csat}% is below the ${reason.threshold}% target`;
  }
  const ratio = reason.meanShare > 0 ? reason.share / reason.meanShare : 0;
  return `${percent(reason.share)} of all contact volume, ${ratio.toFixed(1)}× an even share (${percent(reason.meanShare)})`;
}

/** Emotion score with its sign: "+1", "−1.5", "0". */
export function formatEmotion(score: number): string {
  const rounded = Math.round(score * 10) / 10;
  if (rounded === 0) return '0';
  return `${rounded > 0 ? '+' : '−'}${Math.abs(rounded)}`;
}

/** What a pain point's rank rests on, saying where borrowed figures came from. */
export function painPointBasis(p: PainPoint): string {
  const volume =
    p.volumeFrom === 'card'
      ? `${count(p.volume)} contacts`
      : p.volumeFrom === 'stage'
        ? `${count(p.volume)} contacts in its stage`
        : 'no contact volume yet';
  const emotion =
    p.emotion === undefined
      ? 'no emotion score (counted as neutral)'
      : p.emotionFrom === 'card'
        ? `emotion ${formatEmotion(p.emotion)}`
        : `stage emotion ${formatEmotion(p.emotion)}`;
  return `${volume} · ${emotion}`;
}

/** The rank's number, e.g. "1,388". */
export function formatScore(score: number): string {
  return count(score);
}

/** A stage average with what it rests on, e.g. "61%" and "n=143" or "2 cards". */
export function averageParts(
  key: 'csat' | 'ces' | 'fcr' | 'nps',
  avg: MetricAverage | undefined,
): { value: string; basis: string } | null {
  if (!avg) return null;
  const value =
    key === 'ces'
      ? avg.value.toFixed(1)
      : key === 'nps'
        ? `${avg.value > 0 ? '+' : ''}${Math.round(avg.value)}`
        : `${Math.round(avg.value)}%`;
  const basis =
    avg.weighted && avg.n !== undefined ? `n=${count(avg.n)}` : plural(avg.cards, 'card');
  return { value, basis };
}

/** "45 days", "14 months", "3 years": evidence age at a glance. */
export function ageText(days: number): string {
  if (days < 60) return plural(days, 'day');
  const months = Math.floor(days / 30.44);
  if (months < 24) return plural(months, 'month');
  return plural(Math.floor(days / 365.25), 'year');
}

/** A yyyy-mm-dd evidence date in the reader's locale ("30 Sept 2024"); it names a day, not a moment. */
export function formatDay(day: string, locale?: string): string {
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (!Number.isFinite(ms)) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(ms);
}

/** The label of a stale-age choice: "6 months" reads better than "180 days". */
export function staleAgeLabel(days: number): string {
  if (days === 365) return '1 year';
  if (days % 30 === 0) return plural(days / 30, 'month');
  return plural(days, 'day');
}
