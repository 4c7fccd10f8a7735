/**
 * What the schema guard (schemaGuard.ts) expects at each known key of a board or comments doc:
 * DESIGN.md section 3 and docs/WIRE.md "Comments doc", as the model writes them.
 */
import { isPlainObject } from './read.js';

export type GuardedDocKind = 'board' | 'comments';

/** What belongs at a place of the schema. */
export type Expect =
  | { kind: 'map'; fields?: Readonly<Record<string, Expect>>; entries?: Expect }
  | { kind: 'array'; items: Expect }
  | { kind: 'text' }
  | { kind: 'value'; what: string; accepts: (value: unknown) => boolean };

const value = (what: string, accepts: (v: unknown) => boolean): Expect => ({
  kind: 'value',
  what,
  accepts,
});
const record = (fields: Record<string, Expect>): Expect => ({ kind: 'map', fields });
const entries = (entry: Expect): Expect => ({ kind: 'map', entries: entry });
const list = (items: Expect): Expect => ({ kind: 'array', items });

const isString = (v: unknown): v is string => typeof v === 'string';
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** Optional fields of plain objects: older clients wrote absent ones as undefined. */
const optional = (v: unknown, is: (v: unknown) => boolean) => v === undefined || is(v);

const STRING = value('a string', isString);
const NUMBER = value('a finite number', isNumber);
const BOOLEAN = value('a boolean', (v) => typeof v === 'boolean');
const TEXT: Expect = { kind: 'text' };

const EVIDENCE = value(
  'an evidence object with a string id, kind and text',
  (v) =>
    isPlainObject(v) &&
    isString(v.id) &&
    isString(v.kind) &&
    isString(v.text) &&
    optional(v.source, isString) &&
    optional(v.date, isString) &&
    optional(v.url, isString) &&
    optional(v.image, isString),
);
/** Types only: ranges and dates are the reader's to judge (readMetricSeries notes them). */
const METRIC_POINT = value(
  'a metric point object with a string metric, periodStart, periodEnd, source and writtenAt, a number value and n',
  (v) =>
    isPlainObject(v) &&
    isString(v.metric) &&
    isNumber(v.value) &&
    optional(v.n, isNumber) &&
    isString(v.periodStart) &&
    isString(v.periodEnd) &&
    isString(v.source) &&
    isString(v.writtenAt) &&
    optional(v.method, isString),
);
export const AUTHOR = value(
  'an author object with a string id and name',
  (v) => isPlainObject(v) && isString(v.id) && isString(v.name) && optional(v.color, isString),
);
const ANCHOR = value(
  'an anchor object ({ kind, id } or { kind: "point", x, y })',
  (v) =>
    isPlainObject(v) &&
    isString(v.kind) &&
    (v.kind === 'point'
      ? isNumber(v.x) && isNumber(v.y)
      : // Kinds a newer client may add pass; the known ones need an id.
        !['card', 'shape', 'stage', 'lane'].includes(v.kind) || isString(v.id)),
);
/** Distinct objects (not STRING) so the author guard can tell a person record's name apart. */
export const PERSON_NAME = value('a string', isString);
export const PEOPLE = entries(record({ name: PERSON_NAME, color: STRING, lastSeen: STRING }));
const STRINGS = value(
  'an array of strings',
  (v) => Array.isArray(v) && v.every((item) => isString(item)),
);

export const SCHEMAS: Record<GuardedDocKind, Readonly<Record<string, Expect>>> = {
  board: {
    meta: record({
      title: STRING,
      mapType: STRING,
      scenario: STRING,
      persona: record({ name: STRING, description: STRING, color: STRING, photo: STRING }),
      schemaVersion: NUMBER,
      createdAt: STRING,
      cesMethod: STRING,
    }),
    stages: entries(record({ name: STRING, order: STRING, width: NUMBER, link: STRING })),
    lanes: entries(record({ name: STRING, kind: STRING, order: STRING })),
    cards: entries(
      record({
        stageId: STRING,
        laneId: STRING,
        order: STRING,
        text: TEXT,
        color: STRING,
        emotion: NUMBER,
        channel: STRING,
        persona: STRING,
        metrics: record({ csat: NUMBER, ces: NUMBER, fcr: NUMBER, nps: NUMBER, volume: NUMBER }),
        tags: list(STRING),
        evidence: list(EVIDENCE),
        image: STRING,
        team: STRING,
        expected: NUMBER,
        expectation: STRING,
        link: STRING,
        externalKey: STRING,
        sharedFrom: STRING,
        sharedOut: BOOLEAN,
      }),
    ),
    shapes: entries(
      record({
        type: STRING,
        x: NUMBER,
        y: NUMBER,
        w: NUMBER,
        h: NUMBER,
        text: TEXT,
        color: STRING,
        from: STRING,
        to: STRING,
        image: STRING,
      }),
    ),
    // Card id → `<metric>|<periodStart>|<periodEnd>|<source>` → point (metricSeries.ts, W252).
    metricSeries: entries(entries(METRIC_POINT)),
    // Personas 2–5 (personas.ts, W210).
    personas: entries(
      record({ name: STRING, description: STRING, color: STRING, photo: STRING, order: STRING }),
    ),
    // The workshop timer (timer.ts) and room-wide quiet mode (gather.ts).
    timer: record({
      runId: STRING,
      state: STRING,
      endsAt: NUMBER,
      leftMs: NUMBER,
      durationMs: NUMBER,
    }),
    gather: record({ quietCursors: BOOLEAN }),
    // The running vote's marker (vote.ts, W207).
    vote: record({ id: STRING, title: STRING, endsAt: STRING, status: STRING }),
  },
  comments: {
    threads: entries(
      record({
        anchor: ANCHOR,
        resolved: BOOLEAN,
        createdAt: STRING,
        createdBy: AUTHOR,
        resolvedBy: AUTHOR,
        messages: list(
          record({
            id: STRING,
            author: AUTHOR,
            body: STRING,
            createdAt: STRING,
            editedAt: STRING,
            mentions: STRINGS,
          }),
        ),
      }),
    ),
    people: PEOPLE,
  },
};
