import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { targetAt } from './gridNav.js';
import { JourneyTable } from './JourneyTable.js';
import {
  addCardAt,
  deleteCardAt,
  discardCard,
  renameAxis,
  shiftCardToStage,
  shiftCardVertically,
  writeCardText,
  type ActionDeps,
  type Outcome,
} from './tableActions.js';
import type { TableEditing } from './tableEditing.js';
import { buildTableGrid, cardById, meanVolume, type TableGrid } from './tableGrid.js';
import { useGridFocus } from './useGridFocus.js';
import { useGridKeyboard } from './useGridKeyboard.js';
import { useCopyEditGuard } from '../links/useCopyEditGuard.js';
import { TrendsContext, useBoardTrends } from '../metrics/trendsContext.js';
import './table.css';

interface TableViewProps {
  doc: Y.Doc;
  board: BoardSnapshot;
  /** The session's undo manager (Ctrl+Z itself is the board's shortcut). */
  undo: Y.UndoManager;
  readOnly: boolean;
  selection: string[];
  setSelection(ids: string[]): void;
  /** Evidence older than this many days marks a card stale (the Insights panel sets it). */
  staleAfterDays: number;
}

/** The board as an accessible, editable HTML table: stages × lanes, cards in the cells. */
export function TableView(props: TableViewProps) {
  const { doc, board, undo, readOnly, selection, setSelection } = props;
  const toasts = useToasts();
  const previousGrid = useRef<TableGrid | undefined>(undefined);
  const grid = useMemo(() => buildTableGrid(board, previousGrid.current), [board]);
  useEffect(() => {
    previousGrid.current = grid;
  }, [grid]);
  const [editing, setEditing, startEditing] = useTableEditing(grid);
  const { rootRef, pos, focusTarget, focusPos, refocus, onFocus } = useGridFocus({
    grid,
    selection,
    setSelection,
    editing: editing !== null,
  });
  const [message, announce] = useAnnouncer();
  const [now] = useState(() => Date.now());
  const mean = useMemo(() => meanVolume(board.cards), [board.cards]);
  const trends = useBoardTrends(board);
  const helpId = useId();

  const live = useRef({ grid, pos, editing, readOnly });
  live.current = { grid, pos, editing, readOnly };

  const actionDeps = (): ActionDeps => ({
    doc,
    undo,
    grid: live.current.grid,
    attempt: toasts.attempt,
  });
  const applyOutcome = (outcome: Outcome | null) => {
    if (!outcome) return;
    announce(outcome.message);
    if (outcome.focusCardId) {
      focusTarget({ stageId: null, laneId: null, cardId: outcome.focusCardId });
    } else if (outcome.focusCell) {
      focusTarget({ ...outcome.focusCell, cardId: null });
    }
  };

  const addCard = useCallback((stageId: string, laneId: string, afterIndex?: number) => {
    const { readOnly: cannot, pos: from, grid: before } = live.current;
    if (cannot) return;
    const outcome = addCardAt(actionDeps(), stageId, laneId, afterIndex);
    applyOutcome(outcome);
    if (outcome?.focusCardId) {
      const returnTo = from ? targetAt(from, before) : { stageId, laneId, cardId: null };
      setEditing({ kind: 'card', id: outcome.focusCardId, isNew: true, returnTo });
      setSelection([outcome.focusCardId]);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  /** Back from an edit: focus returns to the item unless it left for elsewhere (a click). */
  const endEditing = useCallback(
    (backToItem = true) => {
      setEditing(null);
      if (backToItem) refocus();
    },
    [refocus, setEditing],
  );

  const cellHandlers = useMemo(
    () => ({
      onAddCard: (stageId: string, laneId: string) => addCard(stageId, laneId),
      onEdit: (cardId: string) => {
        if (!live.current.readOnly) startEditing({ kind: 'card', id: cardId });
      },
      onCommitText: (cardId: string, text: string, byKey: boolean) => {
        if (cardById(live.current.grid, cardId)?.text !== text)
          writeCardText(actionDeps(), cardId, text);
        endEditing(byKey);
      },
      onCancelEdit: (cardId: string) => {
        const { editing: now } = live.current;
        if (now?.isNew && now.id === cardId) {
          discardCard(actionDeps(), cardId);
          announce('New card discarded');
          if (now.returnTo) focusTarget(now.returnTo);
        }
        endEditing();
      },
    }),
    // Stable for the life of the view (they read `live`), so memoised cells keep skipping.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const onKeyDown = useGridKeyboard({
    grid,
    pos,
    readOnly,
    editing,
    focusPos,
    startEditing,
    addCard,
    deleteCard: (id) => applyOutcome(deleteCardAt(actionDeps(), id)),
    shiftVertically: (id, by) => applyOutcome(shiftCardVertically(actionDeps(), id, by)),
    shiftToStage: (id, by) => applyOutcome(shiftCardToStage(actionDeps(), id, by)),
    announce,
  });

  const rename = (kind: 'stage' | 'lane', id: string, name: string, byKey: boolean) => {
    renameAxis(actionDeps(), kind, id, name);
    endEditing(byKey);
  };

  const announcer = (
    <div className="sr-only" aria-live="polite" data-testid="table-announcer">
      {message}
    </div>
  );
  if (grid.stages.length === 0 && grid.lanes.length === 0) {
    return (
      <div className="table-view" data-testid="table-view" data-board-view="table">
        {announcer}
      </div>
    );
  }

  return (
    <div className="table-view" data-testid="table-view" data-board-view="table">
      <TableHelp id={helpId} readOnly={readOnly} />
      <div className="table-scroll">
        <TrendsContext.Provider value={trends}>
          <JourneyTable
            grid={grid}
            meta={board.meta}
            cards={board.cards}
            pos={pos}
            editing={editing}
            selection={selection}
            readOnly={readOnly}
            meanVolume={mean}
            now={now}
            staleAfterDays={props.staleAfterDays}
            helpId={helpId}
            rootRef={rootRef}
            onKeyDown={onKeyDown}
            onFocus={onFocus}
            cellHandlers={cellHandlers}
            onRename={rename}
            onCancelRename={() => endEditing()}
          />
        </TrendsContext.Provider>
      </div>
      {announcer}
    </div>
  );
}

/**
 * What is open for typing; `startEditing` opens an item unless it is a shared copy, whose text
 * is edited on its origin (W304), and says so instead.
 */
function useTableEditing(grid: TableGrid) {
  const [editing, setEditing] = useState<TableEditing | null>(null);
  const copyGuard = useCopyEditGuard();
  const latestGrid = useRef(grid);
  latestGrid.current = grid;
  const startEditing = useCallback(
    (target: TableEditing) => {
      if (target.kind === 'card' && copyGuard(cardById(latestGrid.current, target.id))) return;
      setEditing(target);
    },
    [copyGuard],
  );
  return [editing, setEditing, startEditing] as const;
}

/** What the screen reader hears; a repeat gets a trailing space so it is announced again. */
function useAnnouncer(): [string, (text: string) => void] {
  const [message, setMessage] = useState('');
  const announce = useCallback(
    (text: string) => setMessage((prev) => (prev === text ? `${text}\u00a0` : text)),
    [],
  );
  return [message, announce];
}

function TableHelp({ id, readOnly }: { id: string; readOnly: boolean }) {
  return (
    <p id={id} className="table-help">
      Arrow keys move between cells and cards
      {readOnly
        ? ''
        : ' · Enter or F2 edits · N adds a card · Delete removes · Alt+arrows move a card'}{' '}
      · ? lists all keys
    </p>
  );
}
