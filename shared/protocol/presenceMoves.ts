import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';

/*
 * Compact presence moves (W327–W332): the frame the server sends a journeyboard client instead
 * of a whole awareness state when that state differs from what the client holds in nothing but
 * `cursor` and `viewport`. Isomorphic: the server writes it, the browser client reads it.
 *
 * frame  := varUint(MESSAGE_PRESENCE_MOVES) varUint8Array(awarenessUpdate) varUint(n) move × n
 * move   := varUint(clientId) varUint(clock) varUint(flags) [x y]? [x y zoom]?
 * flags  := cursor (bits 0–1) | viewport << 2 (bits 2–3); each 0 absent, 1 null, 2 present
 * number := lib0 `writeAny` of a number (integers as varInt, else float32 when exact, else float64)
 */

/** The message type (first varUint) of a moves frame; y-websocket itself uses 0–3. */
export const MESSAGE_PRESENCE_MOVES = 32;

/** The query parameter, and its value, by which a client opts in (W327). */
export const PRESENCE_MOVES_PARAM = 'presence';
export const PRESENCE_MOVES_VALUE = 'moves';

export interface Point {
  x: number;
  y: number;
}

export interface ViewportValue extends Point {
  zoom: number;
}

/** A state's two motion fields; `undefined`: the key is absent. */
export interface Motion {
  cursor: Point | null | undefined;
  viewport: ViewportValue | null | undefined;
}

type State = Record<string, unknown>;

const ABSENT = 0;
const NULL = 1;
const PRESENT = 2;

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isObject = (v: unknown): v is State =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{x, y}` with exactly those keys, or null when `value` is anything else. */
function exactPoint(value: State): Point | null {
  if (Object.keys(value).length !== 2 || !finite(value.x) || !finite(value.y)) return null;
  return { x: value.x, y: value.y };
}

function exactViewport(value: State): ViewportValue | null {
  if (Object.keys(value).length !== 3 || !finite(value.zoom)) return null;
  const { x, y, zoom } = value;
  return finite(x) && finite(y) ? { x, y, zoom } : null;
}

/**
 * The motion fields of `state` when a move entry can carry them exactly: each absent, null or
 * an object of exactly W35's number fields. Null otherwise (the whole state must go).
 */
export function motionOf(state: State): Motion | null {
  const { cursor, viewport } = state;
  let motionCursor: Motion['cursor'] = cursor === null ? null : undefined;
  if (isObject(cursor)) {
    motionCursor = exactPoint(cursor);
    if (!motionCursor) return null;
  } else if (cursor !== undefined && cursor !== null) return null;
  let motionViewport: Motion['viewport'] = viewport === null ? null : undefined;
  if (isObject(viewport)) {
    motionViewport = exactViewport(viewport);
    if (!motionViewport) return null;
  } else if (viewport !== undefined && viewport !== null) return null;
  return { cursor: motionCursor, viewport: motionViewport };
}

const kindOf = (value: unknown): number =>
  value === undefined ? ABSENT : value === null ? NULL : PRESENT;

/** One move entry, to gather into frames (`movesFrame`). */
export function encodeMove(clientId: number, clock: number, motion: Motion): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, clientId);
  encoding.writeVarUint(encoder, clock);
  encoding.writeVarUint(encoder, kindOf(motion.cursor) | (kindOf(motion.viewport) << 2));
  if (motion.cursor) {
    encoding.writeAny(encoder, motion.cursor.x);
    encoding.writeAny(encoder, motion.cursor.y);
  }
  if (motion.viewport) {
    encoding.writeAny(encoder, motion.viewport.x);
    encoding.writeAny(encoder, motion.viewport.y);
    encoding.writeAny(encoder, motion.viewport.zoom);
  }
  return encoding.toUint8Array(encoder);
}

/** A moves frame: a (possibly empty) awareness update of whole states, then move entries. */
export function movesFrame(awarenessUpdate: Uint8Array, moves: readonly Uint8Array[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_PRESENCE_MOVES);
  encoding.writeVarUint8Array(encoder, awarenessUpdate);
  encoding.writeVarUint(encoder, moves.length);
  for (const move of moves) encoding.writeUint8Array(encoder, move);
  return encoding.toUint8Array(encoder);
}

function readNumber(decoder: decoding.Decoder): number {
  const value: unknown = decoding.readAny(decoder);
  if (typeof value !== 'number') throw new TypeError('a move holds a number that is not one');
  return value;
}

function readKind(kind: number): number {
  if (kind > PRESENT) throw new RangeError('unknown kind of motion field');
  return kind;
}

/**
 * Reads what follows the message type of a moves frame: the awareness update of whole states,
 * and each move. Throws on a malformed frame.
 */
export function readMovesFrame(
  decoder: decoding.Decoder,
  visit: (clientId: number, clock: number, motion: Motion) => void,
): Uint8Array {
  const update = decoding.readVarUint8Array(decoder);
  const count = decoding.readVarUint(decoder);
  const moves: [number, number, Motion][] = [];
  for (let i = 0; i < count; i++) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    const flags = decoding.readVarUint(decoder);
    const cursorKind = readKind(flags & 3);
    const viewportKind = readKind((flags >> 2) & 3);
    const motion: Motion = { cursor: undefined, viewport: undefined };
    if (cursorKind === NULL) motion.cursor = null;
    if (cursorKind === PRESENT) motion.cursor = { x: readNumber(decoder), y: readNumber(decoder) };
    if (viewportKind === NULL) motion.viewport = null;
    if (viewportKind === PRESENT) {
      const x = readNumber(decoder);
      const y = readNumber(decoder);
      motion.viewport = { x, y, zoom: readNumber(decoder) };
    }
    moves.push([clientId, clock, motion]);
  }
  // Visited only once the whole frame decoded: a malformed frame changes nothing.
  for (const [clientId, clock, motion] of moves) visit(clientId, clock, motion);
  return update;
}

/** `state` with its motion fields replaced by `motion` (absent fields removed). */
export function withMotion(state: State, motion: Motion): State {
  const next: State = { ...state };
  if (motion.cursor === undefined) delete next.cursor;
  else next.cursor = motion.cursor;
  if (motion.viewport === undefined) delete next.viewport;
  else next.viewport = motion.viewport;
  return next;
}
