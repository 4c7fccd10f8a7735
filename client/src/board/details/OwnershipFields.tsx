/** The card's owning team and what the customer expected (W281, W282), in the card panel. */
import { useId } from 'react';
import type * as Y from 'yjs';
import { setExpectation, setExpected, setTeam } from '../../../../shared/model/cardOwnership.js';
import {
  EXPECTATION_MAX_CHARS,
  TEAM_MAX_CHARS,
  type Card,
} from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { EmotionPicker } from './cardFields.js';
import { DraftField } from './fields.js';

export function OwnershipFields(props: { doc: Y.Doc; card: Card; teams: readonly string[] }) {
  const { doc, card } = props;
  const { attempt } = useToasts();
  const listId = useId();
  return (
    <>
      <DraftField
        label="Owning team"
        testId="panel-team"
        value={card.team ?? ''}
        placeholder="e.g. Tier 1 support"
        maxLength={TEAM_MAX_CHARS}
        list={listId}
        hint="A change of team between touchpoints is a handoff"
        onCommit={(raw) => {
          attempt(() => setTeam(doc, card.id, raw));
          return null;
        }}
      />
      <datalist id={listId}>
        {props.teams.map((team) => (
          <option key={team} value={team} />
        ))}
      </datalist>
      <EmotionPicker
        label="Expected"
        testIdPrefix="panel-expected"
        value={card.expected}
        onPick={(score) => attempt(() => setExpected(doc, card.id, score))}
      />
      <DraftField
        label="What the customer expected"
        testId="panel-expectation"
        multiline
        rows={2}
        value={card.expectation ?? ''}
        placeholder="e.g. The agent knows my history"
        maxLength={EXPECTATION_MAX_CHARS}
        onCommit={(raw) => {
          attempt(() => setExpectation(doc, card.id, raw));
          return null;
        }}
      />
    </>
  );
}
