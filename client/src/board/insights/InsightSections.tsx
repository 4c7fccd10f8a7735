import type { ReactNode } from 'react';
import type {
  Gap,
  Hotspot,
  Opportunity,
  PainPoint,
  StageInsight,
} from '../../../../shared/model/insights.js';
import {
  averageParts,
  formatEmotion,
  formatScore,
  hotspotReasonText,
  painPointBasis,
} from './insightsView.js';
import { FocusButton } from './FocusButton.js';
import { plural } from '../../../../shared/model/plural.js';

type Focus = (id: string) => void;

export function Section(props: {
  title: string;
  count?: number;
  children: ReactNode;
  testId: string;
}) {
  return (
    <section className="insights-section" data-testid={props.testId}>
      <h3 className="panel-section-title">
        {props.title}
        {props.count !== undefined && props.count > 0 && (
          <span className="insights-count">{props.count}</span>
        )}
      </h3>
      {props.children}
    </section>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="insights-empty">{children}</p>;
}

function Metric({ parts }: { parts: { value: string; basis: string } | null }) {
  if (!parts) return <td className="insights-none">—</td>;
  return (
    <td title={parts.basis}>
      {parts.value}
      <span className="insights-basis">{parts.basis}</span>
    </td>
  );
}

/** Per-stage averages, with a bar for each stage's share of contact volume. */
export function StageTable(props: {
  stages: readonly StageInsight[];
  hot: ReadonlySet<string>;
  onFocus: Focus;
}) {
  return (
    <div className="insights-table-wrap">
      <table className="insights-table">
        <caption className="sr-only">Averages per stage</caption>
        <thead>
          <tr>
            <th scope="col">Stage</th>
            <th scope="col" title="Mean emotion score, −2 to +2">
              Mood
            </th>
            <th scope="col">CSAT</th>
            <th scope="col" title="Customer effort score, 1–7, higher is easier">
              CES
            </th>
            <th scope="col">FCR</th>
            <th scope="col" title="Net promoter score: % promoters (9–10) − % detractors (0–6)">
              NPS
            </th>
            <th scope="col">Volume</th>
          </tr>
        </thead>
        <tbody>
          {props.stages.map((s) => (
            <tr
              key={s.stageId}
              className={props.hot.has(s.stageId) ? 'insights-hot-row' : undefined}
            >
              <th scope="row">
                <FocusButton
                  id={s.stageId}
                  testId="insights-stage"
                  className="insights-link"
                  onFocus={props.onFocus}
                >
                  {s.name || 'Untitled stage'}
                </FocusButton>
              </th>
              <td title={s.emotion ? plural(s.emotion.cards, 'card') : undefined}>
                {s.emotion ? (
                  formatEmotion(s.emotion.mean)
                ) : (
                  <span className="insights-none">—</span>
                )}
              </td>
              <Metric parts={averageParts('csat', s.csat)} />
              <Metric parts={averageParts('ces', s.ces)} />
              <Metric parts={averageParts('fcr', s.fcr)} />
              <Metric parts={averageParts('nps', s.nps)} />
              <td>
                {s.volume === undefined ? (
                  <span className="insights-none">—</span>
                ) : (
                  <>
                    {formatScore(s.volume)}
                    <span className="insights-bar" aria-hidden="true">
                      <span style={{ width: `${Math.round((s.volumeShare ?? 0) * 100)}%` }} />
                    </span>
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function HotspotList(props: { hotspots: readonly Hotspot[]; onFocus: Focus }) {
  return (
    <ul className="insights-list">
      {props.hotspots.map((h) => (
        <li key={h.stageId}>
          <FocusButton
            id={h.stageId}
            testId="insights-hotspot"
            className="insights-item insights-item-hot"
            onFocus={props.onFocus}
          >
            <span className="insights-item-title">{h.name || 'Untitled stage'}</span>
            {h.reasons.map((r) => (
              <span key={r.kind} className="insights-item-detail">
                {hotspotReasonText(r)}
              </span>
            ))}
          </FocusButton>
        </li>
      ))}
    </ul>
  );
}

export function PainPointList(props: {
  painPoints: readonly PainPoint[];
  stageName: (id: string) => string;
  onFocus: Focus;
}) {
  return (
    <ol className="insights-list">
      {props.painPoints.map((p, i) => (
        <li key={p.cardId}>
          <FocusButton
            id={p.cardId}
            testId="insights-pain-point"
            className="insights-item"
            onFocus={props.onFocus}
          >
            <span className="insights-rank" aria-label={`Rank ${i + 1}`}>
              {i + 1}
            </span>
            <span className="insights-item-body">
              <span className="insights-item-title">{p.text || 'Empty card'}</span>
              <span className="insights-item-detail">
                {props.stageName(p.stageId)}
                {p.hotspot && <span className="insights-hot-tag"> hotspot</span>} ·{' '}
                {painPointBasis(p)}
              </span>
            </span>
            <span className="insights-score" title="Contact volume × negativity">
              {formatScore(p.score)}
            </span>
          </FocusButton>
        </li>
      ))}
    </ol>
  );
}

export function OpportunityList(props: {
  opportunities: readonly Opportunity[];
  gaps: readonly Gap[];
  stageName: (id: string) => string;
  onFocus: Focus;
}) {
  return (
    <>
      {props.opportunities.length > 0 && (
        <ol className="insights-list">
          {props.opportunities.map((o) => (
            <li key={o.cardId}>
              <FocusButton
                id={o.cardId}
                testId="insights-opportunity"
                className="insights-item"
                onFocus={props.onFocus}
              >
                <span className="insights-item-body">
                  <span className="insights-item-title">{o.text || 'Empty card'}</span>
                  <span className="insights-item-detail">
                    {props.stageName(o.stageId)}
                    {o.hotspot && <span className="insights-hot-tag"> hotspot</span>}
                    {o.painPointIds.length > 0 &&
                      ` · addresses ${plural(o.painPointIds.length, 'pain point')}`}
                  </span>
                </span>
                {o.priority > 0 && (
                  <span className="insights-score" title="Score of the stage's top pain point">
                    {formatScore(o.priority)}
                  </span>
                )}
              </FocusButton>
            </li>
          ))}
        </ol>
      )}
      {props.gaps.length > 0 && (
        <div className="insights-gaps">
          <p className="insights-item-detail">No opportunity yet for:</p>
          <ul className="insights-chips">
            {props.gaps.map((g) => (
              <li key={g.stageId}>
                <FocusButton
                  id={g.stageId}
                  testId="insights-gap"
                  className="panel-chip insights-chip"
                  onFocus={props.onFocus}
                >
                  {g.name || 'Untitled stage'}
                  {g.hotspot ? ' (hotspot)' : ''}
                </FocusButton>
              </li>
            ))}
          </ul>
        </div>
      )}
    </>
  );
}
