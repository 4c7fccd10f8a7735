import { memo } from 'react';
import type { Card, LaneKind } from '../../../../shared/model/schema.js';
import { plural } from '../../../../shared/model/plural.js';
import { TableCard } from './TableCard.js';

export interface CellHandlers {
  onAddCard(stageId: string, laneId: string): void;
  onEdit(cardId: string): void;
  onCommitText(cardId: string, text: string, byKey: boolean): void;
  onCancelEdit(cardId: string): void;
}

interface TableCellProps extends CellHandlers {
  stageId: string;
  laneId: string;
  laneKind: LaneKind;
  /** "Purchase · Touchpoints" */
  name: string;
  row: number;
  col: number;
  cards: readonly Card[];
  /** Where the grid's tab stop is in this cell: −1 the cell, ≥ 0 a card; null elsewhere. */
  activeItem: number | null;
  /** Ids of this cell's selected cards, joined (a string, so unchanged cells skip rendering). */
  selectedIds: string;
  editingId: string | null;
  readOnly: boolean;
  meanVolume: number;
  now: number;
  staleAfterDays: number;
}

/** One stage × lane cell: its cards as a list, and an add button for those who may edit. */
export const TableCell = memo(function TableCell(props: TableCellProps) {
  const { cards, activeItem, readOnly } = props;
  const selected = props.selectedIds ? new Set(props.selectedIds.split(' ')) : null;
  return (
    <td
      className={`table-cell${activeItem !== null ? ' is-active' : ''}`}
      tabIndex={activeItem === -1 ? 0 : -1}
      data-pos={`${props.row}:${props.col}:-1`}
      data-testid="table-cell"
      data-stage-id={props.stageId}
      data-lane-id={props.laneId}
    >
      {cards.length > 0 ? (
        <ul className="table-cards" aria-label={`${plural(cards.length, 'card')} in ${props.name}`}>
          {cards.map((card, index) => (
            <TableCard
              key={card.id}
              card={card}
              row={props.row}
              col={props.col}
              index={index}
              of={cards.length}
              tabStop={activeItem === index}
              selected={selected?.has(card.id) ?? false}
              editing={props.editingId === card.id}
              emotionLane={props.laneKind === 'emotions'}
              meanVolume={props.meanVolume}
              now={props.now}
              staleAfterDays={props.staleAfterDays}
              onEdit={props.onEdit}
              onCommitText={props.onCommitText}
              onCancelEdit={props.onCancelEdit}
            />
          ))}
        </ul>
      ) : (
        readOnly && <span className="table-empty">No cards</span>
      )}
      {!readOnly && (
        <button
          type="button"
          className="btn btn-ghost table-add"
          tabIndex={activeItem !== null ? 0 : -1}
          aria-label={`Add card in ${props.name}`}
          title="Add a card here (N)"
          data-testid="table-add-card"
          onClick={() => props.onAddCard(props.stageId, props.laneId)}
        >
          + Add card
        </button>
      )}
    </td>
  );
});
