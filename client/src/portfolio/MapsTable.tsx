import { useId, useMemo, useState } from 'react';
import { MAP_TYPES } from '../../../shared/model/schema.js';
import type { PortfolioMap, PortfolioReview } from '../../../shared/protocol/portfolio.js';
import { navigate } from '../router.js';
import { mapTypeLabel } from '../ui/mapTypes.js';
import { timeAgo } from '../ui/time.js';
import {
  filterMaps,
  NO_FILTER,
  REVIEW_LABELS,
  sortMaps,
  type MapFilter,
  type SortKey,
} from './portfolioRows.js';

const COLUMNS: { key: SortKey; label: string; numeric?: boolean }[] = [
  { key: 'title', label: 'Map' },
  { key: 'mapType', label: 'Type' },
  { key: 'persona', label: 'Persona' },
  { key: 'owner', label: 'Owner' },
  { key: 'lastReviewedAt', label: 'Last review' },
  { key: 'review', label: 'Review' },
  { key: 'openThreads', label: 'Open threads', numeric: true },
  { key: 'touchpoints', label: 'Touchpoints', numeric: true },
  { key: 'updatedAt', label: 'Changed' },
];

interface MapsTableProps {
  maps: readonly PortfolioMap[];
  now: number;
  /** Hands the rows shown (filtered and sorted) to the CSV export. */
  onShown(rows: PortfolioMap[]): void;
}

/** Every map: sortable by any column (click a header), filtered by text, type and review. */
export function MapsTable({ maps, now, onShown }: MapsTableProps) {
  const [filter, setFilter] = useState<MapFilter>(NO_FILTER);
  const [sort, setSort] = useState<{ key: SortKey; direction: 'ascending' | 'descending' }>({
    key: 'updatedAt',
    direction: 'descending',
  });
  const ids = useId();
  const rows = useMemo(() => {
    const shown = sortMaps(filterMaps(maps, filter), sort.key, sort.direction);
    onShown(shown);
    return shown;
  }, [maps, filter, sort, onShown]);
  const set = (patch: Partial<MapFilter>) => setFilter((f) => ({ ...f, ...patch }));
  const sortBy = (key: SortKey) =>
    setSort((s) => ({
      key,
      direction: s.key === key && s.direction === 'ascending' ? 'descending' : 'ascending',
    }));

  return (
    <section className="portfolio-section" aria-labelledby={`${ids}-heading`}>
      <h2 id={`${ids}-heading`}>Maps</h2>
      <div className="portfolio-filters">
        <label>
          <span>Find</span>
          <input
            type="search"
            className="input"
            value={filter.text}
            placeholder="Title, persona or owner"
            onChange={(e) => set({ text: e.target.value })}
            data-testid="portfolio-filter-text"
          />
        </label>
        <label>
          <span>Type</span>
          <select
            className="select"
            value={filter.mapType}
            onChange={(e) => set({ mapType: e.target.value as MapFilter['mapType'] })}
          >
            <option value="all">All types</option>
            {MAP_TYPES.map((t) => (
              <option key={t} value={t}>
                {mapTypeLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Review</span>
          <select
            className="select"
            value={filter.review}
            onChange={(e) => set({ review: e.target.value as MapFilter['review'] })}
          >
            <option value="all">Any</option>
            {(Object.keys(REVIEW_LABELS) as PortfolioReview[]).map((r) => (
              <option key={r} value={r}>
                {REVIEW_LABELS[r]}
              </option>
            ))}
          </select>
        </label>
        <label className="portfolio-check">
          <input
            type="checkbox"
            checked={filter.overdueOnly}
            onChange={(e) => set({ overdueOnly: e.target.checked })}
            data-testid="portfolio-overdue-only"
          />
          <span>Overdue for review only</span>
        </label>
      </div>
      <p className="portfolio-hint" aria-live="polite">
        {rows.length === maps.length
          ? `${maps.length} map${maps.length === 1 ? '' : 's'}`
          : `${rows.length} of ${maps.length} maps`}
      </p>
      <div className="portfolio-table-wrap">
        <table className="portfolio-table" data-testid="portfolio-maps">
          <thead>
            <tr>
              {COLUMNS.map((c) => (
                <th
                  key={c.key}
                  scope="col"
                  aria-sort={sort.key === c.key ? sort.direction : 'none'}
                  className={c.numeric ? 'numeric' : undefined}
                >
                  <button type="button" onClick={() => sortBy(c.key)}>
                    {c.label}
                    <span aria-hidden="true">
                      {sort.key === c.key ? (sort.direction === 'ascending' ? ' ▲' : ' ▼') : ''}
                    </span>
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((m) => (
              <tr key={m.boardId}>
                <th scope="row">
                  <a
                    href={`/b/${encodeURIComponent(m.boardId)}`}
                    onClick={(e) => {
                      e.preventDefault();
                      navigate(`/b/${encodeURIComponent(m.boardId)}`);
                    }}
                  >
                    {m.title}
                  </a>
                </th>
                <td>{mapTypeLabel(m.mapType)}</td>
                <td>{m.persona || '—'}</td>
                <td>{m.owner?.name ?? '—'}</td>
                <td>
                  {m.reviewed ? timeAgo(m.lastReviewedAt, now) : 'Never'}
                  {m.overdue && <span className="portfolio-overdue">Overdue</span>}
                </td>
                <td>
                  {REVIEW_LABELS[m.review]}
                  {m.reviewDue && <span className="portfolio-due"> · due {m.reviewDue}</span>}
                </td>
                <td className="numeric">{m.openThreads ?? '…'}</td>
                <td className="numeric">{m.touchpoints ?? '…'}</td>
                <td>{timeAgo(m.updatedAt, now)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
