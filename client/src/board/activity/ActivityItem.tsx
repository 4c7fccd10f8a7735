import {
  describeActivity,
  focusIdOf,
  type ActivityEntry,
} from '../../../../shared/model/activity.js';
import { absoluteTime } from '../../ui/time.js';
import { authorLabel, entryTime } from './format.js';

export interface ActivityItemProps {
  entry: ActivityEntry;
  now: Date;
  /** Not seen by this reader before (highlighted). */
  unseen?: boolean;
  /** Whether an item id is still on the board (only those can be shown). */
  exists(id: string): boolean;
  onFocusItem(id: string): void;
}

/** One line of the feed: "● Ana added 2 cards and changed 1 stage · 14:05". */
export function ActivityItem({ entry, now, unseen, exists, onFocusItem }: ActivityItemProps) {
  const focusId = focusIdOf(entry);
  const target = focusId !== null && exists(focusId) ? focusId : null;
  const who = authorLabel(entry);
  const what = describeActivity(entry);
  const body = (
    <>
      <span
        className="activity-dot"
        style={entry.author.color ? { background: entry.author.color } : undefined}
        aria-hidden="true"
      />
      <span className="activity-text">
        <strong>{who}</strong> {what}
        <span className="activity-time">
          {' · '}
          <time dateTime={entry.end} title={absoluteTime(entry.end)}>
            {entryTime(entry.end, now)}
          </time>
        </span>
        {unseen && <span className="activity-new">New</span>}
      </span>
    </>
  );
  return (
    <li className="activity-item" data-testid="activity-entry" data-entry-id={entry.id}>
      {target ? (
        <button
          type="button"
          className="activity-row activity-row-button"
          title="Show on the board"
          onClick={() => onFocusItem(target)}
        >
          {body}
        </button>
      ) : (
        <div className="activity-row">{body}</div>
      )}
    </li>
  );
}
