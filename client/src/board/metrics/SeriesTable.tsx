import { METRIC_KEYS } from '../../../../shared/model/schema.js';
import { formatMetric, METRIC_LABEL } from '../core/visuals.js';
import { METRIC_FORMULA, alertSentence, formatDelta, type CardTrends } from './trends.js';

/**
 * A card's metric series in the panel (W265): why it alerts (W298), per metric its points newest
 * first (period, value, change, n, source), and how the metric is computed.
 */
export function SeriesTable({ trends }: { trends: CardTrends | undefined }) {
  const metrics = METRIC_KEYS.filter((k) => trends?.byMetric[k]?.length);
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
      {metrics.map((key) => {
        const series = trends!.byMetric[key]!;
        const rows = series.map((p, i) => ({
          p,
          delta: i > 0 ? p.value - series[i - 1]!.value : null,
        }));
        return (
          <table key={key} className="panel-series-table" data-testid={`panel-series-${key}`}>
            <caption>
              {METRIC_LABEL[key]} over time{' '}
              <span className="panel-hint">{METRIC_FORMULA[key]}</span>
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
                  <td>{formatMetric(key, p.value)}</td>
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
        </ul>
      </details>
    </div>
  );
}
