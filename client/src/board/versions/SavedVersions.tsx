import { useId } from 'react';
import type { VersionList } from './useVersions.js';
import { VersionItem } from './VersionItem.js';
import type { Version } from './versionsApi.js';

interface SavedVersionsProps {
  list: VersionList & { refresh(): void };
  now: Date;
  canEdit: boolean;
  isOwner: boolean;
  /** The version being compared (its buttons wait), if any. */
  comparing: string | null;
  /** A version just saved or made, shown as new. */
  highlightId: string | null;
  onCompareNow(version: Version): void;
  onCompareWith(version: Version, other: Version): void;
  onOpen(version: Version): void;
  onRestore(version: Version): void;
  onDuplicate(version: Version): void;
}

/** The saved versions, newest first, with a refresh button and the loading, error and empty states. */
export function SavedVersions(props: SavedVersionsProps) {
  const { list, canEdit } = props;
  const titleId = useId();
  const versions = list.status === 'ready' ? list.versions : [];
  return (
    <section className="panel-section" aria-labelledby={titleId}>
      <div className="panel-section-head">
        <h3 id={titleId} className="panel-section-title">
          Saved versions{versions.length > 0 && ` · ${versions.length}`}
        </h3>
        <button
          type="button"
          className="btn btn-ghost panel-small"
          data-testid="versions-refresh"
          onClick={list.refresh}
          disabled={list.status === 'loading' || (list.status === 'ready' && list.refreshing)}
        >
          {list.status === 'ready' && list.refreshing ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
      {list.status === 'loading' && (
        <p className="panel-hint" role="status" data-testid="versions-loading">
          Loading versions…
        </p>
      )}
      {list.status === 'error' && (
        <div className="panel-error" role="alert" data-testid="versions-error">
          Could not load the versions: {list.message}{' '}
          <button type="button" className="btn panel-small" onClick={list.refresh}>
            Try again
          </button>
        </div>
      )}
      {list.status === 'ready' && versions.length === 0 && (
        <p className="panel-hint" data-testid="versions-empty">
          No versions yet.{' '}
          {canEdit
            ? 'Save one at the end of each review cycle to compare the map over time. Ending a presentation saves one too.'
            : 'Editors save one at the end of each review cycle.'}
        </p>
      )}
      {versions.length > 0 && (
        <ol className="version-list" data-testid="version-list">
          {versions.map((version) => (
            <VersionItem
              key={version.id}
              version={version}
              others={versions.filter((v) => v.id !== version.id)}
              now={props.now}
              canEdit={canEdit}
              isOwner={props.isOwner}
              busy={props.comparing === version.id}
              highlighted={props.highlightId === version.id}
              onCompareNow={() => props.onCompareNow(version)}
              onCompareWith={(other) => props.onCompareWith(version, other)}
              onOpen={() => props.onOpen(version)}
              onRestore={() => props.onRestore(version)}
              onDuplicate={() => props.onDuplicate(version)}
            />
          ))}
        </ol>
      )}
    </section>
  );
}
