import { useEffect, useState } from 'react';
import type { BoardJson } from '../../../../shared/model/json.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { errorMessage } from '../../ui/errors.js';
import { useIdentity } from '../../ui/identity.js';
import { PanelShell } from '../../ui/PanelShell.js';
import { useToasts } from '../../ui/toasts.js';
import { useNow } from '../../ui/useNow.js';
import type { BoardSession } from '../core/session.js';
import { ReviewHistory } from '../reviews/index.js';
import { ChangeList } from './ChangeList.js';
import { SavedVersions } from './SavedVersions.js';
import { SaveVersionForm } from './SaveVersionForm.js';
import { useResolvedDiff, type ShownDiff } from './shownDiff.js';
import { useVersionContent, useVersionList, versionDoc } from './useVersions.js';
import { DuplicateDialog, RestoreDialog } from './VersionDialogs.js';
import { VersionViewer } from './VersionViewer.js';
import { versionsApi, type Version } from './versionsApi.js';
import './versions.css';

interface VersionsPanelProps {
  session: BoardSession;
  board: BoardSnapshot;
  canEdit: boolean;
  isOwner: boolean;
  /** The comparison on show (shared with the canvas overlay), if any. */
  shown: ShownDiff | null;
  onShowDiff(diff: ShownDiff | null): void;
  onFocusItem(id: string): void;
  onClose(): void;
}

/** Named versions per review cycle: save, list, open, restore, duplicate, compare. */
export function VersionsPanel(props: VersionsPanelProps) {
  const { session, board, canEdit, isOwner, shown, onShowDiff } = props;
  const list = useVersionList(session);
  const loadContent = useVersionContent(session);
  const identity = useIdentity();
  const toasts = useToasts();
  const now = useNow();
  const diff = useResolvedDiff(shown, board);
  const [comparing, setComparing] = useState<string | null>(null);
  const [highlightId, setHighlightId] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<Version | null>(null);
  const [duplicating, setDuplicating] = useState<Version | null>(null);
  const [viewing, setViewing] = useState<{ version: Version; board: BoardJson } | null>(null);

  // A highlight says "this one is new"; it fades after a while.
  useEffect(() => {
    if (!highlightId) return;
    const timer = setTimeout(() => setHighlightId(null), 8000);
    return () => clearTimeout(timer);
  }, [highlightId]);

  const compareWithNow = async (version: Version) => {
    setComparing(version.id);
    try {
      const { doc, snapshot } = versionDoc(await loadContent(version.id));
      doc.destroy();
      onShowDiff({ live: true, base: snapshot, fromLabel: version.label, toLabel: 'Now' });
    } catch (err) {
      toasts.show(`Could not compare with “${version.label}”: ${errorMessage(err)}`, 'error');
    } finally {
      setComparing(null);
    }
  };

  const compareBetween = async (a: Version, b: Version) => {
    const [older, newer] = a.createdAt <= b.createdAt ? [a, b] : [b, a];
    setComparing(a.id);
    try {
      const answer = await versionsApi.diff(session.boardId, older.id, newer.id, session.token);
      onShowDiff({ live: false, diff: answer, fromLabel: older.label, toLabel: newer.label });
    } catch (err) {
      toasts.show(`Could not compare the versions: ${errorMessage(err)}`, 'error');
    } finally {
      setComparing(null);
    }
  };

  const open = async (version: Version) => {
    try {
      setViewing({ version, board: await loadContent(version.id) });
    } catch (err) {
      toasts.show(`Could not open “${version.label}”: ${errorMessage(err)}`, 'error');
    }
  };

  let body;
  if (shown && diff) {
    body = (
      <ChangeList
        shown={shown}
        diff={diff}
        onFocusItem={props.onFocusItem}
        onBack={() => onShowDiff(null)}
      />
    );
  } else {
    body = (
      <>
        {canEdit && (
          <SaveVersionForm
            session={session}
            author={identity.name}
            onSaved={(v) => setHighlightId(v.id)}
          />
        )}
        <SavedVersions
          list={list}
          now={now}
          canEdit={canEdit}
          isOwner={isOwner}
          comparing={comparing}
          highlightId={highlightId}
          onCompareNow={(version) => void compareWithNow(version)}
          onCompareWith={(version, other) => void compareBetween(version, other)}
          onOpen={(version) => void open(version)}
          onRestore={setRestoring}
          onDuplicate={setDuplicating}
        />
        <ReviewHistory
          boardId={session.boardId}
          onOpenVersion={(id) => {
            const version = list.status === 'ready' && list.versions.find((v) => v.id === id);
            if (version) void open(version);
            else toasts.show('That version is not in the list yet: try again in a moment', 'info');
          }}
        />
      </>
    );
  }

  return (
    <PanelShell
      title={shown ? 'Comparison' : 'Versions'}
      testId="versions-panel"
      onClose={props.onClose}
      closeLabel="Close versions panel"
      closeTestId="versions-close"
      dialogs={
        <>
          {restoring && (
            <RestoreDialog
              session={session}
              version={restoring}
              author={identity.name}
              onClose={() => setRestoring(null)}
              onRestored={(backup) => {
                setRestoring(null);
                if (backup) setHighlightId(backup.id);
              }}
            />
          )}
          {duplicating && (
            <DuplicateDialog
              session={session}
              version={duplicating}
              boardTitle={board.meta.title}
              boardMapType={board.meta.mapType}
              onClose={() => setDuplicating(null)}
            />
          )}
          {viewing && (
            <VersionViewer
              version={viewing.version}
              board={viewing.board}
              onClose={() => setViewing(null)}
            />
          )}
        </>
      }
    >
      {body}
    </PanelShell>
  );
}
