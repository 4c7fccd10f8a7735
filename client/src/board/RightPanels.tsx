import type { CommentAnchor } from '../../../shared/model/comments.js';
import type { BoardSnapshot } from '../../../shared/model/schema.js';
import type { AwarenessUser } from '../../../shared/protocol/awareness.js';
import type { Role } from '../../../shared/protocol/roles.js';
import { ActivityPanel } from './activity/index.js';
import { CommentsPanel } from './comments/index.js';
import { InsightsPanel } from './insights/index.js';
import type { RightPanel } from './panels.js';
import type { BoardSession } from './session.js';
import { SidePanel } from './SidePanel.js';
import type { Abilities } from './tools.js';
import { VersionsPanel, type ShownDiff } from './versions/index.js';

interface RightPanelsProps {
  open: RightPanel | null;
  onClose(): void;
  session: BoardSession;
  board: BoardSnapshot;
  role: Role;
  abilities: Abilities;
  me: AwarenessUser;
  selection: string[];
  setSelection(ids: string[]): void;
  /** Selects an item and brings it into view (canvas or table). */
  focusItem(id: string): void;
  focusAnchor(anchor: CommentAnchor): void;
  comments: {
    draftAnchor: CommentAnchor | null;
    onDraftDone(): void;
    focusThreadId: string | null;
    onFocusThread(id: string | null): void;
  };
  shownDiff: ShownDiff | null;
  onShowDiff(diff: ShownDiff | null): void;
  onImportSurvey(): void;
}

/** The one panel open on the right of the board: details, comments, versions, activity or insights. */
export function RightPanels(props: RightPanelsProps) {
  const { session, board, abilities, onClose, focusItem } = props;
  switch (props.open) {
    case 'details':
      return (
        <SidePanel
          doc={session.doc}
          board={board}
          selection={props.selection}
          onClose={onClose}
          onFocusItem={(id) => props.setSelection([id])}
          readOnly={!abilities.edit}
        />
      );
    case 'comments':
      return (
        <CommentsPanel
          session={session}
          board={board}
          me={props.me}
          draftAnchor={props.comments.draftAnchor}
          onDraftDone={props.comments.onDraftDone}
          focusThreadId={props.comments.focusThreadId}
          onFocusThread={props.comments.onFocusThread}
          onFocusAnchor={props.focusAnchor}
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
          isOwner={props.role === 'owner'}
          shown={props.shownDiff}
          onShowDiff={props.onShowDiff}
          onFocusItem={focusItem}
          onClose={onClose}
        />
      );
    case 'activity':
      return (
        <ActivityPanel
          session={session}
          board={board}
          me={props.me}
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
          onImportSurvey={props.onImportSurvey}
          onFocusItem={focusItem}
          onClose={onClose}
        />
      );
    default:
      return null;
  }
}
