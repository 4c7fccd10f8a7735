/**
 * The board panel's personas (W210, W211): persona 1 (the board's own, under the test ids it
 * always had) and up to four more, each with a name, a description and a colour of the palette.
 */
import { useContext } from 'react';
import type * as Y from 'yjs';
import {
  addPersona,
  personaLabel,
  personasOf,
  removePersona,
  updatePersona,
} from '../../../../shared/model/personas.js';
import {
  FIRST_PERSONA_ID,
  PERSONA_COLORS,
  PERSONAS_MAX,
  type BoardMeta,
  type BoardPersona,
} from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { DraftField, PanelReadOnly, PanelSection } from '../details/fields.js';
import { PictureButton, PictureImg, usePictureUpload } from '../pictures/index.js';

const COLOR_NAMES: Record<(typeof PERSONA_COLORS)[number], string> = {
  '#0072b2': 'Blue',
  '#d55e00': 'Vermilion',
  '#009e73': 'Green',
  '#cc79a7': 'Pink',
  '#8a6d00': 'Ochre',
};

export const PERSONA_LIMIT_MESSAGE = `A board has at most ${PERSONAS_MAX} personas: remove one to add another.`;

export function PersonasSection({ doc, meta }: { doc: Y.Doc; meta: BoardMeta }) {
  const { attempt } = useToasts();
  const readOnly = useContext(PanelReadOnly);
  const personas = personasOf(meta);
  const full = personas.length >= PERSONAS_MAX;
  return (
    <PanelSection title={personas.length > 1 ? 'Personas' : 'Persona'}>
      {personas.map((persona, i) => (
        <PersonaFields
          key={persona.id}
          doc={doc}
          persona={persona}
          index={i}
          several={personas.length > 1}
        />
      ))}
      {!readOnly && (
        <div className="persona-add">
          <button
            type="button"
            className="btn"
            data-testid="panel-persona-add"
            disabled={full}
            aria-describedby={full ? 'persona-limit' : undefined}
            onClick={() => attempt(() => addPersona(doc))}
          >
            Add persona
          </button>
          {full && (
            <p id="persona-limit" className="panel-hint" data-testid="panel-persona-limit">
              {PERSONA_LIMIT_MESSAGE}
            </p>
          )}
        </div>
      )}
    </PanelSection>
  );
}

function PersonaFields(props: {
  doc: Y.Doc;
  persona: BoardPersona;
  index: number;
  several: boolean;
}) {
  const { doc, persona, index, several } = props;
  const { attempt } = useToasts();
  const readOnly = useContext(PanelReadOnly);
  // Persona 1 keeps the ids it always had, so links and tests written for one persona work.
  const suffix = index === 0 ? '' : `-${index + 1}`;
  const label = personaLabel(persona, index);
  return (
    <fieldset className="persona-fields" data-testid={`panel-persona${suffix || '-1'}`}>
      {several && (
        <legend>
          <span
            className="persona-swatch"
            style={{ background: persona.color, borderColor: persona.color }}
            aria-hidden="true"
          />{' '}
          {label}
        </legend>
      )}
      <DraftField
        label="Name"
        testId={`panel-persona-name${suffix}`}
        placeholder="e.g. Maria, first-time buyer"
        value={persona.name}
        onCommit={(raw) => {
          attempt(() => updatePersona(doc, persona.id, { name: raw.trim() }));
          return null;
        }}
      />
      <DraftField
        label="Description"
        multiline
        testId={`panel-persona-description${suffix}`}
        placeholder="Who they are, what they need"
        value={persona.description}
        onCommit={(raw) => {
          attempt(() => updatePersona(doc, persona.id, { description: raw }));
          return null;
        }}
      />
      <PersonaPhoto doc={doc} persona={persona} label={label} suffix={suffix} />
      {several && !readOnly && (
        <div className="persona-colors" role="radiogroup" aria-label={`Colour of ${label}`}>
          {PERSONA_COLORS.map((color) => (
            <button
              key={color}
              type="button"
              role="radio"
              aria-checked={persona.color === color}
              aria-label={COLOR_NAMES[color]}
              title={COLOR_NAMES[color]}
              className="persona-color"
              style={{ background: color }}
              onClick={() => attempt(() => updatePersona(doc, persona.id, { color }))}
            />
          ))}
        </div>
      )}
      {persona.id !== FIRST_PERSONA_ID && !readOnly && (
        <button
          type="button"
          className="btn btn-ghost panel-small"
          data-testid={`panel-persona-remove${suffix}`}
          onClick={() => attempt(() => removePersona(doc, persona.id))}
        >
          Remove {label}
        </button>
      )}
    </fieldset>
  );
}

/** The persona's photo (W240): shown to everyone, added, replaced or removed by editors. */
function PersonaPhoto(props: { doc: Y.Doc; persona: BoardPersona; label: string; suffix: string }) {
  const { doc, persona, label, suffix } = props;
  const { attempt } = useToasts();
  const readOnly = useContext(PanelReadOnly);
  const upload = usePictureUpload();
  if (readOnly && !persona.photo) return null;
  const choose = async (file: File) => {
    const stored = await upload(file);
    if (stored) attempt(() => updatePersona(doc, persona.id, { photo: stored.id }));
  };
  return (
    <div className="persona-photo" data-testid={`panel-persona-photo${suffix}`}>
      {persona.photo && (
        <PictureImg
          imageId={persona.photo}
          alt={`Photo of ${label}`}
          className="persona-photo-img"
        />
      )}
      {!readOnly && (
        <div className="persona-photo-actions">
          <PictureButton
            label={persona.photo ? 'Replace photo' : 'Add photo'}
            testId={`panel-persona-photo-pick${suffix}`}
            className="btn btn-ghost panel-small"
            onFile={(file) => void choose(file)}
          />
          {persona.photo && (
            <button
              type="button"
              className="btn btn-ghost panel-small"
              data-testid={`panel-persona-photo-remove${suffix}`}
              onClick={() => attempt(() => updatePersona(doc, persona.id, { photo: null }))}
            >
              Remove photo
            </button>
          )}
        </div>
      )}
    </div>
  );
}
