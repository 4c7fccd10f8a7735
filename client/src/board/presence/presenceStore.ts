import type { Awareness } from 'y-protocols/awareness';
import { parseAwarenessState, type AwarenessState } from '../../../../shared/protocol/awareness.js';

/** Another person on the board, as their awareness state says. */
export interface Peer extends AwarenessState {
  clientId: number;
  /** When their cursor or selection last changed (ms epoch, this clock). */
  activeAt: number;
}

/**
 * How often the people list reaches React at most (W236): a crowd joining, or 300 people
 * clicking, is a few renders a second, not one per frame that arrives.
 */
export const ROSTER_INTERVAL_MS = 250;

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

const sameCursor = (a: AwarenessState['cursor'], b: AwarenessState['cursor']) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y);

/** Fields that change with every move: they never reach React (W236). */
const MOTION = new Set(['cursor', 'viewport']);

/** Structural equality of JSON values. */
function same(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  if (ka.length !== Object.keys(b).length) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  return ka.every((k) => same(ra[k], rb[k]));
}

/** Whether two raw states differ in nothing but their cursor and viewport. */
function sameButMotion(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let count = 0;
  for (const key in b) {
    if (MOTION.has(key)) continue;
    count++;
    if (!same(a[key], b[key])) return false;
  }
  for (const key in a) if (!MOTION.has(key)) count--;
  return count === 0;
}

const isPoint = (v: unknown): v is { x: number; y: number } =>
  typeof v === 'object' &&
  v !== null &&
  Number.isFinite((v as { x?: unknown }).x) &&
  Number.isFinite((v as { y?: unknown }).y);

/** The schema's rules for the two motion fields, checked by hand on the hot path (W36). */
const validMotion = (raw: Record<string, unknown>) =>
  (raw.cursor === undefined || raw.cursor === null || isPoint(raw.cursor)) &&
  (raw.viewport === undefined ||
    (isPoint(raw.viewport) && ((raw.viewport as { zoom?: number }).zoom ?? 0) > 0));

interface Entry {
  peer: Peer;
  /** The state as it arrived, to tell a move from other news without parsing it again. */
  raw: Record<string, unknown>;
}

/**
 * Everyone else's presence, read from awareness outside React (W236). Cursor and viewport
 * moves go to `onMotion` listeners (the cursor layer, follow mode), which run for every change
 * and must stay cheap; the list of people and what they select, edit, follow or present goes to
 * `onRoster` listeners, throttled to one call per ROSTER_INTERVAL_MS.
 */
export class PresenceStore {
  private readonly entries = new Map<number, Entry>();
  private roster: Peer[] = [];
  private readonly rosterListeners = new Set<() => void>();
  private readonly motionListeners = new Set<() => void>();
  private rosterDirty = false;
  private lastRosterAt = 0;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly awareness: Awareness) {}

  /** Starts reading awareness; returns the stop. */
  attach(): () => void {
    this.awareness.on('change', this.onChange);
    const ids = [...this.awareness.getStates().keys()];
    const gone = [...this.entries.keys()].filter((id) => !ids.includes(id));
    this.onChange({ added: ids, updated: [], removed: gone });
    return () => {
      this.awareness.off('change', this.onChange);
      if (this.timer) clearTimeout(this.timer);
      this.timer = null;
    };
  }

  /** The people (stable between roster updates: safe for useSyncExternalStore). */
  readonly peers = (): Peer[] => this.roster;

  /** Everyone as of now, cursors and viewports included. */
  *live(): Generator<Peer> {
    for (const entry of this.entries.values()) yield entry.peer;
  }

  peer(clientId: number): Peer | undefined {
    return this.entries.get(clientId)?.peer;
  }

  get size(): number {
    return this.entries.size;
  }

  readonly onRoster = (listener: () => void): (() => void) => {
    this.rosterListeners.add(listener);
    return () => this.rosterListeners.delete(listener);
  };

  onMotion(listener: () => void): () => void {
    this.motionListeners.add(listener);
    return () => this.motionListeners.delete(listener);
  }

  private readonly onChange = ({ added, updated, removed }: AwarenessChange): void => {
    const now = Date.now();
    let moved = false;
    const states = this.awareness.getStates();
    for (const clientId of [...added, ...updated]) {
      if (clientId === this.awareness.clientID) continue;
      const raw = states.get(clientId) as Record<string, unknown> | undefined;
      const seen = this.entries.get(clientId);
      moved = true;
      // The hot path: someone moved and nothing else changed (no schema parse, no roster news).
      if (seen && raw && sameButMotion(seen.raw, raw) && validMotion(raw)) {
        const cursor = raw.cursor as Peer['cursor'];
        const activeAt = sameCursor(seen.peer.cursor, cursor) ? seen.peer.activeAt : now;
        const viewport = raw.viewport as Peer['viewport'];
        this.entries.set(clientId, { peer: { ...seen.peer, cursor, viewport, activeAt }, raw });
        continue;
      }
      const state = parseAwarenessState(raw);
      if (!state || !raw) {
        if (seen) this.remove(clientId);
        continue;
      }
      const selectionChanged =
        !seen || (seen.peer.selection ?? []).join(',') !== (state.selection ?? []).join(',');
      const cursorMoved = !seen || !sameCursor(seen.peer.cursor, state.cursor);
      const activeAt = cursorMoved || selectionChanged ? now : seen.peer.activeAt;
      this.entries.set(clientId, { peer: { ...state, clientId, activeAt }, raw });
      this.rosterDirty = true;
    }
    for (const clientId of removed) {
      if (this.entries.has(clientId)) {
        this.remove(clientId);
        moved = true;
      }
    }
    if (moved) for (const listener of this.motionListeners) listener();
    if (this.rosterDirty) this.scheduleRoster();
  };

  private remove(clientId: number): void {
    this.entries.delete(clientId);
    this.rosterDirty = true;
  }

  private scheduleRoster(): void {
    if (this.timer) return;
    const wait = ROSTER_INTERVAL_MS - (Date.now() - this.lastRosterAt);
    if (wait <= 0) this.flushRoster();
    else this.timer = setTimeout(() => this.flushRoster(), wait);
  }

  private flushRoster(): void {
    this.timer = null;
    this.lastRosterAt = Date.now();
    this.rosterDirty = false;
    this.roster = [...this.entries.values()].map((e) => e.peer);
    for (const listener of this.rosterListeners) listener();
  }
}
