/**
 * The insights panel's "Emotion by persona" (W214): each persona's lowest stage and its mean
 * per stage, so a workshop sees whose journey hurts where. Only on boards with several personas.
 */
import { useMemo } from 'react';
import { personaEmotions } from '../../../../shared/model/personaInsights.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { FocusButton } from '../insights/FocusButton.js';
import { Section } from '../insights/InsightSections.js';

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0');

export function PersonaEmotions(props: { board: BoardSnapshot; onFocus(id: string): void }) {
  const personas = useMemo(() => personaEmotions(props.board), [props.board]);
  if (personas.length < 2) return null;
  return (
    <Section title="Emotion by persona" testId="insights-personas">
      <ul className="insights-list">
        {personas.map((p) => (
          <li key={p.personaId} data-testid="insights-persona" data-persona={p.personaId}>
            <span
              className="persona-swatch"
              style={{ background: p.color, borderColor: p.color }}
              aria-hidden="true"
            />{' '}
            <strong>{p.label}</strong>
            {p.lowest ? (
              <>
                {': lowest at '}
                <FocusButton
                  id={p.lowest.stageId}
                  testId="insights-persona-lowest"
                  className="btn btn-ghost panel-small"
                  onFocus={props.onFocus}
                >
                  {p.lowest.name} ({signed(p.lowest.mean)})
                </FocusButton>
                <span className="muted">
                  {' '}
                  {p.stages.map((s) => `${s.name} ${signed(s.mean)}`).join(' · ')}
                </span>
              </>
            ) : (
              <span className="muted">: no emotion cards yet</span>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
