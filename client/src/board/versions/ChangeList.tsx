import { useMemo } from 'react';
import type { BoardChange, BoardDiff } from '../../../../shared/model/diffTypes.js';
import { changeTone, countsText, diffCounts, focusTarget, groupByStage } from './changeList.js';
import type { ShownDiff } from './shownDiff.js';

interface ChangeListProps {
  shown: ShownDiff;
  diff: BoardDiff;
  onFocusItem(id: string): void;
  onBack(): void;
}

const STATUS_NOTE = { added: ' (new stage)', removed: ' (removed stage)', kept: '', board: '' };

function ChangeRow({
  change,
  onFocusItem,
}: {
  change: BoardChange;
  onFocusItem(id: string): void;
}) {
  const target = focusTarget(change);
  const body = (
    <>
      <span className={`change-dot change-dot-${changeTone(change.kind)}`} aria-hidden="true" />
      <span className="change-text">{change.label}</span>
    </>
  );
  return (
    <li data-testid="change-item" data-kind={change.kind}>
      {target ? (
        <button
          type="button"
          className="change-row"
          title="Show on the board"
          onClick={() => onFocusItem(target)}
        >
          {body}
        </button>
      ) : (
        <div className="change-row">{body}</div>
      )}
    </li>
  );
}

/** The changes of a comparison, with summary counts, grouped by stage. */
export function ChangeList({ shown, diff, onFocusItem, onBack }: ChangeListProps) {
  const groups = useMemo(() => groupByStage(diff), [diff]);
  const summary = countsText(diffCounts(diff));
  return (
    <div className="change-list" data-testid="change-list">
      <div className="panel-row">
        <button
          type="button"
          className="btn panel-small"
          data-testid="compare-back"
          onClick={onBack}
        >
          ← All versions
        </button>
      </div>
      <p className="panel-context">
        From <strong>{shown.fromLabel}</strong> to <strong>{shown.toLabel}</strong>
        {shown.live && ' — updates as the board changes'}
      </p>
      <p className="change-summary" data-testid="change-summary" aria-live="polite">
        <strong>{summary.total}</strong>
        {summary.detail && `: ${summary.detail}`}
      </p>
      {groups.length === 0 && (
        <p className="panel-hint" data-testid="change-empty">
          Nothing changed between these two states of the map.
        </p>
      )}
      {groups.map((group) => (
        <section key={group.key} className="change-group" aria-label={group.title}>
          <h3 className="panel-section-title">
            {group.title}
            {STATUS_NOTE[group.status]} · {group.changes.length}
          </h3>
          <ul className="change-items">
            {group.changes.map((change, i) => (
              <ChangeRow key={i} change={change} onFocusItem={onFocusItem} />
            ))}
          </ul>
        </section>
      ))}
    </div>
  );
}
