import { useEffect } from 'react';
import { CloseIcon } from '../../ui/icons.js';
import type { SummonNotice as Notice } from './useSummon.js';

const SHOWN_MS = 15_000;

/** "Ada brought everyone here", with a way back to the view I had. */
export function SummonNotice(props: {
  notice: Notice | null;
  onGoBack(): void;
  onDismiss(): void;
}) {
  const { notice, onDismiss } = props;
  useEffect(() => {
    if (!notice) return;
    const done = setTimeout(onDismiss, SHOWN_MS);
    return () => clearTimeout(done);
  }, [notice, onDismiss]);
  return (
    <div className="summon-notice-region" role="status" aria-live="polite">
      {notice && (
        <div className="summon-notice" data-testid="summon-notice">
          <span>{notice.by} brought everyone here</span>
          <button className="btn" data-testid="summon-go-back" onClick={props.onGoBack}>
            Go back
          </button>
          <button
            className="btn btn-ghost btn-icon"
            aria-label="Dismiss"
            title="Dismiss"
            onClick={onDismiss}
          >
            <CloseIcon />
          </button>
        </div>
      )}
    </div>
  );
}
