import { useEffect, useMemo, useState, type RefObject } from 'react';
import { notePerson } from '../../../../shared/model/comments.js';
import type { Role } from '../../../../shared/protocol/roles.js';
import { useIdentity } from '../../ui/identity.js';
import { SinceNotice, useMarkLookedOnLeave } from '../activity/index.js';
import './board.css';
import { CanvasControls, CanvasOverlays, MapArea } from './CanvasArea.js';
import { CardDeepLink } from './CardDeepLink.js';
import { useThreads, useUnread } from '../comments/index.js';
import { createEditorStore } from '../core/editorStore.js';
import { EditorStoreProvider, useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import { OpenBoardProvider, useOpenBoard, useOpenBoardState } from '../core/openBoard.js';
import { EditorDialogs } from './EditorDialogs.js';
import { openingEditorState, useEditorEffects } from './editorEffects.js';
import { ExportMenu } from '../export/index.js';
import { FollowBanners } from './FollowBanners.js';
import { useSessionStatus } from '../core/hooks.js';
import { useBoardKeyboard } from '../keyboard/keyboard.js';
import { BoardNotFound, NoAccess } from './NoAccess.js';
import { Avatars } from '../presence/index.js';
import { ReviewBanners } from '../reviews/index.js';
import { VoteBar, VoteProvider } from '../votes/index.js';
import { RightPanels } from './RightPanels.js';
import type { BoardSession } from '../core/session.js';
import { TopBar } from './TopBar.js';
import { UnreadableNotice } from './UnreadableNotice.js';
import { useEditorPresence } from './useEditorPresence.js';
import { useRevealAboveSheet } from './useRevealAboveSheet.js';
import { useVisualHeight } from './useVisualHeight.js';
import { useViewportEffects } from '../core/useViewportControls.js';
import { usePresenterAutoSave } from '../versions/index.js';
import { useThreadDeepLink } from '../../inbox/useThreadDeepLink.js';
import { SummonNotice, useSummoned } from '../workshop/index.js';
import { useLinkSync } from '../links/linkStore.js';

/**
 * The board editor for one open session: the editor store (selection, view, tool, panels,
 * dialogs) and the board read from the session's doc, provided to the layout below.
 */
export function BoardEditor({ session, role }: { session: BoardSession; role: Role }) {
  const [store] = useState(() => createEditorStore(openingEditorState()));
  const { open, unreadable, canvasRef } = useOpenBoardState(session, role);
  return (
    <EditorStoreProvider store={store}>
      <OpenBoardProvider value={open}>
        <EditorLayout canvasRef={canvasRef} unreadable={unreadable.length} />
      </OpenBoardProvider>
    </EditorStoreProvider>
  );
}

/** The page: top bar, canvas or table with what floats over it, the right panel, dialogs. */
function EditorLayout(props: {
  canvasRef: RefObject<HTMLDivElement | null>;
  /** How many parts of the board this version could not read. */
  unreadable: number;
}) {
  const { session, abilities, board } = useOpenBoard();
  useLinkSync(board, session.boardId, session.token);
  const { dispatch } = useEditorStore();
  const view = useEditor((s) => s.view);
  const panel = useEditor((s) => s.panel);
  const selection = useEditor((s) => s.selection);
  const status = useSessionStatus(session);
  const identity = useIdentity();
  const me = useMemo(
    () => ({ id: identity.id, name: identity.name, color: identity.color }),
    [identity],
  );
  const { peers, presence, publish, follow, presenting, isFollowing, stopFollowing } =
    useEditorPresence(me);
  const summoned = useSummoned(peers, stopFollowing);
  const threads = useThreads(session.comments);
  // Everyone who may comment on the board can be @mentioned.
  useEffect(() => {
    if (abilities.comment) notePerson(session.comments, me);
  }, [session.comments, me, abilities.comment]);
  const unread = useUnread(session.boardId, threads, me.id);
  useRevealAboveSheet(threads);
  useMarkLookedOnLeave(session, me.id);
  usePresenterAutoSave(session, presenting, abilities.edit, me.name);
  useViewportEffects(isFollowing);
  useEditorEffects();
  useVisualHeight();
  useBoardKeyboard({ stopFollowing });
  useThreadDeepLink(session.boardId);

  if (status.connection === 'denied') {
    return (
      <NoAccess boardId={session.boardId} usedToken={session.token} refusal={status.refusal} />
    );
  }
  if (status.connection === 'not-found') return <BoardNotFound />;

  const loading = !status.localLoaded && !status.synced;
  return (
    <VoteProvider>
      <div className="board-page" data-testid="board-page">
        <TopBar
          status={status}
          unreadComments={unread.count}
          exportMenu={<ExportMenu session={session} board={board} selection={selection} />}
          people={
            <Avatars
              me={me}
              peers={peers}
              followingId={follow.followed?.clientId ?? null}
              presenting={presenting}
              canPresent={abilities.present}
              onFollow={(clientId) => (clientId === null ? follow.stop() : follow.follow(clientId))}
              onTogglePresent={() => dispatch({ type: 'togglePresenting' })}
              onRename={() => dispatch({ type: 'openDialog', dialog: 'name' })}
            />
          }
        />
        <ReviewBanners threads={threads} />
        <VoteBar />
        <div className="board-body">
          <div className="board-canvas" ref={props.canvasRef}>
            <MapArea loading={loading} onPointer={publish.cursor} />
            {!loading && <CardDeepLink />}
            {!loading && view === 'canvas' && (
              <CanvasOverlays
                threads={threads}
                unread={unread.unread}
                peers={peers}
                presence={presence}
              />
            )}
            <UnreadableNotice board={props.unreadable} comments={session.comments} />
            <FollowBanners
              followed={follow.followed}
              onStopFollowing={follow.stop}
              presenting={presenting}
              myColor={me.color}
              onStopPresenting={() => dispatch({ type: 'setPresenting', on: false })}
            />
            <SummonNotice
              notice={summoned.notice}
              onGoBack={summoned.goBack}
              onDismiss={summoned.dismiss}
            />
            <CanvasControls loading={loading} />
          </div>
          <RightPanels me={me} />
        </div>
        <SinceNotice
          session={session}
          meId={me.id}
          panelOpen={panel === 'activity'}
          onOpen={() => dispatch({ type: 'openPanel', panel: 'activity' })}
        />
        <EditorDialogs />
      </div>
    </VoteProvider>
  );
}
