import { useState, type FormEvent } from 'react';

/** Asks for a name once (remembered on this device) so others see who is who. */
export function NameDialog({
  initial,
  onSave,
  onCancel,
}: {
  initial: string;
  onSave(name: string): void;
  onCancel(): void;
}) {
  const [name, setName] = useState(initial);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (name.trim()) onSave(name.trim());
  };
  return (
    <div
      className="dialog-backdrop"
      onMouseDown={(e) => e.target === e.currentTarget && onCancel()}
    >
      <form
        className="dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="name-dialog-title"
        onSubmit={submit}
        data-testid="name-dialog"
      >
        <h2 id="name-dialog-title">What should others call you?</h2>
        <p className="muted">
          Your name shows next to your cursor and on your comments. It is kept on this device.
        </p>
        <label className="field">
          <span>Your name</span>
          <input
            className="input"
            autoFocus
            maxLength={80}
            value={name}
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => e.key === 'Escape' && onCancel()}
            data-testid="name-input"
          />
        </label>
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={onCancel}>
            Later
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={!name.trim()}
            data-testid="name-save"
          >
            Save
          </button>
        </div>
      </form>
    </div>
  );
}
