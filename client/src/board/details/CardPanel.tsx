import { useContext } from 'react';
import type * as Y from 'yjs';
import {
  addEvidence,
  addTag,
  deleteCard,
  removeEvidence,
  removeTag,
  setCardColor,
  setCardImage,
  setCardText,
  setChannel,
  setEmotion,
  setMetrics,
} from '../../../../shared/model/cards.js';
import { setExternalKey } from '../../../../shared/model/externalKey.js';
import { ModelError } from '../../../../shared/model/doc.js';
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
import { OwnershipFields } from './OwnershipFields.js';
import { SeriesTable } from '../metrics/SeriesTable.js';
import type { CardTrends } from '../metrics/trends.js';
import { ColorSwatches, DraftField, PanelReadOnly, PanelSection } from './fields.js';
import { PictureButton, PictureImg, usePictureUpload } from '../pictures/index.js';
import { setCardLink } from '../../../../shared/model/links.js';
import { useOpenBoard } from '../core/openBoard.js';
import { LinkField } from '../links/LinkField.js';
import {
  CopyLocked,
  ShareCardAction,
  SharedCopyNotice,
  SharedInMaps,
} from '../links/SharedSections.js';

/** The card's picture (W232): shown with its caption as alt text, added, replaced or removed. */
function PictureSection({ doc, card }: { doc: Y.Doc; card: Card }) {
  const { attempt } = useToasts();
  const upload = usePictureUpload();
  const readOnly = useContext(PanelReadOnly);
  // A read-only panel has nothing to show without a picture: no empty heading.
  if (readOnly && !card.image) return null;
  const add = async (file: File) => {
    const image = await upload(file);
    if (image) attempt(() => setCardImage(doc, card.id, image.id));
  };
  return (
    <PanelSection title="Picture">
      {card.image && <PictureImg imageId={card.image} alt={card.text || 'Card picture'} />}
      <div className="panel-row panel-edit-only">
        <PictureButton
          label={card.image ? 'Replace picture' : 'Add picture'}
          testId="panel-add-picture"
          onFile={(file) => void add(file)}
        />
        {card.image && (
          <button
            type="button"
            className="btn btn-ghost"
            onClick={() => attempt(() => setCardImage(doc, card.id, undefined))}
          >
            Remove picture
          </button>
        )}
      </div>
    </PanelSection>
  );
}

/** The card's ties to other maps: its linked map (W241), its copies and sharing it (W303). */
function OtherMaps({ doc, card, lane }: { doc: Y.Doc; card: Card; lane: Lane | undefined }) {
  const { boardId } = useOpenBoard().session;
  return (
    <>
      <LinkField
        boardId={boardId}
        link={card.link}
        onChange={(link) => setCardLink(doc, card.id, link)}
      />
      <SharedInMaps card={card} />
      <ShareCardAction card={card} kind={lane?.kind} />
    </>
  );
}

/** The fields of one card: text, colour, emotion, channel, metrics, tags and evidence. */
interface CardPanelProps {
  doc: Y.Doc;
  card: Card;
  stage: Stage | undefined;
  lane: Lane | undefined;
  meta: BoardMeta;
  /** The board's mean volume per card with a volume, for the volume rating. */
  meanVolume: number;
  /** Teams already used on the board, suggested for this card's (W281). */
  teams?: readonly string[];
  /** The card's metric series (W265), when it has any. */
  trends?: CardTrends;
}

export function CardPanel(props: CardPanelProps) {
  const { doc, card, stage, lane } = props;
  const { attempt } = useToasts();
  const upload = usePictureUpload();
  const attachPicture = async (file: File, caption: string) => {
    const image = await upload(file);
    if (!image) return;
    const text = caption.trim() || file.name.replace(/\.[^.]+$/, '') || 'Picture';
    attempt(() => addEvidence(doc, card.id, { kind: 'image', text, image: image.id }));
  };
  const showEmotion = lane?.kind === 'emotions' || card.emotion !== undefined;
  const showOwnership =
    lane?.kind === 'touchpoints' ||
    card.team !== undefined ||
    card.expected !== undefined ||
    card.expectation !== undefined;
  // A shared copy's content is its origin's (W304): shown, not editable here.
  const copy = card.sharedFrom !== undefined;

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

      <SharedCopyNotice doc={doc} card={card} />

      <CopyLocked locked={copy}>
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
      </CopyLocked>

      <PictureSection doc={doc} card={card} />

      <OtherMaps doc={doc} card={card} lane={lane} />

      <CopyLocked locked={copy}>
        <ColorSwatches
          label="Colour"
          colors={CARD_COLORS}
          value={card.color}
          onPick={(color) => attempt(() => setCardColor(doc, card.id, color))}
          onClear={() => attempt(() => setCardColor(doc, card.id, undefined))}
        />
      </CopyLocked>

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

      {showOwnership && <OwnershipFields doc={doc} card={card} teams={props.teams ?? []} />}

      <PanelSection title="Metrics">
        <div className="panel-grid">
          {METRIC_KEYS.map((key) => (
            <MetricField
              key={key}
              metric={key}
              value={card.metrics[key]}
              meanVolume={props.meanVolume}
              // The card's CES is the mean (W247): said so where the board shows top-2-box.
              label={key === 'ces' && props.meta.cesMethod === 'top2box' ? 'CES (mean)' : undefined}
              onCommit={(value) => attempt(() => setMetrics(doc, card.id, { [key]: value }))}
            />
          ))}
        </div>
        <SeriesTable trends={props.trends} />
        <DraftField
          label="External key"
          testId="panel-external-key"
          placeholder="e.g. TP-ONBOARD-01"
          hint="What a BI tool or the metrics API calls this touchpoint; one card per key"
          value={card.externalKey ?? ''}
          onCommit={(raw) => {
            try {
              setExternalKey(doc, card.id, raw);
              return null;
            } catch (err) {
              if (err instanceof ModelError) return err.message;
              throw err;
            }
          }}
        />
      </PanelSection>

      <CopyLocked locked={copy}>
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
          onAttachPicture={(file, caption) => void attachPicture(file, caption)}
          onRemove={(id) => attempt(() => removeEvidence(doc, card.id, id))}
        />
      </CopyLocked>

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
