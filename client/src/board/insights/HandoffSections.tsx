/** The insights panel's "Handoffs" and "Expectation gap" sections (W283–W285). */
import type { ExpectationGap, Handoff } from '../../../../shared/model/handoffs.js';
import { FocusButton } from './FocusButton.js';
import { Empty, Section } from './InsightSections.js';
import { formatEmotion } from './insightsView.js';

type Focus = (id: string) => void;

/** "Falls short by 3" / "Beats it by 1" / "Met". */
export function gapText(gap: number): string {
  const size = Math.round(Math.abs(gap) * 10) / 10;
  if (size === 0) return 'Met';
  return gap > 0 ? `Falls short by ${size}` : `Beats it by ${size}`;
}

export function HandoffSection(props: { handoffs: readonly Handoff[]; onFocus: Focus }) {
  const { handoffs } = props;
  return (
    <Section title="Handoffs" count={handoffs.length} testId="insights-handoffs">
      {handoffs.length === 0 ? (
        <Empty>
          No handoffs yet. Give touchpoint cards a channel and an owning team: where either changes
          from one touchpoint to the next, the customer is handed over.
        </Empty>
      ) : (
        <ol className="insights-list">
          {handoffs.map((h, i) => (
            <li key={`${h.fromCardId}>${h.toCardId}`} className="insights-handoff">
              <FocusButton
                id={h.toCardId}
                testId="insights-handoff"
                className="insights-item"
                onFocus={props.onFocus}
              >
                <span className="insights-rank" aria-label={`Rank ${i + 1}`}>
                  {i + 1}
                </span>
                <span className="insights-item-body">
                  <span className="insights-item-title">{h.label}</span>
                </span>
              </FocusButton>
              <FocusButton
                id={h.fromCardId}
                testId="insights-handoff-from"
                className="btn btn-ghost panel-small insights-handoff-from"
                onFocus={props.onFocus}
              >
                <span className="sr-only">Show the touchpoint before: </span>
                <span aria-hidden="true">←</span> before
              </FocusButton>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}

export function ExpectationGapSection(props: { gaps: readonly ExpectationGap[]; onFocus: Focus }) {
  const { gaps } = props;
  return (
    <Section
      title="Expectation gap"
      count={gaps.filter((g) => g.gap > 0).length}
      testId="insights-expectation-gaps"
    >
      {gaps.length === 0 ? (
        <Empty>
          No expectations yet. Set what the customer expected on a touchpoint (a score and words):
          each stage&apos;s gap to its emotion is ranked here.
        </Empty>
      ) : (
        <ol className="insights-list">
          {gaps.map((g) => (
            <li key={`${g.stageId} ${g.personaId}`}>
              <FocusButton
                id={g.focus.cardIds[0] ?? g.stageId}
                testId="insights-expectation-gap"
                className={`insights-item${g.gap > 0 ? ' insights-item-short' : ''}`}
                onFocus={props.onFocus}
              >
                <span className="insights-item-body">
                  <span className="insights-item-title">
                    {g.name || 'Untitled stage'}
                    {g.label && ` · ${g.label}`}: {gapText(g.gap)}
                  </span>
                  <span className="insights-item-detail">
                    expected {formatEmotion(g.expected)}, felt {formatEmotion(g.experienced)}
                    {g.expectations.length > 0 && ` · “${g.expectations.join('”, “')}”`}
                  </span>
                </span>
              </FocusButton>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
