import type Konva from 'konva';
import { useEffect, useRef, type RefObject } from 'react';
import type * as Y from 'yjs';
import { updateShape } from '../../../../shared/model/shapes.js';
import type { Shape } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { itemOf } from './useStageGestures.js';

/**
 * Resize handles on a single selected box shape (not an arrow, not on a read-only link); the
 * new size is written when the handle is let go.
 */
export function useShapeResize(
  doc: Y.Doc,
  stageRef: RefObject<Konva.Stage | null>,
  selection: readonly string[],
  shapesById: ReadonlyMap<string, Shape>,
  readOnly: boolean,
) {
  const toasts = useToasts();
  const transformerRef = useRef<Konva.Transformer>(null);

  useEffect(() => {
    const transformer = transformerRef.current;
    if (!transformer) return;
    const only = selection.length === 1 && !readOnly ? shapesById.get(selection[0]!) : undefined;
    const node =
      only && only.type !== 'arrow' ? stageRef.current?.findOne(`#shape-${only.id}`) : undefined;
    transformer.nodes(node ? [node] : []);
  }, [selection, shapesById, readOnly, stageRef]);

  const onTransformEnd = (e: Konva.KonvaEventObject<Event>) => {
    const node = e.target;
    const id = itemOf(node);
    const shape = id ? shapesById.get(id) : undefined;
    if (!id || !shape) return;
    const w = Math.max(40, Math.round(shape.w * node.scaleX()));
    const h = Math.max(24, Math.round(shape.h * node.scaleY()));
    node.scale({ x: 1, y: 1 });
    toasts.attempt(() =>
      updateShape(doc, id, { x: Math.round(node.x()), y: Math.round(node.y()), w, h }),
    );
  };

  return { transformerRef, onTransformEnd };
}
