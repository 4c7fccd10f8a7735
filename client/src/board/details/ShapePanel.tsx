import type * as Y from 'yjs';
import type { BoardSnapshot, Shape } from '../../../../shared/model/schema.js';
import {
  deleteShape,
  setShapeText,
  SHAPE_DEFAULT_COLOR,
  updateShape,
} from '../../../../shared/model/shapes.js';
import { useToasts } from '../../ui/toasts.js';
import { SHAPE_TEXT_LIMIT } from '../core/textLimit.js';
import { CARD_COLORS } from '../core/visuals.js';
import { ColorSwatches, DraftField } from './fields.js';
import { describeItem } from './helpers.js';
import { PictureImg } from '../pictures/index.js';

/** Fills for notes and rectangles; ink colours for text and arrows. */
const FILL_COLORS = [...CARD_COLORS, '#93c5fd'];
const INK_COLORS = ['#1f2937', '#475569', '#4f46e5', '#b91c1c', '#15803d', '#b45309'];

export function ShapePanel(props: {
  doc: Y.Doc;
  board: BoardSnapshot;
  shape: Shape;
  onFocusItem?(id: string): void;
}) {
  const { doc, board, shape, onFocusItem } = props;
  const { attempt } = useToasts();
  const isInk = shape.type === 'text' || shape.type === 'arrow';
  const base = isInk ? INK_COLORS : FILL_COLORS;
  const colors = base.includes(SHAPE_DEFAULT_COLOR[shape.type])
    ? base
    : [SHAPE_DEFAULT_COLOR[shape.type], ...base];

  if (shape.type === 'image')
    return (
      <>
        {shape.image ? (
          <PictureImg imageId={shape.image} alt="Picture on the canvas" />
        ) : (
          <p className="picture-missing">Picture unavailable</p>
        )}
        <div className="panel-actions panel-edit-only">
          <button
            type="button"
            className="btn btn-danger"
            data-testid="panel-delete"
            onClick={() => attempt(() => deleteShape(doc, shape.id))}
          >
            Delete picture
          </button>
        </div>
      </>
    );

  return (
    <>
      {shape.text !== undefined && (
        <DraftField
          label={shape.type === 'arrow' ? 'Label' : 'Text'}
          multiline={shape.type !== 'arrow'}
          rows={shape.type === 'text' ? 2 : 4}
          testId="panel-shape-text"
          value={shape.text}
          limit={SHAPE_TEXT_LIMIT}
          onCommit={(raw) => {
            attempt(() => setShapeText(doc, shape.id, raw));
            return null;
          }}
        />
      )}

      <ColorSwatches
        label={isInk ? 'Colour' : 'Fill'}
        colors={colors}
        value={shape.color}
        onPick={(color) => attempt(() => updateShape(doc, shape.id, { color }))}
        onClear={() =>
          attempt(() => updateShape(doc, shape.id, { color: SHAPE_DEFAULT_COLOR[shape.type] }))
        }
        clearLabel="Default"
      />

      {shape.type === 'arrow' && (
        <dl className="panel-ends">
          {(['from', 'to'] as const).map((end) => {
            const target = shape[end];
            const name = describeItem(board, target);
            return (
              <div key={end} className="panel-end">
                <dt>{end === 'from' ? 'From' : 'To'}</dt>
                <dd>
                  {target && name ? (
                    <>
                      {onFocusItem ? (
                        <button
                          type="button"
                          className="panel-linklike"
                          onClick={() => onFocusItem(target)}
                        >
                          {name}
                        </button>
                      ) : (
                        <span>{name}</span>
                      )}
                      <button
                        type="button"
                        className="btn btn-ghost panel-small"
                        aria-label={`Detach ${end === 'from' ? 'start' : 'end'}`}
                        onClick={() => attempt(() => updateShape(doc, shape.id, { [end]: null }))}
                      >
                        Detach
                      </button>
                    </>
                  ) : (
                    <span className="muted">Not attached</span>
                  )}
                </dd>
              </div>
            );
          })}
        </dl>
      )}

      <div className="panel-actions panel-edit-only">
        <button
          type="button"
          className="btn btn-danger"
          data-testid="panel-delete"
          onClick={() => attempt(() => deleteShape(doc, shape.id))}
        >
          Delete {shape.type === 'note' ? 'note' : shape.type === 'rect' ? 'rectangle' : shape.type}
        </button>
      </div>
    </>
  );
}
