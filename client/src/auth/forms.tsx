/**
 * The parts every account form is made of: a labelled field with its hint and error, the form's
 * alert, a submit button with a busy state, and a hook that checks, sends and reports.
 */

import { useId, useState, type ReactNode, type RefObject } from 'react';
import { Spinner } from '../ui/icons.js';
import { problemOf, type FormProblem } from './authApi.js';

interface TextFieldProps {
  label: string;
  /** The server's name for the field, so its errors land here. */
  name: string;
  value: string;
  onChange(value: string): void;
  type?: 'text' | 'email' | 'password';
  autoComplete: string;
  hint?: ReactNode;
  error?: string;
  autoFocus?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  inputRef?: RefObject<HTMLInputElement | null>;
  testId?: string;
}

export function TextField(props: TextFieldProps) {
  const id = useId();
  const { describedBy, notes } = useFieldNotes(props.hint, props.error);
  return (
    <div className="field auth-field">
      <label htmlFor={id}>{props.label}</label>
      <input
        ref={props.inputRef}
        id={id}
        className="input"
        name={props.name}
        type={props.type ?? 'text'}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        autoComplete={props.autoComplete}
        autoFocus={props.autoFocus}
        readOnly={props.readOnly}
        maxLength={props.maxLength}
        spellCheck={props.type === 'email' || props.type === 'password' ? false : undefined}
        autoCapitalize={props.type === 'email' ? 'none' : undefined}
        aria-invalid={props.error ? true : undefined}
        aria-describedby={describedBy}
        data-testid={props.testId}
      />
      {notes}
    </div>
  );
}

interface SelectFieldProps<T extends string> {
  label: string;
  name: string;
  value: T;
  options: readonly { value: T; label: string }[];
  onChange(value: T): void;
  hint?: ReactNode;
  testId?: string;
}

export function SelectField<T extends string>(props: SelectFieldProps<T>) {
  const id = useId();
  const { describedBy, notes } = useFieldNotes(props.hint);
  return (
    <div className="field auth-field">
      <label htmlFor={id}>{props.label}</label>
      <select
        id={id}
        className="select"
        name={props.name}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as T)}
        aria-describedby={describedBy}
        data-testid={props.testId}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {notes}
    </div>
  );
}

/**
 * A field's hint and error, outside its label (so the label alone names the input) and tied to
 * it by `aria-describedby`.
 */
function useFieldNotes(hint?: ReactNode, error?: string) {
  const hintId = useId();
  const errorId = useId();
  const ids = [hint ? hintId : null, error ? errorId : null].filter(Boolean);
  const notes = (
    <>
      {hint && (
        <span id={hintId} className="home-field-hint">
          {hint}
        </span>
      )}
      {error && (
        <span id={errorId} className="home-field-error" role="alert">
          {error}
        </span>
      )}
    </>
  );
  return { describedBy: ids.length ? ids.join(' ') : undefined, notes };
}

/** The form's own error: shown here unless it names one of the form's fields. */
export function FormAlert({
  problem,
  fields,
  testId = 'form-error',
}: {
  problem: FormProblem | null;
  /** The fields that show their own errors. */
  fields: readonly string[];
  testId?: string;
}) {
  if (!problem || (problem.field && fields.includes(problem.field))) return null;
  return (
    <div className="home-form-error" role="alert" data-testid={testId}>
      {problem.error}
    </div>
  );
}

export function SubmitButton({
  busy,
  children,
  busyLabel,
  testId,
}: {
  busy: boolean;
  children: ReactNode;
  busyLabel: string;
  testId?: string;
}) {
  return (
    <button
      type="submit"
      className="btn btn-primary auth-submit"
      disabled={busy}
      aria-busy={busy || undefined}
      data-testid={testId}
    >
      {busy && <Spinner />}
      {busy ? busyLabel : children}
    </button>
  );
}

/** The error of one field, if the problem names it (or one of its `aliases`). */
export function errorFor(problem: FormProblem | null, ...names: string[]): string | undefined {
  return problem?.field && names.includes(problem.field) ? problem.error : undefined;
}

/**
 * A form's sending: `submit` checks first (a problem shows without a request), then runs the
 * action once at a time; a refusal keeps the server's sentence and field, and the field named
 * takes focus.
 */
export function useFormSubmit() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<FormProblem | null>(null);

  const focusField = (form: HTMLFormElement | null, found: FormProblem) => {
    if (!found.field) return;
    requestAnimationFrame(() =>
      form?.querySelector<HTMLElement>(`[name="${CSS.escape(found.field!)}"]`)?.focus(),
    );
  };

  /** The action's result once it succeeded; null when a check or the server refused. */
  const submit = async <T,>(
    form: HTMLFormElement | null,
    check: () => FormProblem | null,
    action: () => Promise<T>,
    /** Turns the server's field names into the form's (e.g. `password.next` → `next`). */
    fieldOf: (field: string) => string = (field) => field,
  ): Promise<{ value: T } | null> => {
    if (busy) return null;
    const invalid = check();
    setProblem(invalid);
    if (invalid) {
      focusField(form, invalid);
      return null;
    }
    setBusy(true);
    try {
      return { value: await action() };
    } catch (err) {
      const { error, field } = problemOf(err);
      const found = field ? { error, field: fieldOf(field) } : { error };
      setProblem(found);
      focusField(form, found);
      return null;
    } finally {
      setBusy(false);
    }
  };

  return { busy, problem, setProblem, submit };
}
