import { useId, useState, type KeyboardEvent } from 'react';
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
  EMOTION_MAX,
  EMOTION_MIN,
  METRIC_KEYS,
  type Card,
  type Evidence,
  type Lane,
  type MetricKey,
  type Stage,
} from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import {
  CARD_COLORS,
  CHANNELS,
  channelIcon,
  EMOTION_FACES,
  EMOTION_LABELS,
  LANE_STYLE,
  METRIC_LABEL,
  RATING_COLOR,
  rateMetric,
} from '../visuals.js';
import { CARD_TEXT_LIMIT } from '../textLimit.js';
import { ColorSwatches, DraftField, PanelSection } from './fields.js';
import {
  EMPTY_EVIDENCE,
  EVIDENCE_KIND_LABEL,
  evidenceFromDraft,
  isHttpUrl,
  metricRangeText,
  parseMetricInput,
  splitTags,
  type EvidenceDraft,
} from './helpers.js';

const EMOTION_SCORES = Array.from(
  { length: EMOTION_MAX - EMOTION_MIN + 1 },
  (_, i) => EMOTION_MIN + i,
);
const KNOWN_CHANNELS = Object.keys(CHANNELS);
const OTHER = '__other__';

export function CardPanel(props: {
  doc: Y.Doc;
  card: Card;
  stage: Stage | undefined;
  lane: Lane | undefined;
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

function EmotionPicker(props: {
  value: number | undefined;
  onPick(score: number | undefined): void;
}) {
  const labelId = useId();
  return (
    <div className="field panel-field">
      <span className="panel-label" id={labelId}>
        Emotion
        {props.value !== undefined && (
          <span className="panel-label-value">{EMOTION_LABELS[props.value]}</span>
        )}
      </span>
      <div className="panel-emotions" role="group" aria-labelledby={labelId}>
        {EMOTION_SCORES.map((score) => (
          <button
            key={score}
            type="button"
            className="panel-emotion"
            data-testid={`panel-emotion-${score}`}
            aria-pressed={props.value === score}
            aria-label={`${EMOTION_LABELS[score]} (${score > 0 ? '+' : ''}${score})`}
            title={EMOTION_LABELS[score]}
            onClick={() => props.onPick(score)}
          >
            <span aria-hidden="true" className="panel-emotion-face">
              {EMOTION_FACES[score]}
            </span>
            <span aria-hidden="true" className="panel-emotion-score">
              {score > 0 ? `+${score}` : score}
            </span>
          </button>
        ))}
        <button
          type="button"
          className="btn btn-ghost panel-small panel-edit-only"
          disabled={props.value === undefined}
          onClick={() => props.onPick(undefined)}
        >
          Clear
        </button>
      </div>
    </div>
  );
}

function ChannelField(props: {
  value: string | undefined;
  onChange(channel: string | undefined): void;
}) {
  const known = props.value !== undefined && KNOWN_CHANNELS.includes(props.value.toLowerCase());
  const [otherOpen, setOtherOpen] = useState(false);
  const showOther = otherOpen || (props.value !== undefined && !known);
  const selectValue = showOther ? OTHER : known ? props.value!.toLowerCase() : '';
  const selectId = useId();

  return (
    <div className="panel-field-group">
      <div className="field panel-field">
        <label className="panel-label" htmlFor={selectId}>
          Channel
          {props.value && (
            <span className="panel-label-value" aria-hidden="true">
              {channelIcon(props.value)}
            </span>
          )}
        </label>
        <div className="panel-row">
          <select
            id={selectId}
            className="select"
            data-testid="panel-channel"
            value={selectValue}
            onChange={(e) => {
              const next = e.currentTarget.value;
              if (next === OTHER) {
                setOtherOpen(true);
                return;
              }
              setOtherOpen(false);
              props.onChange(next || undefined);
            }}
          >
            <option value="">None</option>
            {KNOWN_CHANNELS.map((channel) => (
              <option key={channel} value={channel}>
                {CHANNELS[channel]} {channel}
              </option>
            ))}
            <option value={OTHER}>Other…</option>
          </select>
          <button
            type="button"
            className="btn btn-ghost panel-small panel-edit-only"
            disabled={props.value === undefined && !otherOpen}
            onClick={() => {
              setOtherOpen(false);
              props.onChange(undefined);
            }}
          >
            Clear
          </button>
        </div>
      </div>
      {showOther && (
        <DraftField
          label="Other channel"
          testId="panel-channel-other"
          placeholder="e.g. kiosk"
          value={known ? '' : (props.value ?? '')}
          onCommit={(raw) => {
            props.onChange(raw.trim() || undefined);
            if (!raw.trim()) setOtherOpen(false);
            return null;
          }}
        />
      )}
    </div>
  );
}

function MetricField(props: {
  metric: MetricKey;
  value: number | undefined;
  meanVolume: number;
  onCommit(value: number | undefined): void;
}) {
  const { metric, value } = props;
  const rating = value === undefined ? undefined : rateMetric(metric, value, props.meanVolume);
  return (
    <DraftField
      label={METRIC_LABEL[metric]}
      type="number"
      step="any"
      testId={`panel-metric-${metric}`}
      value={value === undefined ? '' : String(value)}
      hint={metricRangeText(metric)}
      adornment={
        rating && (
          <span
            className="panel-dot"
            style={{ background: RATING_COLOR[rating] }}
            role="img"
            aria-label={rating}
            title={rating}
          />
        )
      }
      onCommit={(raw, badInput) => {
        const parsed = parseMetricInput(metric, raw, badInput);
        if (!parsed.ok) return parsed.error;
        if (parsed.value !== value) props.onCommit(parsed.value);
        return null;
      }}
    />
  );
}

function TagsField(props: {
  tags: string[];
  onAdd(tags: string[]): void;
  onRemove(tag: string): void;
}) {
  const [text, setText] = useState('');
  const inputId = useId();
  const add = (raw: string) => {
    const tags = splitTags(raw).filter((t) => !props.tags.includes(t));
    if (tags.length) props.onAdd(tags);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if ((e.key === 'Enter' || e.key === ',') && !e.nativeEvent.isComposing) {
      e.preventDefault();
      add(text);
      setText('');
    } else if (e.key === 'Backspace' && text === '' && props.tags.length) {
      props.onRemove(props.tags[props.tags.length - 1]!);
    } else if (e.key === 'Escape') {
      e.stopPropagation();
      setText('');
    }
  };
  return (
    <div className="field panel-field">
      <label className="panel-label" htmlFor={inputId}>
        Tags
      </label>
      {props.tags.length > 0 && (
        <ul className="panel-chips" aria-label="Tags">
          {props.tags.map((tag) => (
            <li key={tag} className="panel-chip">
              <span>{tag}</span>
              <button
                type="button"
                className="panel-chip-remove panel-edit-only"
                aria-label={`Remove tag ${tag}`}
                onClick={() => props.onRemove(tag)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        id={inputId}
        className="input panel-edit-only"
        data-testid="panel-tag-input"
        placeholder="Add a tag, then Enter"
        value={text}
        onChange={(e) => {
          const value = e.currentTarget.value;
          // Pasted "a, b, c": everything before the last comma becomes tags.
          const cut = value.lastIndexOf(',');
          if (cut >= 0) {
            add(value.slice(0, cut));
            setText(value.slice(cut + 1).trimStart());
          } else setText(value);
        }}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}

function EvidenceSection(props: {
  evidence: Evidence[];
  /** Returns whether it was added. */
  onAdd(item: Omit<Evidence, 'id'>): boolean;
  onRemove(id: string): void;
}) {
  const [draft, setDraft] = useState<EvidenceDraft>(EMPTY_EVIDENCE);
  const [error, setError] = useState<string | null>(null);
  const update = (patch: Partial<EvidenceDraft>) => {
    setDraft((d) => ({ ...d, ...patch }));
    setError(null);
  };
  const submit = () => {
    const parsed = evidenceFromDraft(draft);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    if (props.onAdd(parsed.value)) {
      setDraft({ ...EMPTY_EVIDENCE, kind: draft.kind });
      setError(null);
    }
  };

  return (
    <PanelSection title={`Evidence${props.evidence.length ? ` (${props.evidence.length})` : ''}`}>
      {props.evidence.length > 0 && (
        <ul className="panel-evidence">
          {props.evidence.map((item) => (
            <li key={item.id} className="panel-evidence-item">
              <div className="panel-evidence-body">
                <span className={`panel-badge panel-badge-${item.kind}`}>
                  {EVIDENCE_KIND_LABEL[item.kind]}
                </span>
                <p className={item.kind === 'quote' ? 'panel-quote' : undefined}>
                  {item.kind === 'quote' ? `“${item.text}”` : item.text}
                </p>
                {(item.source || item.date) && (
                  <p className="panel-meta">
                    {[item.source, item.date].filter(Boolean).join(' · ')}
                  </p>
                )}
                {item.url &&
                  (isHttpUrl(item.url) ? (
                    <a
                      className="panel-link"
                      href={item.url}
                      target="_blank"
                      rel="noopener noreferrer"
                    >
                      {item.url}
                    </a>
                  ) : (
                    <span className="panel-meta">{item.url}</span>
                  ))}
              </div>
              <button
                type="button"
                className="btn btn-ghost btn-icon panel-small panel-edit-only"
                aria-label={`Remove evidence: ${item.text}`}
                onClick={() => props.onRemove(item.id)}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <form
        className="panel-evidence-form panel-edit-only"
        aria-label="Add evidence"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <div className="panel-grid">
          <label className="field panel-field">
            <span className="panel-label">Kind</span>
            <select
              className="select"
              value={draft.kind}
              onChange={(e) => update({ kind: e.currentTarget.value as Evidence['kind'] })}
            >
              {(Object.keys(EVIDENCE_KIND_LABEL) as Evidence['kind'][]).map((kind) => (
                <option key={kind} value={kind}>
                  {EVIDENCE_KIND_LABEL[kind]}
                </option>
              ))}
            </select>
          </label>
          <label className="field panel-field">
            <span className="panel-label">Date</span>
            <input
              className="input"
              type="date"
              value={draft.date}
              onChange={(e) => update({ date: e.currentTarget.value })}
            />
          </label>
        </div>
        <label className="field panel-field">
          <span className="panel-label">
            {draft.kind === 'quote' ? 'Quote' : draft.kind === 'link' ? 'Title' : 'Data point'}
          </span>
          <textarea
            className="textarea panel-textarea-small"
            rows={2}
            data-testid="panel-evidence-text"
            value={draft.text}
            onChange={(e) => update({ text: e.currentTarget.value })}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
                e.preventDefault();
                submit();
              }
            }}
          />
        </label>
        <label className="field panel-field">
          <span className="panel-label">Source</span>
          <input
            className="input"
            placeholder="e.g. Interview #4, NPS survey Q3"
            value={draft.source}
            onChange={(e) => update({ source: e.currentTarget.value })}
          />
        </label>
        {draft.kind === 'link' && (
          <label className="field panel-field">
            <span className="panel-label">URL</span>
            <input
              className="input"
              type="url"
              placeholder="https://…"
              value={draft.url}
              onChange={(e) => update({ url: e.currentTarget.value })}
            />
          </label>
        )}
        {error && (
          <span className="panel-error" role="alert">
            {error}
          </span>
        )}
        <div className="panel-row">
          <button type="submit" className="btn" data-testid="panel-evidence-add">
            Add evidence
          </button>
        </div>
      </form>
    </PanelSection>
  );
}
