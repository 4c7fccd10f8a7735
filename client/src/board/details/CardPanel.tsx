import type * as Y from 'yjs';
import {
  addEvidence,
  addTag,
  deleteCard,
  removeEvidence,
  removeTag,
  setCardColor,
  setCardText,
  setChannel,
  setEmotion,
  setMetrics,
} from '../../../../shared/model/cards.js';
import {
  METRIC_KEYS,
  type BoardMeta,
  type Card,
  type Lane,
  type Stage,
} from '../../../../shared/model/schema.js';
import { CardPersonaField } from '../personas/CardPersonaField.js';
import { useToasts } from '../../ui/toasts.js';
import { CARD_TEXT_LIMIT } from '../core/textLimit.js';
import { CARD_COLORS, LANE_STYLE } from '../core/visuals.js';
import { ChannelField, EmotionPicker, MetricField, TagsField } from './cardFields.js';
import { EvidenceSection } from './EvidenceSection.js';
import { ColorSwatches, DraftField, PanelSection } from './fields.js';

/** The fields of one card: text, colour, emotion, channel, metrics, tags and evidence. */
export function CardPanel(props: {
  doc: Y.Doc;
  card: Card;
  stage: Stage | undefined;
  lane: Lane | undefined;
  meta: BoardMeta;
  /** The board's mean volume per card with a volume, for the volume rating. */
  meanVolume: number;
}) {
  const { doc, card, stage, lane } = props;
  const { attempt } = useToasts();
  const showEmotion = lane?.kind === 'emotions' || card.emotion !== undefined;

  return (
    <>
      <p className="panel-context">
        {lane && (
          <span>
            <span aria-hidden="true">{LANE_STYLE[lane.kind].icon}</span> {lane.name}
          </span>
        )}
        {stage && lane && <span aria-hidden="true"> · </span>}
        {stage && <span>{stage.name}</span>}
      </p>

      <DraftField
        label="Text"
        multiline
        rows={4}
        testId="panel-card-text"
        value={card.text}
        limit={CARD_TEXT_LIMIT}
        editHint="Saved when you leave the field or press Ctrl+Enter"
        onCommit={(raw) => {
          attempt(() => setCardText(doc, card.id, raw));
          return null;
        }}
      />

      <ColorSwatches
        label="Colour"
        colors={CARD_COLORS}
        value={card.color}
        onPick={(color) => attempt(() => setCardColor(doc, card.id, color))}
        onClear={() => attempt(() => setCardColor(doc, card.id, undefined))}
      />

      {showEmotion && (
        <EmotionPicker
          value={card.emotion}
          onPick={(score) => attempt(() => setEmotion(doc, card.id, score))}
        />
      )}

      <CardPersonaField doc={doc} card={card} meta={props.meta} emotion={showEmotion} />

      <ChannelField
        key={card.id}
        value={card.channel}
        onChange={(channel) => attempt(() => setChannel(doc, card.id, channel))}
      />

      <PanelSection title="Metrics">
        <div className="panel-grid">
          {METRIC_KEYS.map((key) => (
            <MetricField
              key={key}
              metric={key}
              value={card.metrics[key]}
              meanVolume={props.meanVolume}
              onCommit={(value) => attempt(() => setMetrics(doc, card.id, { [key]: value }))}
            />
          ))}
        </div>
      </PanelSection>

      <TagsField
        tags={card.tags}
        onAdd={(tags) =>
          attempt(() =>
            doc.transact(() => {
              for (const tag of tags) addTag(doc, card.id, tag);
            }),
          )
        }
        onRemove={(tag) => attempt(() => removeTag(doc, card.id, tag))}
      />

      <EvidenceSection
        evidence={card.evidence}
        onAdd={(item) => attempt(() => addEvidence(doc, card.id, item)) !== undefined}
        onRemove={(id) => attempt(() => removeEvidence(doc, card.id, id))}
      />

      <div className="panel-actions panel-edit-only">
        <button
          type="button"
          className="btn btn-danger"
          data-testid="panel-delete"
          onClick={() => attempt(() => deleteCard(doc, card.id))}
        >
          Delete card
        </button>
      </div>
    </>
  );
}
