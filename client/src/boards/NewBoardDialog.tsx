/** "New journey map": template, title, optional persona and scenario; opens the board it made. */

import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import type { TemplateId } from '../../../shared/model/templates.js';
import { api, needsCreateToken, storeCreateToken, storedCreateToken } from '../api.js';
import { boardHref, rememberBoard } from '../boardLinks.js';
import { navigate } from '../router.js';
import { CreateTokenField } from '../ui/CreateToken.js';
import { Dialog } from '../ui/Dialog.js';
import { errorMessage } from '../ui/errors.js';
import { LONG_TEXT_MAX, TITLE_MAX, newBoardRequest } from './boardList.js';
import { Spinner } from '../ui/icons.js';
import { TEMPLATE_EXAMPLES } from './templateExamples.js';
import { TemplatePicker } from './TemplatePicker.js';

interface NewBoardDialogProps {
  initialTemplate?: TemplateId;
  onClose(): void;
}

export function NewBoardDialog({
  initialTemplate = 'current-state',
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
  const ids = { template: useId(), title: useId(), titleError: useId() };
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
      const board = await api.createBoard(request.value);
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
      description="Pick a template, name the map, and say whose journey it follows."
      onClose={onClose}
      busy={submitting}
      initialFocus={titleInput}
      className="home-new-dialog"
      testId="new-board-dialog"
    >
      <form ref={form} className="home-new-form" onSubmit={(e) => void submit(e)} noValidate>
        <div className="home-form-section">
          <span id={ids.template} className="home-section-label">
            Template
          </span>
          <TemplatePicker value={template} onChange={setTemplate} labelledBy={ids.template} />
        </div>

        <label className="field">
          <span>
            Title <span className="home-required">required</span>
          </span>
          <input
            ref={titleInput}
            id={ids.title}
            className="input"
            data-testid="board-title-input"
            value={title}
            maxLength={TITLE_MAX}
            required
            autoComplete="off"
            placeholder="e.g. Expense onboarding, Q3 research"
            aria-invalid={titleError ? true : undefined}
            aria-describedby={titleError ? ids.titleError : undefined}
            onChange={(e) => {
              setTitle(e.target.value);
              if (titleError) setTitleError(null);
            }}
          />
          {titleError && (
            <span id={ids.titleError} className="home-field-error" role="alert">
              {titleError}
            </span>
          )}
          {title.length > TITLE_MAX - 20 && (
            <span className="home-field-hint">
              {title.length} / {TITLE_MAX}
            </span>
          )}
        </label>

        <fieldset className="home-form-section home-context">
          <legend className="home-section-label">
            Persona and scenario{' '}
            <span className="home-required">
              optional; left empty, the template’s example is used
            </span>
          </legend>
          <div className="home-context-grid">
            <label className="field">
              <span>Persona name</span>
              <input
                className="input"
                data-testid="persona-name-input"
                value={personaName}
                maxLength={TITLE_MAX}
                autoComplete="off"
                placeholder={example.persona.name}
                onChange={(e) => setPersonaName(e.target.value)}
              />
            </label>
            <label className="field home-context-wide">
              <span>Persona description</span>
              <textarea
                className="textarea"
                data-testid="persona-description-input"
                rows={2}
                value={personaDescription}
                maxLength={LONG_TEXT_MAX}
                placeholder={example.persona.description}
                onChange={(e) => setPersonaDescription(e.target.value)}
                onKeyDown={submitOnEnter}
              />
            </label>
            <label className="field home-context-wide">
              <span>Scenario</span>
              <textarea
                className="textarea"
                data-testid="scenario-input"
                rows={2}
                value={scenario}
                maxLength={LONG_TEXT_MAX}
                placeholder={example.scenario}
                onChange={(e) => setScenario(e.target.value)}
                onKeyDown={submitOnEnter}
              />
            </label>
          </div>
        </fieldset>

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
