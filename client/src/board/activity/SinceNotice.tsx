import { useEffect, useState } from 'react';
import type { SinceAnswer } from './activityApi.js';
import { activityApi } from './activityApi.js';
import { authorsLine, changesLine, summaryLine } from './format.js';
import { lastLookedFor } from './lastLooked.js';
import type { BoardSession } from '../core/session.js';
import './activity.css';

interface SinceNoticeProps {
  session: BoardSession;
  meId: string;
  /** The activity panel is open: the notice has done its job. */
  panelOpen: boolean;
  onOpen(): void;
}

/** How long the notice stays unless acted on. */
const SHOWN_MS = 20_000;

/**
 * On opening a board that others changed since this person last looked: a small, non-blocking
 * notice ("5 changes since you last looked") that opens the activity panel. Asked once, when
 * the board first syncs; nothing shows on a first visit or when the request fails.
 */
export function SinceNotice({ session, meId, panelOpen, onOpen }: SinceNoticeProps) {
  const [answer, setAnswer] = useState<SinceAnswer | null>(null);
  const [dismissed, setDismissed] = useState(false);

  useEffect(() => {
    let cancelled = false;
    let asked = false;
    let unsubscribe = () => {};
    void lastLookedFor(session, meId).then((lastLooked) => {
      if (!lastLooked || cancelled) return;
      const ask = () => {
        if (asked || !session.getStatus().synced) return;
        asked = true;
        activityApi
          .since(session.boardId, session.token, { ...lastLooked, excludeAuthorId: meId, limit: 1 })
          .then((a) => !cancelled && setAnswer(a))
          .catch(() => {});
      };
      ask();
      unsubscribe = session.subscribe(ask);
    });
    return () => {
      cancelled = true;
      unsubscribe();
    };
  }, [session, meId]);

  const shown = answer !== null && answer.summary.entries > 0 && !dismissed && !panelOpen;
  useEffect(() => {
    if (!shown) return;
    const timer = setTimeout(() => setDismissed(true), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [shown]);
  useEffect(() => {
    if (panelOpen) setDismissed(true);
  }, [panelOpen]);

  if (!shown) return null;
  return (
    <div className="activity-notice" role="status" data-testid="activity-notice">
      <button
        type="button"
        className="activity-notice-open"
        data-testid="activity-notice-open"
        title={summaryLine(answer.summary)}
        onClick={() => {
          setDismissed(true);
          onOpen();
        }}
      >
        <strong>{changesLine(answer.summary)} since you last looked</strong>
        <span className="activity-notice-by">by {authorsLine(answer.summary)} · Show</span>
      </button>
      <button
        type="button"
        className="btn btn-ghost btn-icon activity-notice-close"
        aria-label="Dismiss"
        title="Dismiss"
        onClick={() => setDismissed(true)}
      >
        <span aria-hidden="true">×</span>
      </button>
    </div>
  );
}
