/** A value to hand on (a link, a token): shown read-only with a Copy button beside it. */

import { useId, useRef } from 'react';
import { CopyIcon } from './icons.js';
import { useToasts } from './toasts.js';
import './copyField.css';

interface CopyFieldProps {
  label: string;
  value: string;
  /** Said in the toast: "Link copied". */
  copiedMessage?: string;
  testId?: string;
  /** Shows the label to screen readers only. */
  hideLabel?: boolean;
}

export function CopyField({
  label,
  value,
  copiedMessage = 'Copied',
  testId,
  hideLabel,
}: CopyFieldProps) {
  const toasts = useToasts();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      toasts.show(copiedMessage, 'success');
    } catch {
      input.current?.select();
      toasts.show('Could not copy: the text is selected, copy it with Ctrl+C.', 'error');
    }
  };
  return (
    <div className="copy-field">
      <label htmlFor={id} className={hideLabel ? 'sr-only' : 'copy-field-label'}>
        {label}
      </label>
      <div className="copy-field-row">
        <input
          ref={input}
          id={id}
          className="input copy-field-input"
          readOnly
          value={value}
          spellCheck={false}
          data-testid={testId}
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="btn"
          onClick={() => void copy()}
          aria-label={`Copy ${label.toLowerCase()}`}
        >
          <CopyIcon />
          Copy
        </button>
      </div>
    </div>
  );
}
