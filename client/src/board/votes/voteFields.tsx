/** Parts of the "Start a vote" form: what may be voted on, and the time limit. */
import { useId, useState } from 'react';
import { useOpenBoard } from '../core/openBoard.js';

export type Scope = 'all' | 'lanes' | 'selection';

const SCOPE_LABEL = (scope: Scope, selected: number) =>
  scope === 'all'
    ? 'Every card'
    : scope === 'lanes'
      ? 'Cards in these lanes:'
      : `The ${selected} selected cards`;

export function ScopeFields(props: {
  scope: Scope;
  onScope(scope: Scope): void;
  lanes: ReadonlySet<string>;
  onLanes(lanes: ReadonlySet<string>): void;
  /** How many cards are selected now. */
  selected: number;
}) {
  const { board } = useOpenBoard();
  const name = useId();
  const toggle = (laneId: string) => {
    const next = new Set(props.lanes);
    if (next.has(laneId)) next.delete(laneId);
    else next.add(laneId);
    props.onLanes(next);
  };
  return (
    <fieldset className="vote-scope">
      <legend>What can be voted on</legend>
      {(['all', 'lanes', 'selection'] as const).map((s) => (
        <label key={s} className="check">
          <input
            type="radio"
            name={name}
            data-testid={`vote-scope-${s}`}
            checked={props.scope === s}
            disabled={s === 'selection' && props.selected === 0}
            onChange={() => props.onScope(s)}
          />
          {SCOPE_LABEL(s, props.selected)}
        </label>
      ))}
      {props.scope === 'lanes' && (
        <div className="vote-lanes">
          {board.lanes.map((l) => (
            <label key={l.id} className="check">
              <input
                type="checkbox"
                data-testid="vote-lane"
                data-lane-id={l.id}
                checked={props.lanes.has(l.id)}
                onChange={() => toggle(l.id)}
              />
              {l.name}
            </label>
          ))}
        </div>
      )}
    </fieldset>
  );
}

const PRESETS = [
  { label: 'No time limit', minutes: 0 },
  { label: '2 minutes', minutes: 2 },
  { label: '5 minutes', minutes: 5 },
  { label: '10 minutes', minutes: 10 },
];

/** A preset or a custom number of minutes; 0: none. */
export function TimeLimitFields(props: { minutes: number; onMinutes(minutes: number): void }) {
  const [custom, setCustom] = useState(false);
  return (
    <div className="vote-form-row">
      <label className="field">
        <span>Time limit</span>
        <select
          data-testid="vote-limit"
          value={custom ? 'custom' : String(props.minutes)}
          onChange={(e) => {
            const isCustom = e.target.value === 'custom';
            setCustom(isCustom);
            props.onMinutes(isCustom ? 3 : Number(e.target.value));
          }}
        >
          {PRESETS.map((p) => (
            <option key={p.minutes} value={p.minutes}>
              {p.label}
            </option>
          ))}
          <option value="custom">Custom…</option>
        </select>
      </label>
      {custom && (
        <label className="field">
          <span>Minutes</span>
          <input
            type="number"
            data-testid="vote-minutes"
            min={0.1}
            max={1440}
            step="any"
            value={props.minutes}
            onChange={(e) => props.onMinutes(Number(e.target.value))}
          />
        </label>
      )}
    </div>
  );
}
