import type { MetricPoint } from '../../../../shared/model/metricSeries.js';
import { METRIC_KEYS, type CesMethod, type MetricKey } from '../../../../shared/model/schema.js';
import { formatMetric, METRIC_LABEL } from '../core/visuals.js';
import {
  CES_FORMULA,
  METRIC_FORMULA,
  alertSentence,
  formatDelta,
  type CardTrends,
} from './trends.js';

interface ShownSeries {
  id: string;
  key: MetricKey;
  method?: CesMethod;
  title: string;
  formula: string;
  series: MetricPoint[];
}

/** Each series the card has, CES mean and top-2-box apart (W247), in METRIC_KEYS order. */
function seriesList(trends: CardTrends | undefined): ShownSeries[] {
  const list: ShownSeries[] = [];
  for (const key of METRIC_KEYS) {
    const series = trends?.byMetric[key];
    const ces = key === 'ces';
    if (series?.length) {
      const title = ces ? 'CES (mean)' : METRIC_LABEL[key];
      const formula = ces ? CES_FORMULA.mean : METRIC_FORMULA[key];
      list.push({ id: key, key, title, formula, series, ...(ces ? { method: 'mean' } : {}) });
    }
    const top2 = ces ? trends?.cesTop2box : undefined;
    if (top2?.length) {
      const [title, formula] = ['CES (top-2-box)', CES_FORMULA.top2box];
      list.push({ id: 'ces-top2box', key, method: 'top2box', title, formula, series: top2 });
    }
  }
  return list;
}

/**
 * A card's metric series in the panel (W265): why it alerts (W298), per metric its points newest
 * first (period, value, change, n, source), and how the metric is computed.
 */
export function SeriesTable({ trends }: { trends: CardTrends | undefined }) {
  const cesMethod = trends?.cesMethod ?? 'mean';
  return (
    <div className="panel-series" data-testid="panel-series">
      {trends && trends.alerts.length > 0 && (
        <ul className="panel-alerts" data-testid="panel-alerts" aria-label="Metric alerts">
          {trends.alerts.map((a) => (
            <li key={a.metric}>
              <span className="panel-alert-mark" aria-hidden="true">
                !
              </span>{' '}
              {alertSentence(a)}
            </li>
          ))}
        </ul>
      )}
      {seriesList(trends).map(({ id, key, method, title, formula, series }) => {
        const rows = series.map((p, i) => ({
          p,
          delta: i > 0 ? p.value - series[i - 1]!.value : null,
        }));
        return (
          <table key={id} className="panel-series-table" data-testid={`panel-series-${id}`}>
            <caption>
              {title} over time <span className="panel-hint">{formula}</span>
            </caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col">Value</th>
                <th scope="col">Δ</th>
                <th scope="col">n</th>
                <th scope="col">Source</th>
              </tr>
            </thead>
            <tbody>
              {rows.reverse().map(({ p, delta }) => (
                <tr key={`${p.periodStart}|${p.periodEnd}|${p.source}`}>
                  <td>
                    {p.periodStart === p.periodEnd
                      ? p.periodEnd
                      : `${p.periodStart} – ${p.periodEnd}`}
                  </td>
                  <td>{formatMetric(key, p.value, method)}</td>
                  <td>{delta === null ? '—' : formatDelta(delta)}</td>
                  <td>{p.n ?? '—'}</td>
                  <td>{p.source}</td>
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
      <details className="panel-hint">
        <summary>How the metrics are computed</summary>
        <ul>
          {METRIC_KEYS.map((key) => (
            <li key={key}>{METRIC_FORMULA[key]}</li>
          ))}
          <li>
            This board shows CES as {cesMethod === 'top2box' ? 'top-2-box' : 'a mean'} (board
            settings); points keep the method they were computed with.
          </li>
        </ul>
      </details>
    </div>
  );
}
