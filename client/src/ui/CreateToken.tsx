/**
 * The server's create token: only asked for once the server refused to create a board without
 * it (the operator set CREATE_TOKEN), then kept on this device for the next ones.
 */

import { useId, useRef, useState, type FormEvent, type RefObject } from 'react';
import { storeCreateToken, storedCreateToken } from '../api.js';
import { Dialog } from './Dialog.js';

interface CreateTokenFieldProps {
  value: string;
  onChange(value: string): void;
  inputRef?: RefObject<HTMLInputElement | null>;
}

export function CreateTokenField({ value, onChange, inputRef }: CreateTokenFieldProps) {
  const hintId = useId();
  return (
    <label className="field home-create-token">
      <span>Server create token</span>
      <input
        ref={inputRef}
        className="input"
        type="password"
        autoComplete="off"
        spellCheck={false}
        data-testid="create-token-input"
        aria-describedby={hintId}
        value={value}
        onChange={(e) => onChange(e.target.value)}
      />
      <span id={hintId} className="home-field-hint">
        This server only lets people with its create token make maps. Ask whoever runs it; it is
        kept on this device.
      </span>
    </label>
  );
}

/** Asks for the create token before retrying `action` (e.g. an import). */
export function CreateTokenDialog({
  action,
  onClose,
  onSaved,
}: {
  /** What is retried, for the button: "import “map.json”". */
  action: string;
  onClose(): void;
  onSaved(): void;
}) {
  const [value, setValue] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const refusedBefore = storedCreateToken() !== '';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!value.trim()) return;
    storeCreateToken(value);
    onSaved();
  };
  return (
    <Dialog
      title="This server needs its create token"
      description={
        refusedBefore
          ? 'The create token kept on this device was not accepted.'
          : `To ${action}, enter the token the server’s operator gave you.`
      }
      onClose={onClose}
      initialFocus={input}
      className="home-delete-dialog"
      testId="create-token-dialog"
    >
      <form className="home-new-form" onSubmit={submit}>
        <CreateTokenField value={value} onChange={setValue} inputRef={input} />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            data-testid="create-token-submit"
            disabled={!value.trim()}
          >
            Save and retry
          </button>
        </div>
      </form>
    </Dialog>
  );
}
