import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { addLane, addStage } from '../../../shared/model/axes.js';
import { addCard } from '../../../shared/model/cards.js';
import type { LaneKind } from '../../../shared/model/schema.js';
import { navigate } from '../router.js';
import { useToasts } from '../ui/toasts.js';
import './board.css';
import { Canvas } from './canvas/Canvas.js';
import { useBoardSnapshot, useSessionStatus, useUndoState } from './hooks.js';
import { useBoardKeyboard } from './keyboard.js';
import { layoutBoard, type GridLayout } from './layout.js';
import { Minimap } from './Minimap.js';
import { BoardSession } from './session.js';
import { ShortcutsDialog } from './ShortcutsDialog.js';
import { SidePanel } from './SidePanel.js';
import { Toolbar } from './Toolbar.js';
import type { Editing, Tool } from './tools.js';
import { boundsOf, fitRect, stepZoom, zoomAt, type Viewport } from './viewport.js';
import { LANE_STYLE } from './visuals.js';
import { TopBar } from './TopBar.js';
import { ShareDialog } from './ShareDialog.js';
import { abilitiesOf } from './tools.js';
import { CommentPins } from './comments/CommentPins.js';
import { CommentsPanel } from './comments/CommentsPanel.js';
import { anchorRect } from './comments/anchors.js';
import { useThreads, useUnread } from './comments/useComments.js';
import { Avatars } from './presence/Avatars.js';
import { NameDialog } from './presence/NameDialog.js';
import { PresenceOverlay } from './presence/PresenceOverlay.js';
import { useFollow, viewportCentre } from './presence/useFollow.js';
import { usePresence } from './presence/usePresence.js';
import { setName, useIdentity } from '../ui/identity.js';
import {
  bestToken,
  knownBoards,
  rememberBoard,
  renameKnown,
  roleOf,
  tokenFromHash,
} from '../boardLinks.js';
import type { Role } from '../../../shared/protocol/roles.js';
import { notePerson, type CommentAnchor } from '../../../shared/model/comments.js';

/** Debugging and test aid: the open board's live objects (no secrets live here). */
declare global {
  interface Window {
    journeyboard?: { session: BoardSession; layout(): GridLayout; viewport(): Viewport };
  }
}

const TOOLBAR_W = 64;
const MINIMAP_KEY = 'journeyboard:minimap';

/** Which link opens this board: the one in the fragment, else the best one this browser kept. */
function linkFor(boardId: string): { token: string; role: Role } | null {
  const fromHash = tokenFromHash(location.hash);
  const role = fromHash ? roleOf(fromHash) : null;
  if (fromHash && role) {
    rememberBoard(boardId, { tokens: { [role]: fromHash } });
    return { token: fromHash, role };
  }
  const known = knownBoards().find((b) => b.id === boardId);
  return known ? bestToken(known.tokens) : null;
}

export function BoardPage({ boardId }: { boardId: string }) {
  const [link] = useState(() => linkFor(boardId));
  const [session, setSession] = useState<BoardSession | null>(null);
  useEffect(() => {
    if (!link) return;
    const opened = new BoardSession(boardId, link.token);
    setSession(opened);
    return () => opened.destroy();
  }, [boardId, link]);
  if (!link) return <NoAccess />;
  if (!session) return null;
  return <BoardEditor session={session} role={link.role} />;
}

/** No link, or (with `boardId` and the `usedToken`) the link the page used was refused. */
function NoAccess({ boardId, usedToken }: { boardId?: string; usedToken?: string }) {
  const replaced = boardId !== undefined && usedToken !== undefined;
  // Another tab of this browser may have replaced the links and kept the new ones (now or a
  // moment later: its answer can arrive after the server closed this page's socket).
  const [newer, setNewer] = useState(() => (replaced ? newerLink(boardId, usedToken) : undefined));
  useEffect(() => {
    if (boardId === undefined || usedToken === undefined) return;
    const onStorage = () => setNewer(newerLink(boardId, usedToken));
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [boardId, usedToken]);
  return (
    <main className="empty-state" data-testid="no-access">
      <h1>{replaced ? 'This link no longer works' : 'You need a link to open this board'}</h1>
      <p>
        {replaced
          ? 'The owner replaced the board’s share links. Ask them for a new one.'
          : 'Boards are private: open the share link someone sent you.'}
      </p>
      {newer && (
        <button
          className="btn"
          data-testid="open-newer-link"
          onClick={() => {
            history.replaceState(null, '', newer);
            location.reload();
          }}
        >
          Open with this browser’s current link
        </button>
      )}
      <button
        className="btn btn-primary"
        data-testid="no-access-home"
        onClick={() => navigate('/')}
      >
        Go to your boards
      </button>
    </main>
  );
}

/** A link this browser now holds for the board, other than the one the page used. */
function newerLink(boardId: string, used: string): string | undefined {
  const tokens = knownBoards().find((b) => b.id === boardId)?.tokens;
  const best = tokens ? bestToken(tokens) : null;
  return best && best.token !== used ? `/b/${boardId}#token=${best.token}` : undefined;
}

function useElementSize() {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ w: 800, h: 600 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(([entry]) => {
      if (entry)
        setSize({
          w: Math.round(entry.contentRect.width),
          h: Math.round(entry.contentRect.height),
        });
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return { ref, size };
}

function BoardEditor({ session, role }: { session: BoardSession; role: Role }) {
  const { doc } = session;
  // What this link may do; the server enforces it, the page only stops offering the rest.
  const abilities = useMemo(() => abilitiesOf(role), [role]);
  const readOnly = !abilities.edit;
  const [showShare, setShowShare] = useState(false);
  const toasts = useToasts();
  const board = useBoardSnapshot(doc);
  const status = useSessionStatus(session);
  const undoState = useUndoState(session.undo);
  const layout = useMemo(() => layoutBoard(board), [board]);
  const { ref: canvasRef, size } = useElementSize();
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
  const fitted = useRef(false);

  const identity = useIdentity();
  const me = useMemo(
    () => ({ id: identity.id, name: identity.name, color: identity.color }),
    [identity],
  );
  const [askName, setAskName] = useState(!identity.named);
  const { peers, publish } = usePresence(session.provider.awareness, me);
  const follow = useFollow(peers, size, setViewportRaw);
  const [presenting, setPresenting] = useState(false);
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

  const [rightPanel, setRightPanel] = useState<'details' | 'comments' | null>('details');
  const [draftAnchor, setDraftAnchor] = useState<CommentAnchor | null>(null);
  const [focusThreadId, setFocusThreadId] = useState<string | null>(null);
  const threads = useThreads(session.comments);
  // Everyone who may comment on the board can be @mentioned.
  useEffect(() => {
    if (abilities.comment) notePerson(session.comments, me);
  }, [session.comments, me, abilities.comment]);
  const unread = useUnread(session.boardId, threads, me.id);

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

  const contentBounds = useCallback(
    () => boundsOf([{ x: 0, y: 0, w: layout.width + 120, h: layout.height + 40 }, ...board.shapes]),
    [layout, board.shapes],
  );
  const fitView = useCallback((): Viewport | null => {
    const bounds = contentBounds();
    if (!bounds) return null;
    // Keep the map clear of the floating toolbar on the left.
    const fit = fitRect(bounds, size.w - TOOLBAR_W, size.h, 32, 1);
    return { ...fit, x: fit.x - TOOLBAR_W / fit.zoom };
  }, [contentBounds, size]);
  const zoomToFit = useCallback(() => {
    const fit = fitView();
    if (fit) setViewport(fit);
  }, [fitView, setViewport]);

  // Show the whole map once the first content arrives (offline copy or server).
  useEffect(() => {
    if (fitted.current || (board.stages.length === 0 && board.shapes.length === 0) || size.w < 50)
      return;
    fitted.current = true;
    const fit = fitView();
    if (fit && !followRef.current.followed) setViewportRaw(fit);
  }, [board, size, fitView]);

  /** Shows a comment's anchor on the canvas. */
  const focusAnchor = useCallback(
    (anchor: CommentAnchor) => {
      const point = anchorRect(anchor, layout, board.shapes);
      if (!point) return;
      setViewport((v) => ({
        ...v,
        x: point.x - size.w / 2 / v.zoom,
        y: point.y - size.h / 2 / v.zoom,
      }));
      if (anchor.kind !== 'point') setSelection([anchor.id]);
    },
    [layout, board.shapes, size, setViewport],
  );

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

  const onAddStage = useCallback(() => {
    if (readOnly) return;
    const id = toasts.attempt(() => addStage(doc, { name: `Stage ${board.stages.length + 1}` }));
    if (id) {
      setSelection([id]);
      setEditing({ kind: 'stage', id });
    }
  }, [doc, board.stages.length, toasts, readOnly]);

  const onAddLane = useCallback(
    (kind: LaneKind) => {
      setLaneMenuOpen(false);
      if (readOnly) return;
      const id = toasts.attempt(() => addLane(doc, { name: LANE_STYLE[kind].label, kind }));
      if (id) {
        setSelection([id]);
        setEditing({ kind: 'lane', id });
      }
    },
    [doc, toasts, readOnly],
  );

  /** A new card after the selected card, or in the first cell of the selected stage/lane, or the first cell. */
  const onAddCard = useCallback(() => {
    if (readOnly) return;
    const selectedCard = selection.map((id) => layout.cards.get(id)).find(Boolean);
    const stageId =
      selectedCard?.card.stageId ??
      selection.find((id) => layout.columns.some((c) => c.id === id)) ??
      layout.columns[0]?.id;
    const laneId =
      selectedCard?.card.laneId ??
      selection.find((id) => layout.rows.some((r) => r.id === id)) ??
      layout.rows.find((r) => r.kind !== 'emotions')?.id;
    if (!stageId || !laneId) {
      toasts.show('Add a stage and a lane first: cards live in a cell of the grid.', 'error');
      return;
    }
    const index = selectedCard ? selectedCard.index + 1 : undefined;
    const id = toasts.attempt(() => addCard(doc, { stageId, laneId, index }));
    if (id) {
      setSelection([id]);
      setEditing({ kind: 'card', id });
    }
  }, [doc, layout, selection, toasts, readOnly]);

  const zoomBy = useCallback(
    (direction: 1 | -1) =>
      setViewport((v) => zoomAt(v, stepZoom(v.zoom, direction), size.w / 2, size.h / 2)),
    [size, setViewport],
  );
  const zoomToSelection = useCallback(() => {
    const rects = selection
      .map((id) => layout.cards.get(id) ?? board.shapes.find((s) => s.id === id))
      .filter((r) => r !== undefined);
    const bounds = boundsOf(rects);
    if (bounds) setViewport(fitRect(bounds, size.w, size.h, 80, 2));
  }, [selection, layout, board.shapes, size, setViewport]);

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
  });

  if (status.connection === 'denied') {
    return <NoAccess boardId={session.boardId} usedToken={session.token} />;
  }
  if (status.connection === 'not-found') {
    return (
      <main className="empty-state">
        <h1>This board does not exist</h1>
        <p>It may have been deleted, or the link is wrong.</p>
        <button className="btn btn-primary" onClick={() => navigate('/')}>
          Go to your boards
        </button>
      </main>
    );
  }

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
        unreadComments={unread.count}
        onHelp={() => setShowHelp(true)}
        people={
          <Avatars
            me={me}
            peers={peers}
            followingId={follow.followed?.clientId ?? null}
            presenting={presenting}
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
            />
          )}
          {!loading && (
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
          {follow.followed && (
            <div
              className="follow-banner"
              style={{ background: follow.followed.user.color }}
              data-testid="follow-banner"
            >
              {follow.followed.presenting
                ? `${follow.followed.user.name} is presenting — you are following`
                : `Following ${follow.followed.user.name}`}
              <button className="btn" onClick={follow.stop} data-testid="stop-following">
                Stop following
              </button>
            </div>
          )}
          {presenting && (
            <div className="follow-banner" style={{ background: me.color }}>
              You are presenting: everyone follows your view
              <button className="btn" onClick={() => setPresenting(false)}>
                Stop
              </button>
            </div>
          )}
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
          {!loading &&
            board.stages.length === 0 &&
            board.lanes.length === 0 &&
            board.shapes.length === 0 && (
              <div className="board-empty">
                <h2>An empty map</h2>
                {readOnly ? (
                  <p>Nothing is mapped yet. Changes others make show up here as they happen.</p>
                ) : (
                  <p>
                    Add stages (columns) for the phases of the journey and lanes (rows) for what you
                    map in each.
                  </p>
                )}
                {!readOnly && (
                  <div className="board-empty-actions">
                    <button className="btn btn-primary" onClick={onAddStage}>
                      Add a stage
                    </button>
                    <button className="btn" onClick={() => setLaneMenuOpen(true)}>
                      Add a lane
                    </button>
                  </div>
                )}
              </div>
            )}
          {minimapOpen ? (
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
              data-testid="minimap-show"
              onClick={() => setMinimapOpen(true)}
            >
              Map overview
            </button>
          )}
        </div>
        {rightPanel === 'details' && (
          <SidePanel
            doc={doc}
            board={board}
            selection={selection}
            onClose={() => setRightPanel(null)}
            onFocusItem={(id) => setSelection([id])}
            readOnly={readOnly}
          />
        )}
        {rightPanel === 'comments' && (
          <CommentsPanel
            session={session}
            board={board}
            me={me}
            draftAnchor={draftAnchor}
            onDraftDone={() => setDraftAnchor(null)}
            focusThreadId={focusThreadId}
            onFocusThread={setFocusThreadId}
            onFocusAnchor={focusAnchor}
            onClose={() => setRightPanel(null)}
            canComment={abilities.comment}
          />
        )}
      </div>
      {showHelp && <ShortcutsDialog onClose={() => setShowHelp(false)} />}
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
