import { useEffect, useId, useMemo, useState } from 'react';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import type { AwarenessUser } from '../../../../shared/protocol/awareness.js';
import { PanelShell } from '../../ui/PanelShell.js';
import { timeAgo } from '../../ui/time.js';
import { useNow } from '../../ui/useNow.js';
import type { BoardSession } from '../core/session.js';
import { ActivityItem } from './ActivityItem.js';
import { summaryLine } from './format.js';
import { lastLookedFor, markLooked, type LastLooked } from './lastLooked.js';
import { useActivityFeed, useSince, type SinceState } from './useActivity.js';
import './activity.css';

interface ActivityPanelProps {
  session: BoardSession;
  board: BoardSnapshot;
  me: AwarenessUser;
  onFocusItem(id: string): void;
  onClose(): void;
}

/** How many unseen entries the top section lists; the feed below has them all, marked "New". */
const SINCE_SHOWN = 5;

function SinceSection(props: {
  state: SinceState;
  lastLooked: LastLooked | null;
  now: Date;
  exists(id: string): boolean;
  onFocusItem(id: string): void;
}) {
  const { state, lastLooked, now } = props;
  const titleId = useId();
  const when = lastLooked ? ` (${timeAgo(lastLooked.seenAt, now)})` : '';
  let content;
  if (state.status === 'first-visit') {
    content = (
      <p className="panel-hint" data-testid="activity-since-empty">
        Your first visit on this device: from now on, this shows what others changed while you were
        away.
      </p>
    );
  } else if (state.status === 'loading') {
    content = <p className="panel-hint">Checking what changed…</p>;
  } else if (state.status === 'error') {
    content = (
      <p className="panel-error" role="alert">
        Could not check what changed: {state.error}
      </p>
    );
  } else if (state.answer.entries.length === 0) {
    content = (
      <p className="panel-hint" data-testid="activity-since-empty">
        Nothing new from others since you last looked.
      </p>
    );
  } else {
    const { entries, summary } = state.answer;
    const more = summary.entries - Math.min(SINCE_SHOWN, entries.length);
    content = (
      <>
        <p className="activity-summary" data-testid="activity-since-summary">
          {summaryLine(summary)}
        </p>
        <ul className="activity-list">
          {entries.slice(0, SINCE_SHOWN).map((entry) => (
            <ActivityItem
              key={entry.id}
              entry={entry}
              now={now}
              exists={props.exists}
              onFocusItem={props.onFocusItem}
            />
          ))}
        </ul>
        {more > 0 && <p className="panel-hint">…and {more} more, marked New below.</p>}
      </>
    );
  }
  return (
    <section
      className="activity-since"
      aria-labelledby={titleId}
      data-testid="activity-since"
      aria-busy={state.status === 'loading'}
    >
      <h3 id={titleId} className="panel-section-title">
        Since you last looked{when}
      </h3>
      {content}
    </section>
  );
}

/**
 * The mark "since you last looked" answers against, as it was when the panel opened (read at
 * once, before opening the panel marks the board looked at); undefined while the server is asked.
 */
function useLastLooked(session: BoardSession, meId: string): LastLooked | null | undefined {
  const [asked] = useState(() => lastLookedFor(session, meId));
  const [value, setValue] = useState<LastLooked | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void asked.then((found) => live && setValue(found));
    return () => {
      live = false;
    };
  }, [asked]);
  return value;
}

/** Who changed what, and what changed since this person last looked. */
export function ActivityPanel({ session, board, me, onFocusItem, onClose }: ActivityPanelProps) {
  const now = useNow();
  // The mark as it was when the panel opened: the section keeps answering against it.
  const lastLooked = useLastLooked(session, me.id);
  const since = useSince(session, lastLooked, me.id);
  const feed = useActivityFeed(session);

  // Opening the feed counts as looking (once the board is synced, so the mark is true).
  useEffect(() => {
    markLooked(session, me.id);
    return session.subscribe(() => markLooked(session, me.id));
  }, [session, me.id]);

  const ids = useMemo(
    () =>
      new Set([
        ...board.cards.map((c) => c.id),
        ...board.shapes.map((s) => s.id),
        ...board.stages.map((s) => s.id),
        ...board.lanes.map((l) => l.id),
      ]),
    [board],
  );
  const exists = (id: string) => ids.has(id);
  const unseen = useMemo(
    () => new Set(since.status === 'ready' ? since.answer.entries.map((e) => e.id) : []),
    [since],
  );

  return (
    <PanelShell
      title="Activity"
      testId="activity-panel"
      className="activity-panel"
      onClose={onClose}
      closeLabel="Close activity"
      closeTestId="activity-close"
    >
      <SinceSection
        state={since}
        lastLooked={lastLooked ?? null}
        now={now}
        exists={exists}
        onFocusItem={onFocusItem}
      />
      <section className="panel-section" aria-label="All activity" data-testid="activity-feed">
        <h3 className="panel-section-title">All activity</h3>
        {feed.error && (
          <div className="panel-error" role="alert">
            Could not load the activity: {feed.error}{' '}
            <button type="button" className="panel-linklike" onClick={feed.refresh}>
              Try again
            </button>
          </div>
        )}
        {feed.loading ? (
          <p className="panel-hint">Loading activity…</p>
        ) : feed.entries.length === 0 && !feed.error ? (
          <p className="panel-hint" data-testid="activity-empty">
            No changes recorded yet. Edits appear here with who made them and when.
          </p>
        ) : (
          <ul className="activity-list">
            {feed.entries.map((entry) => (
              <ActivityItem
                key={entry.id}
                entry={entry}
                now={now}
                unseen={unseen.has(entry.id)}
                exists={exists}
                onFocusItem={onFocusItem}
              />
            ))}
          </ul>
        )}
        {feed.hasMore && (
          <button
            type="button"
            className="btn panel-small"
            data-testid="activity-more"
            disabled={feed.loadingMore}
            onClick={feed.loadMore}
          >
            {feed.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </section>
    </PanelShell>
  );
}
