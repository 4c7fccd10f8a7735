/**
 * Which persona a card is for (W212), in the card's details: an emotion card always belongs to
 * one (persona 1 until someone picks another); any other card may be tagged for one or none.
 */
import { useContext } from 'react';
import type * as Y from 'yjs';
import {
  cardPersona,
  personaLabel,
  personasOf,
  setCardPersona,
} from '../../../../shared/model/personas.js';
import type { BoardMeta, Card } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { PanelReadOnly } from '../details/fields.js';

export function CardPersonaField(props: {
  doc: Y.Doc;
  card: Card;
  meta: BoardMeta;
  emotion: boolean;
}) {
  const { doc, card, emotion } = props;
  const { attempt } = useToasts();
  const readOnly = useContext(PanelReadOnly);
  const personas = personasOf(props.meta);
  if (personas.length < 2) return null;
  const value = (emotion ? (cardPersona({ ...card, emotion: 0 }) ?? '') : card.persona) ?? '';
  return (
    <label className="field panel-field">
      <span className="panel-label">{emotion ? 'Persona (whose feeling)' : 'Persona'}</span>
      <select
        className="select"
        data-testid="panel-card-persona"
        disabled={readOnly}
        value={value}
        onChange={(e) =>
          attempt(() => setCardPersona(doc, card.id, e.currentTarget.value || undefined))
        }
      >
        {!emotion && <option value="">No persona</option>}
        {personas.map((p, i) => (
          <option key={p.id} value={p.id}>
            {personaLabel(p, i)}
          </option>
        ))}
      </select>
    </label>
  );
}
