import { useMemo, type FocusEvent, type KeyboardEvent, type RefObject } from 'react';
import type { BoardMeta, Card } from '../../../../shared/model/schema.js';
import { MAP_TYPE_LABELS } from '../../ui/mapTypes.js';
import { cellKey } from '../core/layout.js';
import { cellName } from './cardText.js';
import type { GridPos } from './gridNav.js';
import type { TableEditing } from './tableEditing.js';
import { cardsIn, type TableGrid } from './tableGrid.js';
import { TableCell, type CellHandlers } from './TableCell.js';
import { PersonaNames, personaNames } from '../personas/personaNames.js';
import { LaneHeader, StageHeader } from './TableHeaders.js';

interface JourneyTableProps {
  grid: TableGrid;
  meta: BoardMeta;
  cards: readonly Card[];
  /** The grid's tab stop. */
  pos: GridPos | null;
  editing: TableEditing | null;
  selection: readonly string[];
  readOnly: boolean;
  meanVolume: number;
  now: number;
  staleAfterDays: number;
  /** The id of the help line that describes the grid. */
  helpId: string;
  rootRef: RefObject<HTMLTableElement | null>;
  onKeyDown(e: KeyboardEvent<HTMLElement>): void;
  onFocus(e: FocusEvent<HTMLElement>): void;
  /** Stable for the life of the view, so memoised cells skip rendering. */
  cellHandlers: CellHandlers;
  onRename(kind: 'stage' | 'lane', id: string, name: string, byKey: boolean): void;
  onCancelRename(): void;
}

/** The `<table role="grid">`: caption, a header row of stages, a row per lane of card cells. */
export function JourneyTable(props: JourneyTableProps) {
  const { grid, meta, pos, editing, selection, readOnly } = props;
  const names = useMemo(() => personaNames(meta), [meta]);
  const selectedByCell = useMemo(() => {
    const byCell = new Map<string, string[]>();
    for (const id of selection) {
      const place = grid.places.get(id);
      const stage = place && grid.stages[place.col];
      const lane = place && grid.lanes[place.row];
      if (!stage || !lane) continue;
      const key = cellKey(stage.id, lane.id);
      byCell.set(key, [...(byCell.get(key) ?? []), id]);
    }
    return byCell;
  }, [selection, grid]);
  const stageCounts = useMemo(() => {
    const counts = new Map<string, number>();
    for (const card of props.cards) counts.set(card.stageId, (counts.get(card.stageId) ?? 0) + 1);
    return counts;
  }, [props.cards]);
  const editingPlace = editing?.kind === 'card' ? grid.places.get(editing.id) : undefined;
  const isStop = (row: number, col: number) => pos?.row === row && pos.col === col;

  return (
    <PersonaNames.Provider value={names}>
      <table
        ref={props.rootRef}
        role="grid"
        className="journey-table"
        aria-readonly={readOnly || undefined}
        aria-describedby={props.helpId}
        onKeyDown={props.onKeyDown}
        onFocus={props.onFocus}
        data-testid="journey-table"
      >
        <caption>
          <span className="table-caption-title">{meta.title || 'Untitled map'}</span>
          <span className="table-caption-meta">
            {MAP_TYPE_LABELS[meta.mapType]}
            {names ? (
              <> · Personas: {[...names.values()].map((n) => n.label).join(', ')}</>
            ) : (
              meta.persona.name && <> · Persona: {meta.persona.name}</>
            )}
            {meta.scenario && <> · Scenario: {meta.scenario}</>}
          </span>
        </caption>
        <thead>
          <tr>
            <td className="table-corner" />
            {grid.stages.map((stage, col) => (
              <StageHeader
                key={stage.id}
                stage={stage}
                col={col}
                cardCount={stageCounts.get(stage.id) ?? 0}
                tabStop={isStop(-1, col)}
                editing={editing?.kind === 'stage' && editing.id === stage.id}
                selected={selection.includes(stage.id)}
                onRename={(name, byKey) => props.onRename('stage', stage.id, name, byKey)}
                onCancel={props.onCancelRename}
              />
            ))}
          </tr>
        </thead>
        <tbody>
          {grid.lanes.map((lane, row) => (
            <tr key={lane.id} data-kind={lane.kind}>
              <LaneHeader
                lane={lane}
                row={row}
                tabStop={isStop(row, -1)}
                editing={editing?.kind === 'lane' && editing.id === lane.id}
                selected={selection.includes(lane.id)}
                onRename={(name, byKey) => props.onRename('lane', lane.id, name, byKey)}
                onCancel={props.onCancelRename}
              />
              {grid.stages.map((stage, col) => (
                <TableCell
                  key={stage.id}
                  {...props.cellHandlers}
                  stageId={stage.id}
                  laneId={lane.id}
                  laneKind={lane.kind}
                  name={cellName(stage.name, lane.name)}
                  row={row}
                  col={col}
                  cards={cardsIn(grid, stage.id, lane.id)}
                  activeItem={pos && isStop(row, col) ? pos.item : null}
                  selectedIds={selectedByCell.get(cellKey(stage.id, lane.id))?.join(' ') ?? ''}
                  editingId={
                    editing && editingPlace?.row === row && editingPlace.col === col
                      ? editing.id
                      : null
                  }
                  readOnly={readOnly}
                  meanVolume={props.meanVolume}
                  now={props.now}
                  staleAfterDays={props.staleAfterDays}
                />
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </PersonaNames.Provider>
  );
}
