import { useEffect, useId, useRef, useState } from 'react';
import { absoluteTime, timeAgo } from '../../ui/time.js';
import type { Version, VersionTrigger } from './versionsApi.js';

export const TRIGGER_LABEL: Record<VersionTrigger, string> = {
  manual: 'Manual',
  'presenter-ended': 'Presentation ended',
  restore: 'Restore backup',
  'review-approved': 'Review approved',
};

interface VersionItemProps {
  version: Version;
  /** The other versions, newest first: what "Compare with…" offers. */
  others: readonly Version[];
  now: Date;
  canEdit: boolean;
  isOwner: boolean;
  /** A comparison with this version is loading. */
  busy: boolean;
  /** Just made (saved, or the backup of a restore): drawn out and scrolled to. */
  highlighted: boolean;
  onCompareNow(): void;
  onCompareWith(other: Version): void;
  onOpen(): void;
  onRestore(): void;
  onDuplicate(): void;
}

/** One version in the list: what it is, who saved it when, and what can be done with it. */
export function VersionItem(props: VersionItemProps) {
  const { version, others, canEdit, isOwner, busy } = props;
  const [picking, setPicking] = useState(false);
  const [otherId, setOtherId] = useState(others[0]?.id ?? '');
  const titleId = useId();
  const pickerId = useId();
  const other = others.find((o) => o.id === otherId);
  const item = useRef<HTMLLIElement>(null);
  useEffect(() => {
    if (props.highlighted) item.current?.scrollIntoView({ block: 'nearest' });
  }, [props.highlighted]);

  return (
    <li
      className="version-item"
      data-testid="version-item"
      data-version-id={version.id}
      data-trigger={version.trigger}
      data-highlighted={props.highlighted || undefined}
      aria-labelledby={titleId}
      ref={item}
    >
      <div className="version-head">
        <h3 id={titleId} className="version-label" data-testid="version-label">
          {version.label}
        </h3>
        <span className={`version-trigger version-trigger-${version.trigger}`}>
          {TRIGGER_LABEL[version.trigger]}
        </span>
      </div>
      <p className="version-meta">
        {version.author} ·{' '}
        <time dateTime={version.createdAt} title={timeAgo(version.createdAt, props.now)}>
          {absoluteTime(version.createdAt)}
        </time>
      </p>
      {version.note && <p className="version-note">{version.note}</p>}
      <div className="version-actions">
        <button
          type="button"
          className="btn panel-small"
          data-testid="version-compare-now"
          aria-label={`Compare “${version.label}” with now`}
          disabled={busy}
          onClick={props.onCompareNow}
        >
          {busy ? 'Comparing…' : 'Compare with now'}
        </button>
        {others.length > 0 && (
          <button
            type="button"
            className="btn panel-small"
            data-testid="version-compare-with"
            aria-expanded={picking}
            aria-label={`Compare “${version.label}” with another version`}
            onClick={() => setPicking((on) => !on)}
          >
            Compare with…
          </button>
        )}
        <button
          type="button"
          className="btn panel-small"
          data-testid="version-open"
          aria-label={`Open “${version.label}” read-only`}
          onClick={props.onOpen}
        >
          Open
        </button>
        {canEdit && (
          <button
            type="button"
            className="btn panel-small"
            data-testid="version-restore"
            aria-label={`Restore “${version.label}”`}
            onClick={props.onRestore}
          >
            Restore
          </button>
        )}
        {isOwner && (
          <button
            type="button"
            className="btn panel-small"
            data-testid="version-duplicate"
            aria-label={`Duplicate “${version.label}” as a new board`}
            onClick={props.onDuplicate}
          >
            Duplicate as new board
          </button>
        )}
      </div>
      {picking && (
        <form
          className="version-picker"
          onSubmit={(e) => {
            e.preventDefault();
            if (other) props.onCompareWith(other);
            setPicking(false);
          }}
        >
          <label htmlFor={pickerId} className="panel-label">
            Compare with
          </label>
          <div className="panel-row">
            <select
              id={pickerId}
              className="select"
              data-testid="version-compare-pick"
              value={otherId}
              onChange={(e) => setOtherId(e.target.value)}
              autoFocus
            >
              {others.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.label} ({absoluteTime(o.createdAt)})
                </option>
              ))}
            </select>
            <button
              type="submit"
              className="btn btn-primary panel-small"
              data-testid="version-compare-go"
              disabled={!other}
            >
              Compare
            </button>
          </div>
        </form>
      )}
    </li>
  );
}
