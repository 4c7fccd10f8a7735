import { useCallback, useDeferredValue, useMemo } from 'react';
import type { CommentThread } from '../../../../shared/model/comments.js';
import { Canvas } from '../canvas/Canvas.js';
import { CommentPins } from '../comments/CommentPins.js';
import { useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';
import { EmptyBoard } from './EmptyBoard.js';
import { useStaleAge, useStaleCardIds } from '../insights/staleAge.js';
import { Minimap } from './Minimap.js';
import { CANVAS_OVERLAY } from '../core/overlays.js';
import { CursorLayer, PresenceOverlay, type Peer, type PresenceStore } from '../presence/index.js';
import { TableView } from '../table/TableView.js';
import { Toolbar } from './Toolbar.js';
import { PictureInput } from '../pictures/index.js';
import { useAddActions } from '../core/useAddActions.js';
import { DiffOverlay } from '../versions/DiffOverlay.js';
import { useCursorsHidden } from '../workshop/index.js';
import { VoteDots } from '../votes/index.js';

/**
 * The map itself: the canvas (with a version's changes over it when one is shown) or the
 * table view of the same map, or a loading note until the board first arrives.
 */
export function MapArea(props: {
  loading: boolean;
  /** My pointer on the canvas, for live cursors. */
  onPointer(point: { x: number; y: number } | null): void;
}) {
  const { session, board, layout, size, abilities } = useOpenBoard();
  const { dispatch } = useEditorStore();
  const view = useEditor((s) => s.view);
  const selection = useEditor((s) => s.selection);
  const viewport = useEditor((s) => s.viewport);
  const shownDiff = useEditor((s) => s.shownDiff);
  const [staleAge] = useStaleAge(session.boardId);
  const staleCardIds = useStaleCardIds(board, staleAge);
  const setSelection = useCallback(
    (ids: string[]) => dispatch({ type: 'select', ids }),
    [dispatch],
  );

  if (props.loading)
    return (
      <div className="board-loading" role="status">
        Loading board…
      </div>
    );
  if (view === 'table')
    return (
      <TableView
        doc={session.doc}
        board={board}
        undo={session.undo}
        readOnly={!abilities.edit}
        selection={selection}
        setSelection={setSelection}
        staleAfterDays={staleAge}
      />
    );
  return (
    <>
      <Canvas
        doc={session.doc}
        board={board}
        layout={layout}
        size={size}
        readOnly={!abilities.edit}
        canComment={abilities.comment}
        onPointer={props.onPointer}
        staleCardIds={staleCardIds}
      />
      <PictureInput />
      {shownDiff && (
        <DiffOverlay
          shown={shownDiff}
          board={board}
          layout={layout}
          viewport={viewport}
          onClose={() => dispatch({ type: 'showDiff', diff: null })}
        />
      )}
    </>
  );
}

/**
 * What floats over the canvas and moves with it: comment pins, others' selections and their
 * cursors (a layer of their own that moves without React).
 */
export function CanvasOverlays(props: {
  threads: CommentThread[];
  unread: ReadonlySet<string>;
  peers: Peer[];
  presence: PresenceStore;
}) {
  const { board, layout, session, size } = useOpenBoard();
  const { dispatch } = useEditorStore();
  const viewport = useEditor((s) => s.viewport);
  const cursorsHidden = useCursorsHidden(session.doc);
  const focusedThread = useEditor((s) => s.focusedThread);
  return (
    <>
      <CommentPins
        threads={props.threads}
        layout={layout}
        shapes={board.shapes}
        viewport={viewport}
        unread={props.unread}
        activeThreadId={focusedThread}
        showResolved={false}
        onOpen={(threadId) => dispatch({ type: 'openThread', threadId })}
      />
      <VoteDots />
      <PresenceOverlay
        peers={props.peers}
        layout={layout}
        shapes={board.shapes}
        viewport={viewport}
      />
      <CursorLayer store={props.presence} size={size} hidden={cursorsHidden} />
    </>
  );
}

/** The controls over the canvas: the tool palette, the empty map's first steps, the minimap. */
export function CanvasControls({ loading }: { loading: boolean }) {
  const { session, board, layout, abilities } = useOpenBoard();
  const { dispatch } = useEditorStore();
  const view = useEditor((s) => s.view);
  const readOnly = !abilities.edit;
  const { onAddStage } = useAddActions({ doc: session.doc, board, layout, readOnly });
  const empty = board.stages.length === 0 && board.lanes.length === 0;
  return (
    <>
      {/* Canvas tools; the table view has its own, but an empty map still needs the lane menu. */}
      {(view === 'canvas' || empty) && <Toolbar />}
      {!loading && empty && board.shapes.length === 0 && (
        <EmptyBoard
          readOnly={readOnly}
          onAddStage={onAddStage}
          onAddLane={() => dispatch({ type: 'setLaneMenu', open: true })}
        />
      )}
      {view === 'canvas' && <MinimapControl />}
    </>
  );
}

/** The minimap, or the button that brings it back once hidden. */
function MinimapControl() {
  const { board, layout, size } = useOpenBoard();
  // The overview follows the map a render later: drawing 5,000 cards into its bitmap is kept
  // out of the frame that first shows them (issue 19).
  const map = useMemo(() => ({ layout, shapes: board.shapes }), [layout, board.shapes]);
  const drawn = useDeferredValue(map);
  const { dispatch } = useEditorStore();
  const viewport = useEditor((s) => s.viewport);
  const minimapOpen = useEditor((s) => s.minimapOpen);
  return minimapOpen ? (
    <Minimap
      layout={drawn.layout}
      shapes={drawn.shapes}
      viewport={viewport}
      size={size}
      onNavigate={(next) => dispatch({ type: 'setViewport', viewport: next })}
      onHide={() => dispatch({ type: 'setMinimap', open: false })}
    />
  ) : (
    <button
      className="btn minimap-show"
      {...CANVAS_OVERLAY}
      data-testid="minimap-show"
      onClick={() => dispatch({ type: 'setMinimap', open: true })}
    >
      Map overview
    </button>
  );
}
