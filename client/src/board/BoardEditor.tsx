import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { notePerson, type CommentAnchor } from '../../../shared/model/comments.js';
import type { Role } from '../../../shared/protocol/roles.js';
import { renameKnown } from '../boardLinks.js';
import { setName, useIdentity } from '../ui/identity.js';
import { SinceNotice, useMarkLookedOnLeave } from './activity/index.js';
import './board.css';
import { Canvas } from './canvas/Canvas.js';
import { CommentPins, useThreads, useUnread } from './comments/index.js';
import { EmptyBoard } from './EmptyBoard.js';
import { ExportMenu } from './export/index.js';
import { FollowBanners } from './FollowBanners.js';
import { useCheckedBoard, useElementSize, useSessionStatus, useUndoState } from './hooks.js';
import { useStaleAge, useStaleCardIds } from './insights/index.js';
import { useBoardKeyboard } from './keyboard.js';
import { layoutBoard, type GridLayout } from './layout.js';
import { Minimap } from './Minimap.js';
import { CANVAS_OVERLAY, overlayRects } from './overlays.js';
import { BoardNotFound, NoAccess } from './NoAccess.js';
import {
  viewFromLocation,
  writeViewToLocation,
  type BoardView,
  type RightPanel,
} from './panels.js';
import {
  Avatars,
  NameDialog,
  PresenceOverlay,
  useFollow,
  usePresence,
  viewportCentre,
} from './presence/index.js';
import { RightPanels } from './RightPanels.js';
import type { BoardSession } from './session.js';
import { ShareDialog } from './ShareDialog.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { SurveyImportDialog } from './survey/index.js';
import { TableView } from './table/index.js';
import { Toolbar } from './Toolbar.js';
import { TopBar } from './TopBar.js';
import { UnreadableNotice } from './UnreadableNotice.js';
import { abilitiesOf, type Editing, type Tool } from './tools.js';
import { useAddActions } from './useAddActions.js';
import { useViewportControls } from './useViewportControls.js';
import { DiffOverlay, usePresenterAutoSave, type ShownDiff } from './versions/index.js';
import { zoomAt, type Viewport } from './viewport.js';

/** Debugging and test aid: the open board's live objects (no secrets live here). */
declare global {
  interface Window {
    journeyboard?: { session: BoardSession; layout(): GridLayout; viewport(): Viewport };
  }
}

const MINIMAP_KEY = 'journeyboard:minimap';

/** The board editor for one open session: canvas or table, panels, presence and dialogs. */
export function BoardEditor({ session, role }: { session: BoardSession; role: Role }) {
  const { doc } = session;
  // What this link may do; the server enforces it, the page only stops offering the rest.
  const abilities = useMemo(() => abilitiesOf(role), [role]);
  const readOnly = !abilities.edit;
  const [showShare, setShowShare] = useState(false);
  const { board, unreadable } = useCheckedBoard(doc);
  const status = useSessionStatus(session);
  const undoState = useUndoState(session.undo);
  const layout = useMemo(() => layoutBoard(board), [board]);
  const [staleAge] = useStaleAge(session.boardId);
  const staleCardIds = useStaleCardIds(board, staleAge);
  const { ref: canvasRef, size } = useElementSize({ w: 800, h: 600 });
  const [viewport, setViewportRaw] = useState<Viewport>({ x: -40, y: -24, zoom: 1 });
  const [tool, setTool] = useState<Tool>('select');
  const [selection, setSelection] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [showHelp, setShowHelp] = useState(false);
  const [laneMenuOpen, setLaneMenuOpen] = useState(false);
  const [spaceHeld, setSpaceHeld] = useState(false);
  const [minimapOpen, setMinimapOpen] = useState(
    () => localStorage.getItem(MINIMAP_KEY) !== 'hidden',
  );
  useEffect(
    () => localStorage.setItem(MINIMAP_KEY, minimapOpen ? 'shown' : 'hidden'),
    [minimapOpen],
  );

  const identity = useIdentity();
  const me = useMemo(
    () => ({ id: identity.id, name: identity.name, color: identity.color }),
    [identity],
  );
  const [askName, setAskName] = useState(!identity.named);
  const { peers, publish } = usePresence(session.provider.awareness, me);
  const follow = useFollow(peers, size, setViewportRaw);
  const [presentAsked, setPresenting] = useState(false);
  // A read-only link never presents, whatever asked it to.
  const presenting = presentAsked && abilities.present;
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => setNow(Date.now()), [peers]);
  const followRef = useRef(follow);
  followRef.current = follow;
  /** A pan or zoom of mine: it ends follow mode. */
  const setViewport = useCallback((next: Viewport | ((v: Viewport) => Viewport)) => {
    if (followRef.current.followed) followRef.current.stop();
    setViewportRaw(next);
  }, []);
  useEffect(() => publish.viewport(viewportCentre(viewport, size)), [publish, viewport, size]);
  useEffect(() => publish.field('selection', selection), [publish, selection]);
  useEffect(() => publish.field('editing', editing?.id ?? null), [publish, editing]);
  useEffect(
    () => publish.field('following', follow.followed?.user.id ?? null),
    [publish, follow.followed],
  );
  useEffect(() => publish.field('presenting', presenting), [publish, presenting]);
  usePresenterAutoSave(session, presenting, abilities.edit, me.name);

  const [rightPanel, setRightPanel] = useState<RightPanel | null>('details');
  const [view, setViewState] = useState<BoardView>(() => viewFromLocation());
  const setView = useCallback((next: BoardView) => {
    setViewState(next);
    writeViewToLocation(next);
  }, []);
  const [shownDiff, setShownDiff] = useState<ShownDiff | null>(null);
  const [surveyOpen, setSurveyOpen] = useState(false);
  const [draftAnchor, setDraftAnchor] = useState<CommentAnchor | null>(null);
  const [focusThreadId, setFocusThreadId] = useState<string | null>(null);
  const threads = useThreads(session.comments);
  // Everyone who may comment on the board can be @mentioned.
  useEffect(() => {
    if (abilities.comment) notePerson(session.comments, me);
  }, [session.comments, me, abilities.comment]);
  const unread = useUnread(session.boardId, threads, me.id);
  useMarkLookedOnLeave(session, me.id);

  const { zoomToFit, zoomBy, zoomToSelection, focusAnchor, focusItem } = useViewportControls({
    board,
    layout,
    size,
    overlays: () => overlayRects(canvasRef.current),
    viewport,
    editing,
    view,
    selection,
    setSelection,
    setViewport,
    setViewportQuietly: setViewportRaw,
    isFollowing: () => followRef.current.followed !== null,
  });
  const { onAddStage, onAddLane, onAddCard } = useAddActions({
    doc,
    board,
    layout,
    selection,
    setSelection,
    setEditing,
    setLaneMenuOpen,
    readOnly,
  });

  const stateRef = useRef({ layout, viewport });
  stateRef.current = { layout, viewport };
  useEffect(() => {
    window.journeyboard = {
      session,
      layout: () => stateRef.current.layout,
      viewport: () => stateRef.current.viewport,
    };
    return () => {
      delete window.journeyboard;
    };
  }, [session]);

  // Forget selected items that someone deleted.
  useEffect(() => {
    const alive = new Set([
      ...layout.cards.keys(),
      ...board.shapes.map((s) => s.id),
      ...board.stages.map((s) => s.id),
      ...board.lanes.map((l) => l.id),
    ]);
    setSelection((ids) =>
      ids.every((id) => alive.has(id)) ? ids : ids.filter((id) => alive.has(id)),
    );
  }, [layout, board]);

  useEffect(() => {
    document.title = board.meta.title ? `${board.meta.title} · journeyboard` : 'journeyboard';
    // The boards page lists this board under its current title.
    if (board.meta.title) renameKnown(session.boardId, board.meta.title);
  }, [board.meta.title, session.boardId]);

  useBoardKeyboard({
    session,
    board,
    layout,
    selection,
    setSelection,
    editing,
    setEditing,
    setTool,
    setSpaceHeld,
    setShowHelp,
    setViewport,
    zoomBy,
    zoomToFit,
    zoomToSelection,
    onAddCard,
    stopFollowing: () => follow.followed && follow.stop(),
    readOnly,
    tools: abilities.tools,
    view,
    setView,
  });

  if (status.connection === 'denied') {
    return (
      <NoAccess boardId={session.boardId} usedToken={session.token} refusal={status.refusal} />
    );
  }
  if (status.connection === 'not-found') return <BoardNotFound />;

  const loading = !status.localLoaded && !status.synced;
  return (
    <div className="board-page" data-testid="board-page">
      <TopBar
        board={board}
        role={role}
        onShare={() => setShowShare(true)}
        status={status}
        canUndo={undoState.canUndo}
        canRedo={undoState.canRedo}
        onUndo={() => session.undo.undo()}
        onRedo={() => session.undo.redo()}
        zoom={viewport.zoom}
        onZoomIn={() => zoomBy(1)}
        onZoomOut={() => zoomBy(-1)}
        onZoomFit={zoomToFit}
        onZoomReset={() => setViewport((v) => zoomAt(v, 1, size.w / 2, size.h / 2))}
        rightPanel={rightPanel}
        onRightPanel={(panel) => setRightPanel((open) => (open === panel ? null : panel))}
        view={view}
        onView={setView}
        exportMenu={<ExportMenu session={session} board={board} selection={selection} />}
        unreadComments={unread.count}
        onHelp={() => setShowHelp(true)}
        people={
          <Avatars
            me={me}
            peers={peers}
            followingId={follow.followed?.clientId ?? null}
            presenting={presenting}
            canPresent={abilities.present}
            onFollow={(clientId) => (clientId === null ? follow.stop() : follow.follow(clientId))}
            onTogglePresent={() => setPresenting((on) => !on)}
            onRename={() => setAskName(true)}
          />
        }
      />
      <div className="board-body">
        <div className="board-canvas" ref={canvasRef}>
          {loading ? (
            <div className="board-loading" role="status">
              Loading board…
            </div>
          ) : view === 'table' ? (
            <TableView
              doc={doc}
              board={board}
              undo={session.undo}
              readOnly={readOnly}
              selection={selection}
              setSelection={setSelection}
              staleAfterDays={staleAge}
            />
          ) : (
            <Canvas
              doc={doc}
              board={board}
              layout={layout}
              viewport={viewport}
              setViewport={setViewport}
              size={size}
              tool={tool}
              setTool={setTool}
              spaceHeld={spaceHeld}
              selection={selection}
              setSelection={setSelection}
              editing={editing}
              setEditing={setEditing}
              onAddStage={onAddStage}
              onAddLane={() => setLaneMenuOpen(true)}
              onPointer={publish.cursor}
              onComment={(anchor) => {
                if (!abilities.comment) return;
                setDraftAnchor(anchor);
                setRightPanel('comments');
              }}
              readOnly={readOnly}
              staleCardIds={staleCardIds}
            />
          )}
          {!loading && view === 'canvas' && shownDiff && (
            <DiffOverlay
              shown={shownDiff}
              board={board}
              layout={layout}
              viewport={viewport}
              onClose={() => setShownDiff(null)}
            />
          )}
          {!loading && view === 'canvas' && (
            <>
              <CommentPins
                threads={threads}
                layout={layout}
                shapes={board.shapes}
                viewport={viewport}
                unread={unread.unread}
                activeThreadId={focusThreadId}
                showResolved={false}
                onOpen={(threadId) => {
                  setFocusThreadId(threadId);
                  setRightPanel('comments');
                }}
              />
              <PresenceOverlay
                peers={peers}
                layout={layout}
                shapes={board.shapes}
                viewport={viewport}
                now={now}
              />
            </>
          )}
          <UnreadableNotice board={unreadable.length} comments={session.comments} />
          <FollowBanners
            followed={follow.followed}
            onStopFollowing={follow.stop}
            presenting={presenting}
            myColor={me.color}
            onStopPresenting={() => setPresenting(false)}
          />
          {/* Canvas tools; the table view has its own, but an empty map still needs the lane menu. */}
          {(view === 'canvas' || (board.stages.length === 0 && board.lanes.length === 0)) && (
            <Toolbar
              tools={abilities.tools}
              readOnly={readOnly}
              tool={tool}
              setTool={setTool}
              onAddCard={onAddCard}
              onAddStage={onAddStage}
              laneMenuOpen={laneMenuOpen}
              setLaneMenuOpen={setLaneMenuOpen}
              onAddLane={onAddLane}
            />
          )}
          {!loading &&
            board.stages.length === 0 &&
            board.lanes.length === 0 &&
            board.shapes.length === 0 && (
              <EmptyBoard
                readOnly={readOnly}
                onAddStage={onAddStage}
                onAddLane={() => setLaneMenuOpen(true)}
              />
            )}
          {view === 'table' ? null : minimapOpen ? (
            <Minimap
              layout={layout}
              shapes={board.shapes}
              viewport={viewport}
              size={size}
              onNavigate={setViewport}
              onHide={() => setMinimapOpen(false)}
            />
          ) : (
            <button
              className="btn minimap-show"
              {...CANVAS_OVERLAY}
              data-testid="minimap-show"
              onClick={() => setMinimapOpen(true)}
            >
              Map overview
            </button>
          )}
        </div>
        <RightPanels
          open={rightPanel}
          onClose={() => setRightPanel(null)}
          session={session}
          board={board}
          role={role}
          abilities={abilities}
          me={me}
          selection={selection}
          setSelection={setSelection}
          focusItem={focusItem}
          focusAnchor={focusAnchor}
          comments={{
            draftAnchor,
            onDraftDone: () => setDraftAnchor(null),
            focusThreadId,
            onFocusThread: setFocusThreadId,
          }}
          shownDiff={shownDiff}
          onShowDiff={setShownDiff}
          onImportSurvey={() => setSurveyOpen(true)}
        />
      </div>
      {showHelp && <ShortcutsDialog onClose={() => setShowHelp(false)} />}
      <SinceNotice
        session={session}
        meId={me.id}
        panelOpen={rightPanel === 'activity'}
        onOpen={() => setRightPanel('activity')}
      />
      {surveyOpen && (
        <SurveyImportDialog
          session={session}
          onFocusItem={focusItem}
          onClose={() => setSurveyOpen(false)}
        />
      )}
      {showShare && (
        <ShareDialog session={session} role={role} onClose={() => setShowShare(false)} />
      )}
      {askName && (
        <NameDialog
          initial={identity.named ? identity.name : ''}
          onSave={(name) => {
            setName(name);
            setAskName(false);
          }}
          onCancel={() => setAskName(false)}
        />
      )}
    </div>
  );
}
