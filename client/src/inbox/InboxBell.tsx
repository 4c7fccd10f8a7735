/**
 * The inbox in a top bar (W166): a bell with the live unread count, opening a panel of items
 * (a full-screen sheet on a phone). Renders nothing unless someone is signed in.
 */

import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useAuth } from '../auth/AuthProvider.js';
import { navigate } from '../router.js';
import { errorMessage } from '../ui/errors.js';
import { CloseIcon } from '../ui/icons.js';
import { bellLabel } from './inboxApi.js';
import { InboxList } from './InboxList.js';
import { useInboxCount } from './useInboxCount.js';
import './inbox.css';

function BellIcon() {
  return (
    <svg
      width="18"
      height="18"
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth="2"
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
      <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
    </svg>
  );
}

/** `fitFixed`: in the board's top bar, whose fitting must count the bell (when shown) as fixed. */
export function InboxBell({ fitFixed = false }: { fitFixed?: boolean }) {
  const { me } = useAuth();
  const [unread, setUnread] = useInboxCount(me !== null);
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();

  const close = (refocus: boolean) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    // Focus moves into the panel, so its keys (Esc, arrows) work at once.
    panel.current?.focus();
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panel.current?.contains(target) && !button.current?.contains(target)) setOpen(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
  }, [open]);

  if (!me) return null;
  const label = bellLabel(unread);

  const onPanelKey = (event: KeyboardEvent<HTMLDivElement>) => {
    // The panel's keys are its own: Esc must not also clear the board's selection.
    event.stopPropagation();
    if (event.key === 'Escape') {
      event.preventDefault();
      close(true);
      return;
    }
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const items = [...(panel.current?.querySelectorAll<HTMLElement>('.inbox-item') ?? [])];
    if (items.length === 0) return;
    event.preventDefault();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = event.key === 'ArrowDown' ? at + 1 : at <= 0 ? items.length - 1 : at - 1;
    items[next % items.length]?.focus();
  };

  return (
    <div className="inbox" data-fit-fixed={fitFixed || undefined}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-icon inbox-bell"
        aria-label={label}
        title="Inbox"
        aria-haspopup="dialog"
        aria-expanded={open}
        aria-controls={open ? panelId : undefined}
        data-testid="inbox-bell"
        onClick={() => setOpen((o) => !o)}
      >
        <BellIcon />
        {unread !== null && unread > 0 && (
          <span className="inbox-badge" aria-hidden="true" data-testid="inbox-count">
            {unread > 99 ? '99+' : unread}
          </span>
        )}
      </button>
      <span className="sr-only" aria-live="polite">
        {unread === null ? '' : label}
      </span>
      {open && (
        <div
          ref={panel}
          id={panelId}
          className="inbox-panel"
          role="dialog"
          aria-label="Inbox"
          tabIndex={-1}
          data-testid="inbox-panel"
          onKeyDown={onPanelKey}
        >
          <div className="inbox-panel-header">
            <h2 className="inbox-title">Inbox</h2>
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              aria-label="Close inbox"
              onClick={() => close(true)}
            >
              <CloseIcon />
            </button>
          </div>
          <InboxList
            unread={unread}
            onUnread={setUnread}
            onOpenItem={(href) => {
              close(false);
              navigate(href);
            }}
            describeError={errorMessage}
          />
        </div>
      )}
    </div>
  );
}
