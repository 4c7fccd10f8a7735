/**
 * Interest management for presence (W307–W310): in a crowded room a recipient gets the cursor
 * moves of the people it sees (the viewport its own state publishes) at every tick, and
 * everyone else's at most every `offscreenMs`, always as their latest state. Only states that
 * differ from what everyone was last sent in nothing but `cursor` and `viewport` wait; any
 * other change, an arrival and a removal go to everyone at the next tick.
 */

export interface InterestSettings {
  /** How long the moves of people a recipient does not see may wait (ms); 0: nobody waits. */
  offscreenMs: number;
  /** The screen (CSS px) a viewport is assumed to fill: with its zoom, what a recipient sees. */
  screenWidth: number;
  screenHeight: number;
}

/** What a recipient sees, in board coordinates, and whom it follows. */
export interface ViewBox {
  minX: number;
  maxX: number;
  minY: number;
  maxY: number;
  following: string | null;
}

interface Point {
  x: number;
  y: number;
}

/** A state that only moved since everyone was sent it: who may want it at this tick. */
export interface Mover {
  clientId: number;
  /** Its cursor now and at the previous tick: a recipient sees it arrive and leave. */
  at: Point | null;
  was: Point | null;
  userId: string | null;
  presenting: boolean;
}

type State = Record<string, unknown>;

/** The fields whose changes alone may wait for a recipient that does not see them. */
const MOVES = new Set(['cursor', 'viewport']);

const isRecord = (value: unknown): value is State =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const finite = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value);

function pointOf(value: unknown): Point | null {
  if (!isRecord(value) || !finite(value.x) || !finite(value.y)) return null;
  return { x: value.x, y: value.y };
}

/** The box a state's `viewport` shows on the assumed screen; null without a valid viewport. */
export function viewBoxOf(state: State | undefined, settings: InterestSettings): ViewBox | null {
  const viewport = state?.viewport;
  const centre = pointOf(viewport);
  if (!centre || !isRecord(viewport) || !finite(viewport.zoom) || viewport.zoom <= 0) return null;
  const halfWidth = settings.screenWidth / 2 / viewport.zoom;
  const halfHeight = settings.screenHeight / 2 / viewport.zoom;
  const following = state?.following;
  return {
    minX: centre.x - halfWidth,
    maxX: centre.x + halfWidth,
    minY: centre.y - halfHeight,
    maxY: centre.y + halfHeight,
    following: typeof following === 'string' ? following : null,
  };
}

const inside = (box: ViewBox, point: Point | null): boolean =>
  point !== null &&
  point.x >= box.minX &&
  point.x <= box.maxX &&
  point.y >= box.minY &&
  point.y <= box.maxY;

/** Whether a recipient that sees `box` wants this move now. */
export function wants(box: ViewBox, mover: Mover): boolean {
  return (
    mover.presenting ||
    inside(box, mover.at) ||
    inside(box, mover.was) ||
    (box.following !== null && box.following === mover.userId)
  );
}

function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a);
  if (keysA.length !== Object.keys(b).length) return false;
  return keysA.every((k) => sameJson((a as State)[k], (b as State)[k]));
}

/** Whether `next` differs from `before` in nothing but `cursor` and `viewport`. */
export function onlyMoved(before: State, next: State): boolean {
  const keys = Object.keys(next).filter((k) => !MOVES.has(k));
  if (keys.length !== Object.keys(before).filter((k) => !MOVES.has(k)).length) return false;
  return keys.every((k) => k in before && sameJson(before[k], next[k]));
}

/**
 * Which changed states go to everyone at a tick and which only to those who want them now.
 * Works on the room's awareness states (read, never written).
 */
export class InterestSchedule {
  /** Per client id: the state everyone was last sent, and when. */
  private readonly shared = new Map<number, { state: State; at: number }>();
  /** Client ids whose latest state everyone still lacks, and when everyone must get it. */
  private readonly waiting = new Map<number, number>();
  /** Each cursor at the previous tick. */
  private readonly lastPoint = new Map<number, Point | null>();

  constructor(
    private readonly states: ReadonlyMap<number, State>,
    private readonly offscreenMs: number,
    private readonly tickMs: number,
  ) {}

  /** Splits the client ids changed since the last tick; `now` in ms (performance.now()). */
  plan(changed: Iterable<number>, now: number): { everyone: number[]; movers: Mover[] } {
    const everyone: number[] = [];
    const moved: number[] = [];
    for (const clientId of changed) {
      const state = this.states.get(clientId);
      const before = this.shared.get(clientId);
      if (state && before && onlyMoved(before.state, state)) {
        if (!this.waiting.has(clientId)) this.waiting.set(clientId, before.at + this.offscreenMs);
        moved.push(clientId);
      } else {
        // Arrivals, removals and anything but a move: everyone, now.
        this.waiting.delete(clientId);
        everyone.push(clientId);
      }
    }
    const movedNow = new Set(moved);
    // Due by the middle of the next tick: sent now rather than a whole tick late.
    const horizon = now + this.tickMs / 2;
    for (const [clientId, due] of this.waiting) {
      if (due > horizon) continue;
      this.waiting.delete(clientId);
      if (!movedNow.has(clientId)) everyone.push(clientId);
    }
    for (const clientId of everyone) {
      const state = this.states.get(clientId);
      if (state) this.shared.set(clientId, { state, at: now });
      else this.forget(clientId);
    }
    const movers: Mover[] = [];
    for (const clientId of moved) {
      const state = this.states.get(clientId)!;
      const at = pointOf(state.cursor);
      const mover: Mover = {
        clientId,
        at,
        was: this.lastPoint.get(clientId) ?? null,
        userId: isRecord(state.user) && typeof state.user.id === 'string' ? state.user.id : null,
        presenting: state.presenting === true,
      };
      if (this.waiting.has(clientId)) movers.push(mover);
      else {
        this.shared.set(clientId, { state, at: now });
        everyone.push(clientId);
      }
      this.lastPoint.set(clientId, at);
    }
    for (const clientId of everyone) {
      const state = this.states.get(clientId);
      if (state) this.lastPoint.set(clientId, pointOf(state.cursor));
    }
    return { everyone, movers };
  }

  /** Ms until the next waiting state is due, or null when none waits. */
  nextDueIn(now: number): number | null {
    let first = Infinity;
    for (const due of this.waiting.values()) first = Math.min(first, due);
    return first === Infinity ? null : Math.max(0, first - now);
  }

  forget(clientId: number): void {
    this.shared.delete(clientId);
    this.waiting.delete(clientId);
    this.lastPoint.delete(clientId);
  }
}
