import * as Y from 'yjs';
import {
  boardRoots,
  forEachRecord,
  ModelError,
  replaceText,
  requireField,
  requirePresent,
  requireRecord,
  setOrDelete,
} from './doc.js';
import { newId } from './order.js';
import { assertImageId, imageIdCheck } from './images.js';
import { eachRecord, isRecordId, isYText, type UnreadableSink } from './read.js';
import { SHAPE_TYPES, type Shape, type ShapeType } from './schema.js';
import { assertTextLength } from './textLimit.js';

export const SHAPE_DEFAULT_COLOR: Record<ShapeType, string> = {
  note: '#fde68a',
  text: '#1f2937',
  rect: '#93c5fd',
  arrow: '#475569',
  image: '#ffffff',
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
  /** Needed for an `image` shape, refused on the others. */
  image?: string;
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
  assertTextLength(input.text ?? '', `shapes.${id}.text`, 'shape');
  if (input.type === 'image') assertImageId(input.image, `shapes.${id}.image`);
  else if (input.image !== undefined)
    throw new ModelError('only an image shape holds a picture', `shapes.${id}.image`);
  doc.transact(() => {
    const shape = new Y.Map<unknown>();
    shape.set('type', input.type);
    for (const key of ['x', 'y', 'w', 'h'] as const) shape.set(key, input[key]);
    shape.set('color', input.color ?? SHAPE_DEFAULT_COLOR[input.type]);
    // Every shape can hold text: a label on an arrow is as useful as text on a note.
    shape.set('text', new Y.Text(input.text ?? ''));
    // Only given ends are written: a detached Y.Map must not be read.
    for (const key of ['from', 'to', 'image'] as const)
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
  const shape = requireRecord(boardRoots(doc).shapes, id, 'shape');
  if (shape.get('text') === undefined && !shape.has('text'))
    throw new ModelError(`shape '${id}' holds no text`, `shapes.${id}.text`);
  const ytext = requireField(shape, 'text', isYText, 'a Y.Text', `shapes.${id}.text`);
  assertTextLength(text, `shapes.${id}.text`, 'shape', ytext.length);
  doc.transact(() => replaceText(ytext, text));
}

/** Arrows stuck to a deleted card or shape keep their last position but let go of it. */
export function detachArrows(doc: Y.Doc, targetId: string): void {
  forEachRecord(boardRoots(doc).shapes, (shape) => {
    if (shape.get('from') === targetId) shape.delete('from');
    if (shape.get('to') === targetId) shape.delete('to');
  });
}

/** Deletes a shape, also one another client made unreadable (that repairs the board). */
export function deleteShape(doc: Y.Doc, id: string): void {
  requirePresent(boardRoots(doc).shapes, id, 'shape');
  doc.transact(() => {
    boardRoots(doc).shapes.delete(id);
    detachArrows(doc, id);
  });
}

const endCheck = (id: string) => (isRecordId(id) ? null : 'must be an id of 1 to 64 characters');

/** Every readable shape, by id; the others, and unreadable fields, are noted in `into`. */
export function readShapes(doc: Y.Doc, into?: UnreadableSink): Shape[] {
  const shapes: Shape[] = [];
  eachRecord(boardRoots(doc).shapes, 'shapes', into, (r, id) => {
    // A type from a newer version reads as a rectangle.
    const type = (r.string('type', true, (t) =>
      (SHAPE_TYPES as readonly string[]).includes(t)
        ? null
        : 'is not a shape type this version knows',
    ) ?? 'rect') as ShapeType;
    const shape: Shape = {
      id,
      type,
      x: r.number('x', true) ?? 0,
      y: r.number('y', true) ?? 0,
      w: r.number('w', true) ?? 0,
      h: r.number('h', true) ?? 0,
      color: r.string('color', true) ?? SHAPE_DEFAULT_COLOR[type],
    };
    const text = r.text('text');
    if (text) shape.text = text.toString();
    const from = r.string('from', false, endCheck);
    const to = r.string('to', false, endCheck);
    if (from !== undefined) shape.from = from;
    if (to !== undefined) shape.to = to;
    // Only a picture shape carries one; without it, it draws as "picture unavailable".
    const image = type === 'image' ? r.string('image', true, imageIdCheck) : undefined;
    if (image !== undefined) shape.image = image;
    shapes.push(shape);
  });
  return shapes.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
