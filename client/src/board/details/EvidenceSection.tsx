import { useState } from 'react';
import type { Evidence } from '../../../../shared/model/schema.js';
import { PanelSection } from './fields.js';
import { PictureButton, PictureImg } from '../pictures/index.js';
import {
  EMPTY_EVIDENCE,
  EVIDENCE_KIND_LABEL,
  evidenceFromDraft,
  isHttpUrl,
  type EvidenceDraft,
} from './helpers.js';

/** A card's evidence (quotes, data points, links), each removable, and a form to add more. */
export function EvidenceSection(props: {
  evidence: Evidence[];
  /** Returns whether it was added. */
  onAdd(item: Omit<Evidence, 'id'>): boolean;
  onRemove(id: string): void;
  /** Uploads a picture and adds it as image evidence with this caption (empty: the file's name). */
  onAttachPicture(file: File, caption: string): void;
}) {
  return (
    <PanelSection title={`Evidence${props.evidence.length ? ` (${props.evidence.length})` : ''}`}>
      {props.evidence.length > 0 && (
        <ul className="panel-evidence">
          {props.evidence.map((item) => (
            <EvidenceItem key={item.id} item={item} onRemove={() => props.onRemove(item.id)} />
          ))}
        </ul>
      )}
      <EvidenceForm onAdd={props.onAdd} onAttachPicture={props.onAttachPicture} />
    </PanelSection>
  );
}

function EvidenceItem({ item, onRemove }: { item: Evidence; onRemove(): void }) {
  return (
    <li className="panel-evidence-item">
      <div className="panel-evidence-body">
        <span className={`panel-badge panel-badge-${item.kind}`}>
          {EVIDENCE_KIND_LABEL[item.kind]}
        </span>
        {item.kind === 'image' && item.image && <PictureImg imageId={item.image} alt={item.text} />}
        <p className={item.kind === 'quote' ? 'panel-quote' : undefined}>
          {item.kind === 'quote' ? `“${item.text}”` : item.text}
        </p>
        {(item.source || item.date) && (
          <p className="panel-meta">{[item.source, item.date].filter(Boolean).join(' · ')}</p>
        )}
        {item.url &&
          (isHttpUrl(item.url) ? (
            <a className="panel-link" href={item.url} target="_blank" rel="noopener noreferrer">
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
        onClick={onRemove}
      >
        ×
      </button>
    </li>
  );
}

/** Kinds the form writes; a picture comes through "Attach picture" instead. */
const FORM_KINDS = (Object.keys(EVIDENCE_KIND_LABEL) as Evidence['kind'][]).filter(
  (kind) => kind !== 'image',
);

function EvidenceForm(props: {
  /** Returns whether it was added. */
  onAdd(item: Omit<Evidence, 'id'>): boolean;
  onAttachPicture(file: File, caption: string): void;
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
            {FORM_KINDS.map((kind) => (
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
        <PictureButton
          label="Attach picture"
          testId="panel-evidence-picture"
          className="btn btn-ghost"
          onFile={(file) => {
            props.onAttachPicture(file, draft.text);
            setDraft({ ...EMPTY_EVIDENCE, kind: draft.kind });
          }}
        />
      </div>
    </form>
  );
}
