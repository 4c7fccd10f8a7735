import { METRIC_KEYS, type MetricKey } from '../../../../shared/model/schema.js';
import type { CardImport, UnmatchedSummary } from '../../../../shared/model/surveyImport.js';
import type { MetricDelta } from '../../../../shared/model/surveyMetrics.js';
import { METRIC_LABEL } from '../core/visuals.js';
import {
  deltaTone,
  describeDelta,
  formatDelta,
  formatValue,
  linesLabel,
  UNMATCHED_REASON,
} from './surveyView.js';
import { plural } from '../../../../shared/model/plural.js';

function MetricCell({ change, n }: { change: MetricDelta | undefined; n?: number }) {
  if (!change) return <td className="survey-metric survey-none">—</td>;
  const tone = deltaTone(change);
  const delta = formatDelta(change.key, change.delta);
  return (
    <td className="survey-metric" title={describeDelta(change)} data-metric={change.key}>
      {change.before !== null && (
        <span className="survey-before">{formatValue(change.key, change.before)} → </span>
      )}
      <strong>{formatValue(change.key, change.after)}</strong>
      {tone === 'new' ? (
        <span className="survey-delta survey-delta-new">new</span>
      ) : (
        delta && (
          <span className={`survey-delta survey-delta-${tone}`} data-testid="survey-delta">
            {delta}
          </span>
        )
      )}
      {n !== undefined && n > 0 && change.key !== 'volume' && (
        <span className="survey-n">n={n}</span>
      )}
    </td>
  );
}

/** What a top-2-box board's import writes for CES (W249): the share of answers 6–7. */
function Top2Cell({ value, n }: { value: number | undefined; n: number }) {
  if (value === undefined) return <td className="survey-metric survey-none">—</td>;
  return (
    <td className="survey-metric" data-metric="ces-top2box">
      <strong>{value}%</strong>
      {n > 0 && <span className="survey-n">n={n}</span>}
    </td>
  );
}

/** One row per card an import changes: before → after per metric, deltas coloured by direction. */
export function MatchesTable(props: {
  cards: readonly CardImport[];
  caption: string;
  /** Adds a "Show on map" button per card (after the import, when the ids are real). */
  onShow?(cardId: string): void;
  /** The board shows CES as top-2-box (W249): a column says what the import computes for it. */
  cesTop2box?: boolean;
}) {
  const keys: MetricKey[] = [...METRIC_KEYS];
  const top2 = props.cesTop2box ?? false;
  return (
    <div className="survey-table-wrap">
      <table className="survey-table" data-testid="survey-matches">
        <caption className="survey-caption">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">Card</th>
            <th scope="col" title="Rows of the file for this card: sample size, not contact volume">
              Responses
            </th>
            {keys.map((k) => (
              <th key={k} scope="col">
                {k === 'ces' && top2 ? 'CES (mean)' : METRIC_LABEL[k]}
              </th>
            ))}
            {top2 && (
              <th scope="col" title="% of CES answers 6 or 7">
                CES top-2
              </th>
            )}
            {props.onShow && (
              <th scope="col">
                <span className="sr-only">Actions</span>
              </th>
            )}
          </tr>
        </thead>
        <tbody>
          {props.cards.map((card) => (
            <tr key={card.cardId} data-card-id={card.cardId}>
              <th scope="row" className="survey-card-text">
                <span title={card.text}>{card.text}</span>
                {card.created && <span className="survey-tag">new card</span>}
              </th>
              <td>{card.survey.n.responses.toLocaleString('en-GB')}</td>
              {keys.map((k) => (
                <MetricCell
                  key={k}
                  change={card.deltas.find((d) => d.key === k)}
                  n={k === 'volume' ? undefined : card.survey.n[k]}
                />
              ))}
              {top2 && <Top2Cell value={card.survey.cesTop2box} n={card.survey.n.ces} />}
              {props.onShow && (
                <td>
                  <button
                    type="button"
                    className="btn panel-small"
                    data-testid="survey-show-card"
                    aria-label={`Show “${card.text}” on the map`}
                    onClick={() => props.onShow!(card.cardId)}
                  >
                    Show on map
                  </button>
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Touchpoints no card took, with why and where in the file. */
export function UnmatchedList({ groups }: { groups: readonly UnmatchedSummary[] }) {
  if (groups.length === 0) return null;
  const rowCount = groups.reduce((sum, g) => sum + g.count, 0);
  return (
    <section className="survey-section" data-testid="survey-unmatched">
      <h3 className="panel-section-title">Not matched ({plural(rowCount, 'row')})</h3>
      <ul className="survey-unmatched">
        {groups.map((g) => (
          <li key={`${g.stage ?? ''}|${g.touchpoint}|${g.reason}`}>
            <strong>{g.touchpoint}</strong>
            {g.stage && <span className="muted"> in {g.stage}</span>}
            <span className="survey-unmatched-why">
              {UNMATCHED_REASON[g.reason]} · {plural(g.count, 'row')},{' '}
              {linesLabel(g.lines, g.count)}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
