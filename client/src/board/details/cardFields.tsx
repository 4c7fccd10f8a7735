/** The card panel's own fields: emotion faces, channel, a metric with its rating, tags. */
import { useId, useState, type KeyboardEvent } from 'react';
import { EMOTION_MAX, EMOTION_MIN, type MetricKey } from '../../../../shared/model/schema.js';
import {
  CHANNELS,
  channelIcon,
  EMOTION_FACES,
  EMOTION_LABELS,
  METRIC_LABEL,
  RATING_COLOR,
  rateMetric,
} from '../core/visuals.js';
import { DraftField } from './fields.js';
import { metricRangeText, parseMetricInput, splitTags } from './helpers.js';

const EMOTION_SCORES = Array.from(
  { length: EMOTION_MAX - EMOTION_MIN + 1 },
  (_, i) => EMOTION_MIN + i,
);
const KNOWN_CHANNELS = Object.keys(CHANNELS);
const OTHER = '__other__';

export function EmotionPicker(props: {
  value: number | undefined;
  onPick(score: number | undefined): void;
  /** The same scale for another field (what the customer expected, W282). */
  label?: string;
  testIdPrefix?: string;
}) {
  const labelId = useId();
  const testIdPrefix = props.testIdPrefix ?? 'panel-emotion';
  return (
    <div className="field panel-field">
      <span className="panel-label" id={labelId}>
        {props.label ?? 'Emotion'}
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
            data-testid={`${testIdPrefix}-${score}`}
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

export function ChannelField(props: {
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

export function MetricField(props: {
  metric: MetricKey;
  value: number | undefined;
  meanVolume: number;
  /** Instead of the metric's name: `CES (mean)` on a top-2-box board (W248). */
  label?: string;
  onCommit(value: number | undefined): void;
}) {
  const { metric, value } = props;
  const rating = value === undefined ? undefined : rateMetric(metric, value, props.meanVolume);
  return (
    <DraftField
      label={props.label ?? METRIC_LABEL[metric]}
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

export function TagsField(props: {
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
