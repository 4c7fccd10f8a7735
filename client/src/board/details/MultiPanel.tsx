import type * as Y from 'yjs';
import type { Card, Lane, Shape, Stage } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { CARD_COLORS } from '../core/visuals.js';
import { colorCards, deleteItems } from './actions.js';
import { ColorSwatches } from './fields.js';
import { plural } from '../../../../shared/model/plural.js';

export function MultiPanel(props: {
  doc: Y.Doc;
  cards: Card[];
  shapes: Shape[];
  stages: Stage[];
  lanes: Lane[];
}) {
  const { doc, cards, shapes, stages, lanes } = props;
  const { attempt } = useToasts();
  const cardIds = cards.map((c) => c.id);
  const shapeIds = shapes.map((s) => s.id);
  // A shared copy takes its colour from its origin (W304): bulk colouring leaves it be.
  const colorable = cards.filter((c) => c.sharedFrom === undefined);
  const colorIds = colorable.map((c) => c.id);
  const copies = cards.length - colorable.length;
  const common = colorable.length && colorable.every((c) => c.color === colorable[0]!.color);
  const parts = [
    cards.length && plural(cards.length, 'card'),
    shapes.length && plural(shapes.length, 'shape'),
    stages.length && plural(stages.length, 'stage'),
    lanes.length && plural(lanes.length, 'lane'),
  ].filter(Boolean);
  const deletable = cardIds.length + shapeIds.length;

  return (
    <>
      <p className="panel-stat" data-testid="panel-multi-count">
        <strong>{parts.join(', ')}</strong> selected
      </p>
      {colorable.length > 0 && (
        <ColorSwatches
          label={shapes.length ? 'Card colour' : 'Colour'}
          colors={CARD_COLORS}
          value={common ? colorable[0]!.color : undefined}
          onPick={(color) => attempt(() => colorCards(doc, colorIds, color))}
          onClear={() => attempt(() => colorCards(doc, colorIds, undefined))}
        />
      )}
      {copies > 0 && (
        <p className="panel-hint panel-edit-only" data-testid="panel-multi-copies">
          {plural(copies, 'shared copy', 'shared copies')}{' '}
          {copies === 1 ? 'keeps its' : 'keep their'} original’s colour.
        </p>
      )}
      {(stages.length > 0 || lanes.length > 0) && (
        <p className="panel-hint panel-edit-only">
          Select a stage or lane on its own to edit or delete it.
        </p>
      )}
      {deletable > 0 && (
        <div className="panel-actions panel-edit-only">
          <button
            type="button"
            className="btn btn-danger"
            data-testid="panel-delete"
            onClick={() => attempt(() => deleteItems(doc, { cards: cardIds, shapes: shapeIds }))}
          >
            Delete{' '}
            {shapes.length === 0
              ? plural(cards.length, 'card')
              : cards.length === 0
                ? plural(shapes.length, 'shape')
                : plural(deletable, 'item')}
          </button>
        </div>
      )}
    </>
  );
}
