import * as Y from 'yjs';
import {
  boardRoots,
  ModelError,
  num,
  optStr,
  replaceText,
  requireRecord,
  setOrDelete,
  str,
} from './doc.js';
import { detachArrows } from './cards.js';
import { newId } from './order.js';
import { SHAPE_TYPES, type Shape, type ShapeType } from './schema.js';

export const SHAPE_DEFAULT_COLOR: Record<ShapeType, string> = {
  note: '#fde68a',
  text: '#1f2937',
  rect: '#93c5fd',
  arrow: '#475569',
};

export interface ShapeGeometry {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface NewShape extends ShapeGeometry {
  type: ShapeType;
  text?: string;
  color?: string;
  from?: string;
  to?: string;
  id?: string;
}

export type ShapePatch = Partial<ShapeGeometry> & {
  color?: string;
  from?: string | null;
  to?: string | null;
};

function assertGeometry(g: Partial<ShapeGeometry>): void {
  for (const key of ['x', 'y', 'w', 'h'] as const) {
    const value = g[key];
    if (value !== undefined && !Number.isFinite(value)) {
      throw new ModelError(`${key} must be a finite number; got ${value}`, `shapes.${key}`);
    }
  }
}

export function addShape(doc: Y.Doc, input: NewShape): string {
  if (!(SHAPE_TYPES as readonly string[]).includes(input.type)) {
    throw new ModelError(
      `shape type must be one of ${SHAPE_TYPES.join(', ')}; got '${input.type}'`,
      'shapes.type',
    );
  }
  assertGeometry(input);
  const id = input.id ?? newId();
  doc.transact(() => {
    const shape = new Y.Map<unknown>();
    shape.set('type', input.type);
    for (const key of ['x', 'y', 'w', 'h'] as const) shape.set(key, input[key]);
    shape.set('color', input.color ?? SHAPE_DEFAULT_COLOR[input.type]);
    // Every shape can hold text: a label on an arrow is as useful as text on a note.
    shape.set('text', new Y.Text(input.text ?? ''));
    // Only given ends are written: a detached Y.Map must not be read.
    for (const key of ['from', 'to'] as const)
      if (input[key] !== undefined) shape.set(key, input[key]);
    boardRoots(doc).shapes.set(id, shape);
  });
  return id;
}

/** Moves, resizes, recolours or re-attaches a shape; only the keys given change. */
export function updateShape(doc: Y.Doc, id: string, patch: ShapePatch): void {
  assertGeometry(patch);
  const shape = requireRecord(boardRoots(doc).shapes, id, 'shape');
  doc.transact(() => {
    for (const key of ['x', 'y', 'w', 'h', 'color'] as const) {
      if (patch[key] !== undefined) setOrDelete(shape, key, patch[key]);
    }
    for (const key of ['from', 'to'] as const) {
      if (patch[key] !== undefined) setOrDelete(shape, key, patch[key] ?? undefined);
    }
  });
}

export function setShapeText(doc: Y.Doc, id: string, text: string): void {
  const ytext = requireRecord(boardRoots(doc).shapes, id, 'shape').get('text');
  if (!(ytext instanceof Y.Text))
    throw new ModelError(`shape '${id}' holds no text`, `shapes.${id}.text`);
  doc.transact(() => replaceText(ytext, text));
}

export function deleteShape(doc: Y.Doc, id: string): void {
  requireRecord(boardRoots(doc).shapes, id, 'shape');
  doc.transact(() => {
    boardRoots(doc).shapes.delete(id);
    detachArrows(doc, id);
  });
}

export function readShapes(doc: Y.Doc): Shape[] {
  const shapes: Shape[] = [];
  boardRoots(doc).shapes.forEach((record, id) => {
    const type = str(record, 'type') as ShapeType;
    const shape: Shape = {
      id,
      type: (SHAPE_TYPES as readonly string[]).includes(type) ? type : 'rect',
      x: num(record, 'x') ?? 0,
      y: num(record, 'y') ?? 0,
      w: num(record, 'w') ?? 0,
      h: num(record, 'h') ?? 0,
      color: str(record, 'color'),
    };
    const text = record.get('text');
    if (text instanceof Y.Text) shape.text = text.toString();
    const from = optStr(record, 'from');
    const to = optStr(record, 'to');
    if (from !== undefined) shape.from = from;
    if (to !== undefined) shape.to = to;
    shapes.push(shape);
  });
  return shapes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
