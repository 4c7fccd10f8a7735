/** "Open a share link": paste a board link someone sent; it is remembered here and opened. */

import { useId, useRef, useState, type FormEvent } from 'react';
import { boardHref, rememberBoard } from '../boardLinks.js';
import { navigate } from '../router.js';
import { Dialog } from '../ui/Dialog.js';
import { parseShareLink } from './knownList.js';

export function OpenLinkDialog({ onClose }: { onClose(): void }) {
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const parsed = parseShareLink(text, location.origin);
    if (!parsed.ok) {
      setError(parsed.message);
      input.current?.focus();
      return;
    }
    const { boardId, token, role } = parsed.value;
    rememberBoard(boardId, { tokens: { [role]: token } });
    onClose();
    navigate(boardHref(boardId, token));
  };

  return (
    <Dialog
      title="Open a share link"
      description="Paste the link someone shared with you. This browser remembers it, so the map stays in your list."
      onClose={onClose}
      initialFocus={input}
      className="home-delete-dialog"
      testId="open-link-dialog"
    >
      <form className="home-new-form" onSubmit={submit} noValidate>
        <label className="field">
          <span>Share link</span>
          <input
            ref={input}
            className="input"
            data-testid="share-link-input"
            autoComplete="off"
            spellCheck={false}
            placeholder={`${location.origin}/b/…#token=…`}
            value={text}
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? errorId : undefined}
            onChange={(e) => {
              setText(e.target.value);
              if (error) setError(null);
            }}
          />
          {error && (
            <span id={errorId} className="home-field-error" role="alert">
              {error}
            </span>
          )}
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="open-link-submit"
            disabled={!text.trim()}
          >
            Open map
          </button>
        </div>
      </form>
    </Dialog>
  );
}
