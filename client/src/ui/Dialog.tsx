/**
 * A modal dialog: labelled role="dialog", focus moved in on open, kept inside while open (Tab
 * wraps) and given back to the opener on close; Esc and a click on the backdrop close it.
 */

import {
  useEffect,
  useId,
  useRef,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { CloseIcon } from './icons.js';
import './dialog.css';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

function focusables(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (el) => !el.closest('[inert]') && el.getClientRects().length > 0,
  );
}

interface DialogProps {
  title: ReactNode;
  /** Shown under the title and used as the dialog's description. */
  description?: ReactNode;
  children: ReactNode;
  onClose(): void;
  /** While true, Esc and the backdrop do nothing (e.g. a request is in flight). */
  busy?: boolean;
  /** Focused when the dialog opens; the first focusable element otherwise. */
  initialFocus?: RefObject<HTMLElement | null>;
  role?: 'dialog' | 'alertdialog';
  className?: string;
  testId?: string;
}

export function Dialog({
  title,
  description,
  children,
  onClose,
  busy = false,
  initialFocus,
  role = 'dialog',
  className,
  testId,
}: DialogProps) {
  const titleId = useId();
  const descriptionId = useId();
  const panel = useRef<HTMLDivElement>(null);
  const pressStartedOnBackdrop = useRef(false);
  const latest = useRef({ onClose, busy });
  useEffect(() => {
    latest.current = { onClose, busy };
  });

  // Focus in on open, back to the opener on close.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const root = panel.current;
    if (root) (initialFocus?.current ?? focusables(root)[0] ?? root).focus();
    const { overflow } = document.body.style;
    document.body.style.overflow = 'hidden';
    return () => {
      document.body.style.overflow = overflow;
      if (opener?.isConnected) opener.focus();
    };
    // initialFocus is a ref object: stable, so this runs once per opening.
  }, [initialFocus]);

  const requestClose = () => {
    if (!latest.current.busy) latest.current.onClose();
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      event.preventDefault();
      requestClose();
      return;
    }
    if (event.key !== 'Tab' || !panel.current) return;
    const items = focusables(panel.current);
    if (items.length === 0) {
      event.preventDefault();
      return;
    }
    const first = items[0]!;
    const last = items[items.length - 1]!;
    const active = document.activeElement;
    if (event.shiftKey && (active === first || !panel.current.contains(active))) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && (active === last || !panel.current.contains(active))) {
      event.preventDefault();
      first.focus();
    }
  };

  return (
    <div
      className="dialog-backdrop home-dialog-backdrop"
      onMouseDown={(e) => {
        pressStartedOnBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        if (pressStartedOnBackdrop.current && e.target === e.currentTarget) requestClose();
        pressStartedOnBackdrop.current = false;
      }}
    >
      <div
        ref={panel}
        className={`dialog home-dialog ${className ?? ''}`}
        role={role}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
      >
        <header className="home-dialog-header">
          <div>
            <h2 id={titleId} className="home-dialog-title">
              {title}
            </h2>
            {description && (
              <p id={descriptionId} className="home-dialog-description">
                {description}
              </p>
            )}
          </div>
          <button
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label="Close"
            title="Close (Esc)"
            onClick={requestClose}
            disabled={busy}
          >
            <CloseIcon />
          </button>
        </header>
        {children}
      </div>
    </div>
  );
}
