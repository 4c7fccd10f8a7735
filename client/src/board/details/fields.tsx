import {
  createContext,
  useContext,
  useEffect,
  useId,
  useRef,
  useState,
  type KeyboardEvent,
  type ReactNode,
} from 'react';
import { useTextLimit, type TextLimit } from '../core/textLimit.js';
import './details.css';

/**
 * Whether the panel shows a read-only link's view (viewer, commenter): fields read as values,
 * with no hints about editing and no edit-only buttons.
 */
export const PanelReadOnly = createContext(false);

/**
 * Commits a typed value. Returns an error message to show beside the field (nothing is
 * written then), or null when the value was taken (or a model error was already toasted).
 */
export type CommitFn = (raw: string, badInput: boolean) => string | null;

interface DraftFieldProps {
  label: ReactNode;
  /** The value on the board, shown whenever the person is not typing. */
  value: string;
  onCommit: CommitFn;
  multiline?: boolean;
  type?: 'text' | 'number' | 'date';
  testId?: string;
  placeholder?: string;
  hint?: ReactNode;
  /** How editing works ("Saved when you leave the field"): not shown to read-only links. */
  editHint?: ReactNode;
  /** Shown after the label (e.g. a rating dot). */
  adornment?: ReactNode;
  rows?: number;
  min?: number;
  max?: number;
  step?: number | 'any';
  maxLength?: number;
  /** A model limit: longer pastes are cut to it, with a message saying so. */
  limit?: TextLimit;
  className?: string;
  /** The id of a <datalist> of suggestions. */
  list?: string;
}

/**
 * A text, number or multi-line field bound to a board value. What the person types is kept
 * as a local draft, so remote updates never clobber it; the draft is committed on blur, on
 * Enter (Ctrl/⌘+Enter in a multi-line field) and when the field goes away. Esc throws the
 * draft away. Until the person types, the field follows the board.
 */
export function DraftField(props: DraftFieldProps) {
  const { value, onCommit, multiline = false } = props;
  const [draft, setDraftState] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const draftRef = useRef<string | null>(null);
  const elRef = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const latest = useRef({ value, onCommit });
  latest.current = { value, onCommit };
  const errorId = useId();
  const limited = useTextLimit(props.limit);
  const readOnly = useContext(PanelReadOnly);

  const setDraft = (next: string | null) => {
    draftRef.current = next;
    setDraftState(next);
  };

  const badInput = () => elRef.current?.validity?.badInput ?? false;

  const commit = (leaving: boolean) => {
    const current = draftRef.current;
    if (current === null) return;
    if (current === latest.current.value && !badInput()) {
      setError(null);
      if (leaving) setDraft(null);
      return;
    }
    const problem = latest.current.onCommit(current, badInput());
    setError(problem);
    // A rejected value stays visible with its error until fixed or thrown away with Esc.
    if (!problem && leaving) setDraft(null);
  };

  // A draft left when the field unmounts (selection changed, panel closed) is still saved.
  useEffect(
    () => () => {
      const current = draftRef.current;
      if (current !== null && current !== latest.current.value) {
        latest.current.onCommit(current, false);
      }
    },
    [],
  );

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement | HTMLTextAreaElement>) => {
    if (e.key === 'Escape') {
      e.stopPropagation();
      setDraft(null);
      setError(null);
      e.currentTarget.blur();
    } else if (e.key === 'Enter' && (!multiline || e.ctrlKey || e.metaKey)) {
      if (e.nativeEvent.isComposing) return;
      e.preventDefault();
      commit(false);
    }
  };

  const common = {
    ref: elRef,
    value: draft ?? value,
    // A read-only link sees "—" for an empty value, not an invitation to type.
    placeholder: readOnly ? '—' : props.placeholder,
    readOnly,
    maxLength: limited.maxLength ?? props.maxLength,
    onPaste: limited.onPaste,
    'data-testid': props.testId,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': error ? errorId : undefined,
    onChange: (e: { currentTarget: { value: string } }) => {
      setDraft(e.currentTarget.value);
      setError(null);
    },
    onBlur: () => commit(true),
    onKeyDown,
  };

  return (
    <label className={`field panel-field ${props.className ?? ''}`}>
      <span className="panel-label">
        {props.label}
        {props.adornment}
      </span>
      {multiline ? (
        <textarea className="textarea" rows={props.rows ?? 3} {...common} />
      ) : (
        <input
          className="input"
          type={props.type ?? 'text'}
          min={props.min}
          max={props.max}
          step={props.step}
          list={props.list}
          {...common}
        />
      )}
      {error ? (
        <span id={errorId} className="panel-error" role="alert">
          {error}
        </span>
      ) : (
        <>
          {props.hint && <span className="panel-hint">{props.hint}</span>}
          {props.editHint && !readOnly && (
            <span className="panel-hint panel-edit-only">{props.editHint}</span>
          )}
        </>
      )}
    </label>
  );
}

/**
 * A destructive button with an inline confirm step instead of window.confirm: the first click
 * asks the question in place, the second does it.
 */
export function ConfirmDelete(props: {
  label: string;
  question: string;
  onConfirm(): void;
  testId?: string;
}) {
  const [asking, setAsking] = useState(false);
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (asking) confirmRef.current?.focus();
  }, [asking]);
  if (!asking) {
    return (
      <button
        type="button"
        className="btn btn-danger"
        data-testid={props.testId}
        onClick={() => setAsking(true)}
      >
        {props.label}
      </button>
    );
  }
  return (
    <div className="panel-confirm" role="group" aria-label={props.question}>
      <p className="panel-confirm-question">{props.question}</p>
      <div className="panel-row">
        <button
          ref={confirmRef}
          type="button"
          className="btn btn-danger btn-solid"
          data-testid={props.testId ? `${props.testId}-confirm` : undefined}
          onClick={() => {
            setAsking(false);
            props.onConfirm();
          }}
        >
          Delete
        </button>
        <button type="button" className="btn" onClick={() => setAsking(false)}>
          Cancel
        </button>
      </div>
    </div>
  );
}

const COLOR_NAMES: Record<string, string> = {
  '#ffffff': 'White',
  '#fef3c7': 'Cream',
  '#fde68a': 'Yellow',
  '#fee2e2': 'Red',
  '#dcfce7': 'Green',
  '#dbeafe': 'Blue',
  '#ede9fe': 'Purple',
  '#fce7f3': 'Pink',
  '#93c5fd': 'Sky blue',
  '#1f2937': 'Ink',
  '#475569': 'Slate',
  '#4f46e5': 'Indigo',
  '#b91c1c': 'Dark red',
  '#15803d': 'Dark green',
  '#b45309': 'Amber',
};

export const colorName = (hex: string) => COLOR_NAMES[hex.toLowerCase()] ?? hex;

/** A row of colour swatches; `clearLabel` adds a button that clears (or resets) the colour. */
export function ColorSwatches(props: {
  label: string;
  colors: readonly string[];
  value: string | undefined;
  onPick(color: string): void;
  onClear?(): void;
  clearLabel?: string;
}) {
  const labelId = useId();
  return (
    <div className="field panel-field">
      <span className="panel-label" id={labelId}>
        {props.label}
      </span>
      <div className="panel-swatches" role="group" aria-labelledby={labelId}>
        {props.colors.map((color) => (
          <button
            key={color}
            type="button"
            className="panel-swatch"
            style={{ background: color }}
            aria-label={colorName(color)}
            title={colorName(color)}
            aria-pressed={props.value?.toLowerCase() === color.toLowerCase()}
            onClick={() => props.onPick(color)}
          />
        ))}
        {props.onClear && (
          <button
            type="button"
            className="btn btn-ghost panel-small panel-edit-only"
            onClick={props.onClear}
          >
            {props.clearLabel ?? 'Clear'}
          </button>
        )}
      </div>
    </div>
  );
}

/** A titled group of fields. */
export function PanelSection(props: { title: string; children: ReactNode; aside?: ReactNode }) {
  const id = useId();
  return (
    <section className="panel-section" aria-labelledby={id}>
      <div className="panel-section-head">
        <h3 id={id} className="panel-section-title">
          {props.title}
        </h3>
        {props.aside}
      </div>
      {props.children}
    </section>
  );
}
