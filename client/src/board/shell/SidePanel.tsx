import { useMemo } from 'react';
import type * as Y from 'yjs';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { teamsOf } from '../../../../shared/model/handoffs.js';
import {
  BoardPanel,
  CardPanel,
  LanePanel,
  MultiPanel,
  PanelReadOnly,
  resolveSelection,
  ShapePanel,
  SHAPE_LABEL,
  StagePanel,
  type PanelSelection,
} from '../details/index.js';
import { LANE_STYLE } from '../core/visuals.js';
import { trendsByCard } from '../metrics/trends.js';
import { PanelShell } from '../../ui/PanelShell.js';

export interface SidePanelProps {
  doc: Y.Doc;
  board: BoardSnapshot;
  /** Selected ids: cards, shapes, stages or lanes (unknown ids are ignored). */
  selection: readonly string[];
  onClose(): void;
  /** Bring an item into view and select it (used for an arrow's ends). */
  onFocusItem?(id: string): void;
  /** The link may not change the map: every field is shown, none can be changed. */
  readOnly?: boolean;
}

function heading(sel: PanelSelection): string {
  switch (sel.kind) {
    case 'board':
      return 'Board';
    case 'card':
      return sel.lane ? `${LANE_STYLE[sel.lane.kind].label} card` : 'Card';
    case 'stage':
      return 'Stage';
    case 'lane':
      return 'Lane';
    case 'shape':
      return SHAPE_LABEL[sel.shape.type];
    case 'multi':
      return 'Selection';
  }
}

/**
 * The right-hand details panel: the fields of the selected card, stage, lane or shape, bulk
 * actions for several cards, or the board's own details when nothing is selected. Every write
 * goes through shared/model and errors become toasts.
 */
export function SidePanel(props: SidePanelProps) {
  const { doc, board, selection, onClose, onFocusItem, readOnly = false } = props;
  const sel = useMemo(() => resolveSelection(board, selection), [board, selection]);
  const meanVolume = useMemo(() => {
    const volumes = board.cards.flatMap((c) =>
      c.metrics.volume === undefined ? [] : [c.metrics.volume],
    );
    return volumes.length ? volumes.reduce((a, b) => a + b, 0) / volumes.length : 0;
  }, [board.cards]);
  const teams = useMemo(() => teamsOf(board.cards), [board.cards]);

  let body;
  switch (sel.kind) {
    case 'board':
      body = <BoardPanel doc={doc} board={board} />;
      break;
    case 'card':
      body = (
        <CardPanel
          key={sel.card.id}
          doc={doc}
          card={sel.card}
          stage={sel.stage}
          lane={sel.lane}
          meta={board.meta}
          meanVolume={meanVolume}
          teams={teams}
          trends={trendsByCard(board.metricSeries, board.meta.cesMethod).get(sel.card.id)}
        />
      );
      break;
    case 'stage':
      body = (
        <StagePanel key={sel.stage.id} doc={doc} stage={sel.stage} cardCount={sel.cardCount} />
      );
      break;
    case 'lane':
      body = <LanePanel key={sel.lane.id} doc={doc} lane={sel.lane} cardCount={sel.cardCount} />;
      break;
    case 'shape':
      body = (
        <ShapePanel
          key={sel.shape.id}
          doc={doc}
          board={board}
          shape={sel.shape}
          onFocusItem={onFocusItem}
        />
      );
      break;
    case 'multi':
      body = (
        <MultiPanel
          doc={doc}
          cards={sel.cards}
          shapes={sel.shapes}
          stages={sel.stages}
          lanes={sel.lanes}
        />
      );
      break;
  }

  return (
    <PanelShell
      title={heading(sel)}
      testId="side-panel"
      data-readonly={readOnly ? 'true' : undefined}
      data-panel-kind={sel.kind}
      onClose={onClose}
      closeLabel="Close details panel"
      closeTestId="panel-close"
    >
      {readOnly ? (
        // One switch for every field and button of every panel kind; read-only styling and
        // no edit-only controls (details.css).
        <fieldset disabled className="panel-fieldset" data-testid="side-panel-readonly">
          <PanelReadOnly.Provider value>{body}</PanelReadOnly.Provider>
        </fieldset>
      ) : (
        body
      )}
    </PanelShell>
  );
}
