import { useId, useMemo } from 'react';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import type { Staleness } from '../../../../shared/model/staleness.js';
import { Empty, Section } from './InsightSections.js';
import { ageText, formatDay, staleAgeLabel } from './insightsView.js';
import { STALE_AGE_CHOICES } from './staleAge.js';
import { FocusButton } from './FocusButton.js';
import { plural, pluralWord } from '../../../../shared/model/plural.js';

/** Cards whose newest evidence is older than the chosen age, oldest first. */
export function StaleList(props: {
  board: BoardSnapshot;
  staleness: Staleness;
  maxAgeDays: number;
  onMaxAgeDays(days: number): void;
  onFocus(id: string): void;
}) {
  const { staleness } = props;
  const selectId = useId();
  const cardText = useMemo(
    () => new Map(props.board.cards.map((c) => [c.id, c.text])),
    [props.board.cards],
  );
  const withEvidence = staleness.stale.length + staleness.fresh.length + staleness.undated.length;
  return (
    <Section title="Stale evidence" count={staleness.stale.length} testId="insights-stale">
      <div className="panel-row">
        <label htmlFor={selectId} className="panel-label">
          Stale after
        </label>
        <select
          id={selectId}
          className="select insights-age"
          data-testid="insights-stale-age"
          value={props.maxAgeDays}
          onChange={(e) => props.onMaxAgeDays(Number(e.currentTarget.value))}
        >
          {STALE_AGE_CHOICES.map((days) => (
            <option key={days} value={days}>
              {staleAgeLabel(days)}
            </option>
          ))}
        </select>
      </div>
      {staleness.stale.length > 0 ? (
        <ul className="insights-list">
          {staleness.stale.map((s) => (
            <li key={s.cardId}>
              <FocusButton
                id={s.cardId}
                testId="insights-stale-card"
                className="insights-item"
                onFocus={props.onFocus}
              >
                <span className="insights-clock" aria-hidden="true">
                  🕒
                </span>
                <span className="insights-item-body">
                  <span className="insights-item-title">
                    {cardText.get(s.cardId) || 'Empty card'}
                  </span>
                  <span className="insights-item-detail">
                    Newest evidence {formatDay(s.newest)} · {ageText(s.ageDays)} old
                  </span>
                </span>
              </FocusButton>
            </li>
          ))}
        </ul>
      ) : withEvidence === 0 ? (
        <Empty>
          No card carries evidence yet. Add quotes, links or data points in a card’s details, or
          import survey data, and cards older than {staleAgeLabel(props.maxAgeDays)} show here.
        </Empty>
      ) : (
        <Empty>All dated evidence is newer than {staleAgeLabel(props.maxAgeDays)}.</Empty>
      )}
      {staleness.undated.length > 0 && (
        <p className="panel-hint">
          {plural(staleness.undated.length, 'card has', 'cards have')} evidence without a date, so{' '}
          {pluralWord(staleness.undated.length, 'its', 'their')} age is unknown.
        </p>
      )}
    </Section>
  );
}
