/**
 * Reading untrusted records. Any client that speaks the Yjs protocol can write any value at any
 * key, so readers check every value they use: a record that is not a Y.Map (or lacks what it
 * cannot do without) is skipped, a malformed field falls back to its default, and each is noted
 * as an `Unreadable` (a path and a reason, never the value itself).
 */
import * as Y from 'yjs';

export interface Unreadable {
  /** Dotted path of what was skipped, e.g. `cards.V1StGXR8_Z5j.text`, `cards.x.tags[2]`. */
  path: string;
  /** Why, e.g. `must be a Y.Text; got a number`. Never the value itself. */
  reason: string;
}

/** Where a reader notes what it skipped; readers called without one skip quietly. */
export type UnreadableSink = Unreadable[] | undefined;

/** Exact class checks: a Y.XmlText is a Y.Text subclass, a Y.XmlHook a Y.Map one. */
export const isYMap = (value: unknown): value is Y.Map<unknown> =>
  value instanceof Y.Map && value.constructor === Y.Map;
export const isYText = (value: unknown): value is Y.Text =>
  value instanceof Y.Text && value.constructor === Y.Text;
export const isYArray = (value: unknown): value is Y.Array<unknown> =>
  value instanceof Y.Array && value.constructor === Y.Array;

/** A plain object (as a Yjs "any" value decodes), not an array, null, binary or a Y type. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** What a value is, for a reason: its kind, never its content. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return Number.isFinite(value) ? 'a number' : `${value}`;
    case 'boolean':
      return 'a boolean';
    case 'bigint':
      return 'a bigint';
    case 'object':
      break;
    default:
      return `a ${typeof value}`;
  }
  // Subclasses first: a Y.XmlText is also a Y.Text (class names do not survive minifying).
  if (value instanceof Y.XmlText) return 'a Y.XmlText';
  if (value instanceof Y.XmlHook) return 'a Y.XmlHook';
  if (value instanceof Y.XmlElement) return 'a Y.XmlElement';
  if (value instanceof Y.XmlFragment) return 'a Y.XmlFragment';
  if (value instanceof Y.Text) return 'a Y.Text';
  if (value instanceof Y.Map) return 'a Y.Map';
  if (value instanceof Y.Array) return 'a Y.Array';
  if (value instanceof Y.AbstractType) return 'a Yjs type';
  if (value instanceof Y.Doc) return 'a Y.Doc';
  if (value instanceof Uint8Array) return 'binary data';
  if (Array.isArray(value)) return 'an array';
  return 'an object';
}

const KEY_SHOWN = 40;

/** A map key as it may stand in a path: keys are chosen by any client, so long ones are cut. */
export function pathKey(key: string): string {
  return key.length > KEY_SHOWN ? `${key.slice(0, KEY_SHOWN - 1)}…` : key;
}

/** Record ids of the open format: 1 to 64 characters. */
export const isRecordId = (id: string): boolean => id.length > 0 && id.length <= 64;

export function note(into: UnreadableSink, path: string, reason: string): void {
  into?.push({ path, reason });
}

/** The reason for a value of the wrong kind: `must be a string; got a number`. */
export const wrongKind = (expected: string, value: unknown): string =>
  `must be ${expected}; got ${describeValue(value)}`;

/**
 * Reads the fields of one record (a Y.Map), noting each malformed one under the record's path.
 * Every getter answers undefined for an absent field (noted only when `required`) and for a
 * malformed one (always noted); `check` may refuse a value of the right kind with a reason.
 */
export class FieldReader {
  constructor(
    readonly record: Y.Map<unknown>,
    /** e.g. `cards` for a record of that root, or the reader of the record a map is nested in. */
    private readonly base: string | FieldReader,
    private readonly into: UnreadableSink,
    /** The record's key under `base`, when it is one (kept apart: paths are built on a note). */
    private readonly key?: string,
  ) {}

  /** e.g. `cards.V1StGXR8_Z5j` (keys cut with `pathKey`). */
  get path(): string {
    const base = typeof this.base === 'string' ? this.base : this.base.path;
    return this.key === undefined ? base : `${base}.${pathKey(this.key)}`;
  }

  note(key: string, reason: string): void {
    note(this.into, `${this.path}.${key}`, reason);
  }

  private get<T>(
    key: string,
    expected: string,
    accepts: (value: unknown) => value is T,
    required: boolean,
  ): T | undefined {
    const value = this.record.get(key);
    if (accepts(value)) return value;
    if (value !== undefined || this.record.has(key)) this.note(key, wrongKind(expected, value));
    else if (required) this.note(key, 'is missing');
    return undefined;
  }

  string(key: string, required = false, check?: (value: string) => string | null) {
    const value = this.get(key, 'a string', isString, required);
    return value === undefined ? undefined : this.checked(key, value, check);
  }

  /** A finite number (NaN and infinities are not numbers a board can hold). */
  number(key: string, required = false, check?: (value: number) => string | null) {
    const value = this.get(key, 'a number', isFiniteNumber, required);
    return value === undefined ? undefined : this.checked(key, value, check);
  }

  boolean(key: string, required = false): boolean | undefined {
    return this.get(key, 'a boolean', isBoolean, required);
  }

  text(key: string, required = false): Y.Text | undefined {
    return this.get(key, 'a Y.Text', isYText, required);
  }

  map(key: string, required = false): Y.Map<unknown> | undefined {
    return this.get(key, 'a Y.Map', isYMap, required);
  }

  array(key: string, required = false): Y.Array<unknown> | undefined {
    return this.get(key, 'a Y.Array', isYArray, required);
  }

  /** A plain value of any kind (objects and arrays of a comment, say), absent or not. */
  raw(key: string): unknown {
    return this.record.get(key);
  }

  /** A reader for a nested map, under this record's path. */
  nested(map: Y.Map<unknown>, key: string): FieldReader {
    return new FieldReader(map, this, this.into, key);
  }

  private checked<T>(key: string, value: T, check?: (value: T) => string | null): T | undefined {
    const problem = check?.(value) ?? null;
    if (problem === null) return value;
    this.note(key, problem);
    return undefined;
  }
}

const isString = (value: unknown): value is string => typeof value === 'string';
const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';
const isFiniteNumber = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

/**
 * Every record of a root map that is a Y.Map (with an id of the open format, unless
 * `anyId`), in map order; the others are noted as `<root>.<id>` and skipped.
 */
export function eachRecord(
  map: Y.Map<unknown>,
  root: string,
  into: UnreadableSink,
  visit: (record: FieldReader, id: string) => void,
  anyId = false,
): void {
  map.forEach((value, id) => {
    if (!isYMap(value)) return note(into, `${root}.${pathKey(id)}`, wrongKind('a Y.Map', value));
    if (!anyId && !isRecordId(id))
      return note(into, `${root}.${pathKey(id)}`, 'has an id that is empty or over 64 characters');
    visit(new FieldReader(value, root, into, id), id);
  });
}
