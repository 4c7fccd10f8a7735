/**
 * The activity feed: who changed what, and when. It lives in the board's third document
 * (`<boardId>/activity`), written only by the server, which attributes each accepted update to
 * the connection that sent it. An entry covers one person's stretch of work (edits close
 * together in time), so the feed reads "Ana changed 3 cards in Onboarding", not keystrokes.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { RECORD_KINDS, type RecordKind, type Touched } from './touched.js';
import { plural } from './plural.js';

/** Ids listed per kind and change in one entry; counts stay exact beyond it. */
export const ACTIVITY_IDS_MAX = 50;
/** Entries kept per board; older ones are dropped. */
export const ACTIVITY_ENTRIES_MAX = 2000;

const ids = z.array(z.string().max(64)).max(ACTIVITY_IDS_MAX);
const recordChange = z.object({
  added: z.number().int().min(0),
  changed: z.number().int().min(0),
  removed: z.number().int().min(0),
  /** Some of the ids (up to ACTIVITY_IDS_MAX each), for focusing them on the map. */
  addedIds: ids,
  changedIds: ids,
  removedIds: ids,
});
export type RecordChange = z.infer<typeof recordChange>;

export const activityEntrySchema = z.object({
  id: z.string().min(1).max(64),
  /** Self-declared (there are no accounts): the presence identity of the connection. */
  author: z.object({
    id: z.string().max(64).nullable(),
    name: z.string().min(1).max(100),
    color: z.string().max(16).nullable(),
  }),
  /** The role of the link used (`owner`, `editor`…); null when unknown. */
  role: z.string().max(16).nullable(),
  /** `live` for edits over sync; otherwise the REST action that made the change. */
  via: z.enum(['live', 'restore', 'survey-import', 'metrics-api']),
  start: z.string(),
  end: z.string(),
  /** Transactions in this stretch of work. */
  edits: z.number().int().min(1),
  records: z.object({
    stage: recordChange,
    lane: recordChange,
    card: recordChange,
    shape: recordChange,
  }),
  meta: z.boolean(),
  /** Yjs client id → clock after the entry: a state vector covering all of them has seen it. */
  clocks: z.record(z.string(), z.number().int().min(0)),
  /**
   * When the stretch last deleted something without creating anything (deletions carry no
   * clock, so only time can tell whether a reader saw them); null if it never did.
   */
  deletedAt: z.string().nullable().default(null),
});
export type ActivityEntry = z.infer<typeof activityEntrySchema>;
export type ActivityVia = ActivityEntry['via'];

const entries = (doc: Y.Doc) => doc.getMap<unknown>('entries');

const capped = (set: Set<string>) => [...set].slice(-ACTIVITY_IDS_MAX);

/** An entry from what a stretch of work touched. */
export function activityEntry(
  fields: Pick<
    ActivityEntry,
    'id' | 'author' | 'role' | 'via' | 'start' | 'end' | 'edits' | 'deletedAt'
  >,
  touched: Touched,
): ActivityEntry {
  const records = {} as Record<RecordKind, RecordChange>;
  for (const kind of RECORD_KINDS) {
    const t = touched.records[kind];
    records[kind] = {
      added: t.added.size,
      changed: t.changed.size,
      removed: t.removed.size,
      addedIds: capped(t.added),
      changedIds: capped(t.changed),
      removedIds: capped(t.removed),
    };
  }
  const clocks: Record<string, number> = {};
  for (const [client, clock] of touched.clocks) clocks[String(client)] = clock;
  return { ...fields, records, meta: touched.meta, clocks };
}

/**
 * Writes (or rewrites, as a stretch of work grows) entries into an activity doc, dropping the
 * oldest past `max`, in one transaction.
 */
export function writeActivity(
  doc: Y.Doc,
  written: readonly ActivityEntry[],
  max = ACTIVITY_ENTRIES_MAX,
  origin: unknown = null,
): void {
  doc.transact(() => {
    const map = entries(doc);
    for (const entry of written) map.set(entry.id, entry);
    if (map.size <= max) return;
    const oldest = readActivity(doc).slice(max);
    for (const entry of oldest) map.delete(entry.id);
  }, origin);
}

/** Every valid entry, newest first (by end, then id); malformed ones are skipped. */
export function readActivity(doc: Y.Doc): ActivityEntry[] {
  const list: ActivityEntry[] = [];
  for (const value of entries(doc).values()) {
    const parsed = activityEntrySchema.safeParse(value);
    if (parsed.success) list.push(parsed.data);
  }
  return list.sort(compareActivity);
}

/** Newest first: by end time, then id (ids break ties the same way everywhere). */
export function compareActivity(a: ActivityEntry, b: ActivityEntry): number {
  if (a.end !== b.end) return a.end < b.end ? 1 : -1;
  return a.id === b.id ? 0 : a.id < b.id ? 1 : -1;
}

/**
 * Whether someone whose copy of the board had `stateVector` at `seenAt` has seen the entry:
 * its clocks are covered, and any deletion without a clock happened before `seenAt`.
 */
export function seenBy(
  entry: ActivityEntry,
  stateVector: ReadonlyMap<number, number>,
  seenAt: string,
): boolean {
  const clocks = Object.entries(entry.clocks);
  if (entry.deletedAt !== null && entry.deletedAt > seenAt) return false;
  if (clocks.length === 0) return entry.end <= seenAt;
  return clocks.every(([client, clock]) => (stateVector.get(Number(client)) ?? 0) >= clock);
}

/**
 * Whether a reader who last looked at `seenAt` on another device (no state vector of theirs
 * here) saw `entry`: it ended, and anything it deleted was deleted, by then.
 */
export function seenByTime(entry: ActivityEntry, seenAt: string): boolean {
  return entry.end <= seenAt && (entry.deletedAt === null || entry.deletedAt <= seenAt);
}

/** How many records an entry added, changed or removed (board details count as one). */
export function changeCount(entry: ActivityEntry): number {
  let n = entry.meta ? 1 : 0;
  for (const kind of RECORD_KINDS) {
    const r = entry.records[kind];
    n += r.added + r.changed + r.removed;
  }
  return n;
}

/** A record the entry added or changed that can still be shown on the map, cards first. */
export function focusIdOf(entry: ActivityEntry): string | null {
  for (const kind of ['card', 'shape', 'stage', 'lane'] as const) {
    const r = entry.records[kind];
    const id = r.addedIds.at(-1) ?? r.changedIds.at(-1);
    if (id !== undefined) return id;
  }
  return null;
}

export interface ActivityAuthorSummary {
  id: string | null;
  name: string;
  color: string | null;
  entries: number;
  changes: number;
}

export interface ActivitySummary {
  entries: number;
  changes: number;
  /** Who made them, most changes first. */
  authors: ActivityAuthorSummary[];
}

/** Totals over entries, per author (by id, or by name for authors without one). */
export function summarizeActivity(list: readonly ActivityEntry[]): ActivitySummary {
  const authors = new Map<string, ActivityAuthorSummary>();
  let changes = 0;
  for (const entry of list) {
    const n = changeCount(entry);
    changes += n;
    const key = entry.author.id ?? `name:${entry.author.name}`;
    const known = authors.get(key) ?? { ...entry.author, entries: 0, changes: 0 };
    known.entries += 1;
    known.changes += n;
    authors.set(key, known);
  }
  return {
    entries: list.length,
    changes,
    authors: [...authors.values()].sort((a, b) => b.changes - a.changes),
  };
}

const NOUN: Record<RecordKind, [string, string]> = {
  stage: ['stage', 'stages'],
  lane: ['lane', 'lanes'],
  card: ['card', 'cards'],
  shape: ['shape', 'shapes'],
};

const count = (n: number, kind: RecordKind) => plural(n, NOUN[kind][0], NOUN[kind][1]);

/** What an entry did, in English: "added 2 cards, changed 1 stage and edited the board details". */
export function describeActivity(entry: ActivityEntry): string {
  const parts: string[] = [];
  for (const how of ['added', 'changed', 'removed'] as const) {
    const things = RECORD_KINDS.filter((k) => entry.records[k][how] > 0).map((k) =>
      count(entry.records[k][how], k),
    );
    if (things.length) parts.push(`${how} ${joinWords(things)}`);
  }
  if (entry.meta) parts.push('edited the board details');
  const what = parts.length ? joinWords(parts) : 'made changes';
  if (entry.via === 'restore') return `restored a version (${what})`;
  if (entry.via === 'survey-import') return `imported survey data (${what})`;
  if (entry.via === 'metrics-api') return `sent metrics (${what})`;
  return what;
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}
