import type { AwarenessUser } from '../../../../shared/protocol/awareness.js';
import { ActivityPanel } from '../activity/index.js';
import { CommentsPanel } from '../comments/index.js';
import { useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';
import { InsightsPanel } from '../insights/index.js';
import { SidePanel } from './SidePanel.js';
import { useViewportCommands } from '../core/useViewportControls.js';
import { VersionsPanel } from '../versions/index.js';

/** The one panel open on the right of the board: details, comments, versions, activity or insights. */
export function RightPanels({ me }: { me: AwarenessUser }) {
  const { session, board, role, abilities } = useOpenBoard();
  const { dispatch } = useEditorStore();
  const open = useEditor((s) => s.panel);
  const selection = useEditor((s) => s.selection);
  const commentDraft = useEditor((s) => s.commentDraft);
  const focusedThread = useEditor((s) => s.focusedThread);
  const shownDiff = useEditor((s) => s.shownDiff);
  const { focusItem, focusAnchor } = useViewportCommands();
  const onClose = () => dispatch({ type: 'closePanel' });
  switch (open) {
    case null:
      return null;
    case 'details':
      return (
        <SidePanel
          doc={session.doc}
          board={board}
          selection={selection}
          onClose={onClose}
          onFocusItem={(id) => dispatch({ type: 'select', ids: [id] })}
          readOnly={!abilities.edit}
        />
      );
    case 'comments':
      return (
        <CommentsPanel
          session={session}
          board={board}
          me={me}
          draftAnchor={commentDraft}
          onDraftDone={() => dispatch({ type: 'draftDone' })}
          focusThreadId={focusedThread}
          onFocusThread={(threadId) => dispatch({ type: 'focusThread', threadId })}
          onFocusAnchor={focusAnchor}
          onClose={onClose}
          canComment={abilities.comment}
        />
      );
    case 'versions':
      return (
        <VersionsPanel
          session={session}
          board={board}
          canEdit={abilities.edit}
          isOwner={role === 'owner'}
          shown={shownDiff}
          onShowDiff={(diff) => dispatch({ type: 'showDiff', diff })}
          onFocusItem={focusItem}
          onClose={onClose}
        />
      );
    case 'activity':
      return (
        <ActivityPanel
          session={session}
          board={board}
          me={me}
          onFocusItem={focusItem}
          onClose={onClose}
        />
      );
    case 'insights':
      return (
        <InsightsPanel
          session={session}
          board={board}
          canEdit={abilities.edit}
          onImportSurvey={() => dispatch({ type: 'openDialog', dialog: 'surveyImport' })}
          onFocusItem={focusItem}
          onClose={onClose}
        />
      );
  }
}
