/**
 * Stretches of work: one person's edits close together in time, which become one activity
 * entry ("Ana added 3 cards"), not one per keystroke. Pure bookkeeping with the time passed
 * in, so the grouping rules are tested without sockets or timers.
 */
import {
  activityEntry,
  type ActivityEntry,
  type ActivityVia,
} from '../../shared/model/activity.js';
import { newId } from '../../shared/model/order.js';
import { emptyTouched, isEmptyTouched, type Touched } from '../../shared/model/touched.js';

/** A stretch ends after this long without an edit… */
export const STRETCH_IDLE_MS = 60_000;
/** …or once it has lasted this long, so a long session still shows up in the feed. */
export const STRETCH_MAX_MS = 5 * 60_000;

export interface StretchAuthor {
  author: ActivityEntry['author'];
  role: string | null;
  via: ActivityVia;
  /** False while the author is a placeholder ("Someone"): it is looked up again on each edit. */
  known: boolean;
}

export interface Stretch extends StretchAuthor {
  readonly id: string;
  readonly key: string;
  readonly start: number;
  end: number;
  edits: number;
  deletedAt: number | null;
  readonly touched: Touched;
}

export interface StretchLimits {
  idleMs: number;
  maxMs: number;
}

const iso = (ms: number) => new Date(ms).toISOString();

export class Stretches {
  private readonly open = new Map<string, Stretch>();
  private readonly dirty = new Set<Stretch>();

  constructor(
    private readonly limits: StretchLimits = { idleMs: STRETCH_IDLE_MS, maxMs: STRETCH_MAX_MS },
  ) {}

  ended(stretch: Stretch, now: number): boolean {
    return now - stretch.end > this.limits.idleMs || now - stretch.start > this.limits.maxMs;
  }

  /** The open stretch of `key`, or a new one when it has none or its stretch has ended. */
  stretchFor(key: string, now: number, who: StretchAuthor): Stretch {
    const current = this.open.get(key);
    if (current && !this.ended(current, now)) return current;
    const stretch: Stretch = {
      ...who,
      id: newId(),
      key,
      start: now,
      end: now,
      edits: 0,
      deletedAt: null,
      touched: emptyTouched(),
    };
    this.open.set(key, stretch);
    return stretch;
  }

  /**
   * Counts one edit of `stretch` (already collected into its `touched`) made at `now`;
   * `deletedOnly` when it deleted without creating anything (no clock records it).
   */
  note(stretch: Stretch, now: number, deletedOnly: boolean): void {
    stretch.edits += 1;
    stretch.end = Math.max(stretch.end, now);
    if (deletedOnly) stretch.deletedAt = now;
    this.dirty.add(stretch);
  }

  get hasDirty(): boolean {
    return this.dirty.size > 0;
  }

  /** The entries of the stretches that changed since the last take; forgets ended stretches. */
  take(now: number): ActivityEntry[] {
    const entries = this.pending();
    this.dirty.clear();
    for (const [key, stretch] of this.open) if (this.ended(stretch, now)) this.open.delete(key);
    return entries;
  }

  /** The entries of the stretches that changed since the last take, without taking them. */
  pending(): ActivityEntry[] {
    const entries: ActivityEntry[] = [];
    for (const s of this.dirty) {
      // Transactions that touched no record (an unknown root type) say nothing worth listing.
      if (isEmptyTouched(s.touched)) continue;
      entries.push(
        activityEntry(
          {
            id: s.id,
            author: s.author,
            role: s.role,
            via: s.via,
            start: iso(s.start),
            end: iso(s.end),
            edits: s.edits,
            deletedAt: s.deletedAt === null ? null : iso(s.deletedAt),
          },
          s.touched,
        ),
      );
    }
    return entries;
  }
}
