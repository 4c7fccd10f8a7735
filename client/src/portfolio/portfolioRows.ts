/**
 * The portfolio page's table as data: filtering, sorting and the CSV export, pure so the page
 * and its tests read the same rows.
 */
import { formatCsv } from '../../../shared/model/csv.js';
import { WORST_END } from '../../../shared/model/portfolio.js';
import type { MapType, MetricKey } from '../../../shared/model/schema.js';
import type { PortfolioMap, PortfolioReview } from '../../../shared/protocol/portfolio.js';
import { mapTypeLabel } from '../ui/mapTypes.js';

export const SORT_KEYS = [
  'title',
  'mapType',
  'persona',
  'owner',
  'lastReviewedAt',
  'review',
  'openThreads',
  'touchpoints',
  'updatedAt',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface MapFilter {
  text: string;
  mapType: MapType | 'all';
  review: PortfolioReview | 'all';
  overdueOnly: boolean;
}
export const NO_FILTER: MapFilter = { text: '', mapType: 'all', review: 'all', overdueOnly: false };

export const REVIEW_LABELS: Record<PortfolioReview, string> = {
  none: 'No open review',
  'in-review': 'In review',
  'changes-requested': 'Changes requested',
};

export function filterMaps(maps: readonly PortfolioMap[], filter: MapFilter): PortfolioMap[] {
  const words = filter.text.toLowerCase().split(/\s+/).filter(Boolean);
  return maps.filter((m) => {
    if (filter.mapType !== 'all' && m.mapType !== filter.mapType) return false;
    if (filter.review !== 'all' && m.review !== filter.review) return false;
    if (filter.overdueOnly && !m.overdue) return false;
    const haystack = `${m.title} ${m.persona} ${m.owner?.name ?? ''}`.toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}

function sortValue(m: PortfolioMap, key: SortKey): string | number {
  switch (key) {
    case 'owner':
      return m.owner?.name ?? '';
    case 'mapType':
      return mapTypeLabel(m.mapType);
    case 'openThreads':
    case 'touchpoints':
      return m[key] ?? -1;
    default:
      return m[key];
  }
}

/** Sorted by `key` (ties: title), ascending or descending; a new array. */
export function sortMaps(
  maps: readonly PortfolioMap[],
  key: SortKey,
  direction: 'ascending' | 'descending',
): PortfolioMap[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return [...maps].sort((a, b) => {
    const x = sortValue(a, key);
    const y = sortValue(b, key);
    const order =
      typeof x === 'number' && typeof y === 'number'
        ? x - y
        : String(x).localeCompare(String(y), undefined, { sensitivity: 'base' });
    return sign * order || a.title.localeCompare(b.title);
  });
}

/** The rows as a spreadsheet reads them: one header row, ISO dates, counts as numbers. */
export function mapsCsv(maps: readonly PortfolioMap[], origin: string): string {
  const count = (n: number | null) => (n === null ? '' : String(n));
  return formatCsv([
    [
      'title',
      'map type',
      'persona',
      'owner',
      'last reviewed',
      'review',
      'overdue',
      'open threads',
      'touchpoints',
      'updated',
      'link',
    ],
    ...maps.map((m) => [
      m.title,
      mapTypeLabel(m.mapType),
      m.persona,
      m.owner?.name ?? '',
      m.reviewed ? m.lastReviewedAt : '',
      REVIEW_LABELS[m.review],
      m.overdue ? 'yes' : 'no',
      count(m.openThreads),
      count(m.touchpoints),
      m.updatedAt,
      `${origin}/b/${m.boardId}`,
    ]),
  ]);
}

/**
 * A touchpoint's change since the previous period, as the list shows it: "▼ 12 pts" (CSAT, FCR,
 * NPS), "▲ 0.4" (CES), "▲ 350" (volume), and whether that is worse; null without a change.
 */
export function deltaLabel(
  metric: MetricKey,
  delta: number | undefined,
): { text: string; worse: boolean } | null {
  if (delta === undefined || delta === 0) return null;
  const size = Math.abs(delta);
  const amount =
    metric === 'ces'
      ? size.toFixed(1)
      : metric === 'volume'
        ? String(Math.round(size))
        : `${Math.round(size)} pts`;
  const worse = WORST_END[metric] === 'low' ? delta < 0 : delta > 0;
  return { text: `${delta > 0 ? '▲' : '▼'} ${amount}`, worse };
}
