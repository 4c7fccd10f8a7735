/** "New journey map": template, title, optional persona and scenario; opens the board it made. */

import { useId, useRef, useState, type FormEvent, type KeyboardEvent, type RefObject } from 'react';
import type { TemplateId } from '../../../shared/model/templates.js';
import { api, needsCreateToken, storeCreateToken, storedCreateToken } from '../api.js';
import { boardHref, rememberBoard } from '../boardLinks.js';
import { navigate } from '../router.js';
import { CreateTokenField } from '../ui/CreateToken.js';
import { Dialog } from '../ui/Dialog.js';
import { errorMessage } from '../ui/errors.js';
import { LONG_TEXT_MAX, TITLE_MAX, newBoardRequest } from './boardList.js';
import { Spinner } from '../ui/icons.js';
import { TEMPLATE_EXAMPLES, type TemplateExample } from './templateExamples.js';
import { TemplatePicker } from './TemplatePicker.js';
import './newBoard.css';

interface NewBoardDialogProps {
  initialTemplate?: TemplateId;
  /** Signed in: the current workspace, where the map goes (W154). */
  workspace?: { id: string; name: string } | null;
  onClose(): void;
}

export function NewBoardDialog({
  initialTemplate = 'current-state',
  workspace,
  onClose,
}: NewBoardDialogProps) {
  const [template, setTemplate] = useState<TemplateId>(initialTemplate);
  const [title, setTitle] = useState('');
  const [personaName, setPersonaName] = useState('');
  const [personaDescription, setPersonaDescription] = useState('');
  const [scenario, setScenario] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [titleError, setTitleError] = useState<string | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  /** Shown once the server refused to create without its create token. */
  const [askToken, setAskToken] = useState(false);
  const [createToken, setCreateToken] = useState('');
  const titleInput = useRef<HTMLInputElement>(null);
  const tokenInput = useRef<HTMLInputElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const templateLabelId = useId();
  const example = TEMPLATE_EXAMPLES[template];

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (submitting) return;
    const request = newBoardRequest({ template, title, personaName, personaDescription, scenario });
    if (!request.ok) {
      setTitleError(request.message);
      titleInput.current?.focus();
      return;
    }
    if (askToken) {
      if (!createToken.trim()) {
        setServerError('Enter the server’s create token.');
        tokenInput.current?.focus();
        return;
      }
      storeCreateToken(createToken);
    }
    setSubmitting(true);
    setServerError(null);
    try {
      const board = await api.createBoard(
        workspace ? { ...request.value, workspaceId: workspace.id } : request.value,
      );
      // This browser keeps all four links; the owner's opens the board.
      rememberBoard(board.id, { title: board.title, tokens: board.tokens });
      navigate(boardHref(board.id, board.tokens.owner));
    } catch (err) {
      setSubmitting(false);
      if (needsCreateToken(err)) {
        setServerError(
          askToken || storedCreateToken()
            ? 'The server did not accept this create token.'
            : 'This server needs its create token to make maps.',
        );
        setAskToken(true);
        requestAnimationFrame(() => tokenInput.current?.focus());
        return;
      }
      setServerError(errorMessage(err));
      titleInput.current?.focus();
    }
  };

  // Enter submits from the text areas too; Shift+Enter starts a new line.
  const submitOnEnter = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      form.current?.requestSubmit();
    }
  };

  return (
    <Dialog
      title="New journey map"
      description={
        workspace
          ? `In ${workspace.name}: pick a template, name the map, and say whose journey it follows.`
          : 'Pick a template, name the map, and say whose journey it follows.'
      }
      onClose={onClose}
      busy={submitting}
      initialFocus={titleInput}
      className="home-new-dialog"
      testId="new-board-dialog"
    >
      <form ref={form} className="home-new-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="home-form-section">
          <span id={templateLabelId} className="home-section-label">
            Template
          </span>
          <TemplatePicker value={template} onChange={setTemplate} labelledBy={templateLabelId} />
        </div>

        <TitleField
          inputRef={titleInput}
          value={title}
          error={titleError}
          onChange={(value) => {
            setTitle(value);
            if (titleError) setTitleError(null);
          }}
        />

        <PersonaAndScenario
          example={example}
          personaName={personaName}
          onPersonaName={setPersonaName}
          personaDescription={personaDescription}
          onPersonaDescription={setPersonaDescription}
          scenario={scenario}
          onScenario={setScenario}
          onTextareaKeyDown={submitOnEnter}
        />

        {askToken && (
          <CreateTokenField value={createToken} onChange={setCreateToken} inputRef={tokenInput} />
        )}

        {serverError && (
          <div className="home-form-error" role="alert" data-testid="create-board-error">
            {serverError}
          </div>
        )}

        <div className="dialog-actions home-dialog-actions">
          <span className="home-shortcut-hint muted">
            <kbd className="kbd">Enter</kbd> to create · <kbd className="kbd">Esc</kbd> to cancel
          </span>
          <button type="button" className="btn" onClick={onClose} disabled={submitting}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="create-board-submit"
            disabled={submitting}
            aria-busy={submitting || undefined}
          >
            {submitting && <Spinner />}
            {submitting ? 'Creating…' : 'Create map'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** The optional persona and scenario; the template's example shows as the placeholder. */
function PersonaAndScenario(props: {
  example: TemplateExample;
  personaName: string;
  onPersonaName(value: string): void;
  personaDescription: string;
  onPersonaDescription(value: string): void;
  scenario: string;
  onScenario(value: string): void;
  onTextareaKeyDown(event: KeyboardEvent<HTMLTextAreaElement>): void;
}) {
  return (
    <fieldset className="home-form-section home-context">
      <legend className="home-section-label">
        Persona and scenario{' '}
        <span className="home-required">optional; left empty, the template’s example is used</span>
      </legend>
      <div className="home-context-grid">
        <label className="field">
          <span>Persona name</span>
          <input
            className="input"
            data-testid="persona-name-input"
            value={props.personaName}
            maxLength={TITLE_MAX}
            autoComplete="off"
            placeholder={props.example.persona.name}
            onChange={(e) => props.onPersonaName(e.target.value)}
          />
        </label>
        <label className="field home-context-wide">
          <span>Persona description</span>
          <textarea
            className="textarea"
            data-testid="persona-description-input"
            rows={2}
            value={props.personaDescription}
            maxLength={LONG_TEXT_MAX}
            placeholder={props.example.persona.description}
            onChange={(e) => props.onPersonaDescription(e.target.value)}
            onKeyDown={props.onTextareaKeyDown}
          />
        </label>
        <label className="field home-context-wide">
          <span>Scenario</span>
          <textarea
            className="textarea"
            data-testid="scenario-input"
            rows={2}
            value={props.scenario}
            maxLength={LONG_TEXT_MAX}
            placeholder={props.example.scenario}
            onChange={(e) => props.onScenario(e.target.value)}
            onKeyDown={props.onTextareaKeyDown}
          />
        </label>
      </div>
    </fieldset>
  );
}

/** The required title, its error, and how many characters are left near the limit. */
function TitleField(props: {
  inputRef: RefObject<HTMLInputElement | null>;
  value: string;
  error: string | null;
  onChange(value: string): void;
}) {
  const errorId = useId();
  return (
    <label className="field">
      <span>
        Title <span className="home-required">required</span>
      </span>
      <input
        ref={props.inputRef}
        className="input"
        data-testid="board-title-input"
        value={props.value}
        maxLength={TITLE_MAX}
        required
        autoComplete="off"
        placeholder="e.g. Expense onboarding, Q3 research"
        aria-invalid={props.error ? true : undefined}
        aria-describedby={props.error ? errorId : undefined}
        onChange={(e) => props.onChange(e.target.value)}
      />
      {props.error && (
        <span id={errorId} className="home-field-error" role="alert">
          {props.error}
        </span>
      )}
      {props.value.length > TITLE_MAX - 20 && (
        <span className="home-field-hint">
          {props.value.length} / {TITLE_MAX}
        </span>
      )}
    </label>
  );
}
