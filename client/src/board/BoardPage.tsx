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

/** Debugging and test aid: the open board's live objects (no secrets live here). */
declare global {
  interface Window {
    journeyboard?: { session: BoardSession; layout(): GridLayout; viewport(): Viewport };
  }
}

const TOOLBAR_W = 64;
const MINIMAP_KEY = 'journeyboard:minimap';

export function BoardPage({ boardId }: { boardId: string }) {
  const [session, setSession] = useState<BoardSession | null>(null);
  useEffect(() => {
    const opened = new BoardSession(boardId);
    setSession(opened);
    return () => opened.destroy();
  }, [boardId]);
  if (!session) return null;
  return <BoardEditor session={session} />;
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

function BoardEditor({ session }: { session: BoardSession }) {
  const { doc } = session;
  const toasts = useToasts();
  const board = useBoardSnapshot(doc);
  const status = useSessionStatus(session);
  const undoState = useUndoState(session.undo);
  const layout = useMemo(() => layoutBoard(board), [board]);
  const { ref: canvasRef, size } = useElementSize();
  const [viewport, setViewport] = useState<Viewport>({ x: -40, y: -24, zoom: 1 });
  const [tool, setTool] = useState<Tool>('select');
  const [selection, setSelection] = useState<string[]>([]);
  const [editing, setEditing] = useState<Editing | null>(null);
  const [panelOpen, setPanelOpen] = useState(true);
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
  const zoomToFit = useCallback(() => {
    const bounds = contentBounds();
    if (!bounds) return;
    // Keep the map clear of the floating toolbar on the left.
    const fit = fitRect(bounds, size.w - TOOLBAR_W, size.h, 32, 1);
    setViewport({ ...fit, x: fit.x - TOOLBAR_W / fit.zoom });
  }, [contentBounds, size]);

  // Show the whole map once the first content arrives (offline copy or server).
  useEffect(() => {
    if (fitted.current || (board.stages.length === 0 && board.shapes.length === 0) || size.w < 50)
      return;
    fitted.current = true;
    zoomToFit();
  }, [board, size, zoomToFit]);

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
  }, [board.meta.title]);

  const onAddStage = useCallback(() => {
    const id = toasts.attempt(() => addStage(doc, { name: `Stage ${board.stages.length + 1}` }));
    if (id) {
      setSelection([id]);
      setEditing({ kind: 'stage', id });
    }
  }, [doc, board.stages.length, toasts]);

  const onAddLane = useCallback(
    (kind: LaneKind) => {
      setLaneMenuOpen(false);
      const id = toasts.attempt(() => addLane(doc, { name: LANE_STYLE[kind].label, kind }));
      if (id) {
        setSelection([id]);
        setEditing({ kind: 'lane', id });
      }
    },
    [doc, toasts],
  );

  /** A new card after the selected card, or in the first cell of the selected stage/lane, or the first cell. */
  const onAddCard = useCallback(() => {
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
  }, [doc, layout, selection, toasts]);

  const zoomBy = useCallback(
    (direction: 1 | -1) =>
      setViewport((v) => zoomAt(v, stepZoom(v.zoom, direction), size.w / 2, size.h / 2)),
    [size],
  );
  const zoomToSelection = useCallback(() => {
    const rects = selection
      .map((id) => layout.cards.get(id) ?? board.shapes.find((s) => s.id === id))
      .filter((r) => r !== undefined);
    const bounds = boundsOf(rects);
    if (bounds) setViewport(fitRect(bounds, size.w, size.h, 80, 2));
  }, [selection, layout, board.shapes, size]);

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
  });

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
        panelOpen={panelOpen}
        onTogglePanel={() => setPanelOpen((open) => !open)}
        onHelp={() => setShowHelp(true)}
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
            />
          )}
          <Toolbar
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
                <p>
                  Add stages (columns) for the phases of the journey and lanes (rows) for what you
                  map in each.
                </p>
                <div className="board-empty-actions">
                  <button className="btn btn-primary" onClick={onAddStage}>
                    Add a stage
                  </button>
                  <button className="btn" onClick={() => setLaneMenuOpen(true)}>
                    Add a lane
                  </button>
                </div>
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
        {panelOpen && (
          <SidePanel
            doc={doc}
            board={board}
            selection={selection}
            onClose={() => setPanelOpen(false)}
            onFocusItem={(id) => {
              setSelection([id]);
            }}
          />
        )}
      </div>
      {showHelp && <ShortcutsDialog onClose={() => setShowHelp(false)} />}
    </div>
  );
}
