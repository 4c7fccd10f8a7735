import * as Y from 'yjs';
import { z } from 'zod';
import { addLane, addStage } from './axes.js';
import { initBoard } from './board.js';
import { addCard } from './cards.js';
import { EXTERNAL_KEY_MAX_CHARS } from './externalKey.js';
import { pointKey, pointProblems, putMetricPoints } from './metricSeries.js';
import { isImageId } from './images.js';
import { SHARED_REF_PATTERN } from './sharedRef.js';
import { isBoardId } from '../protocol/boardId.js';
import { addShape } from './shapes.js';
import { addPersona, PERSONA_COLOR } from './personas.js';
import { isPlainObject } from './read.js';
import { readBoard } from './snapshot.js';
import {
  CES_METHODS,
  EMOTION_MAX,
  EMOTION_MIN,
  FIRST_PERSONA_ID,
  LANE_KINDS,
  PERSONAS_MAX,
  MAP_TYPES,
  METRIC_KEYS,
  METRIC_RANGES,
  SCHEMA_VERSION,
  SHAPE_TYPES,
  STAGE_WIDTH_MAX,
  STAGE_WIDTH_MIN,
  TEXT_MAX_CHARS,
  TEAM_MAX_CHARS,
  EXPECTATION_MAX_CHARS,
  type BoardSnapshot,
  type Card,
  type CardMetricPoint,
  type Shape,
} from './schema.js';

/** The open, versioned JSON format of a board (`format: "journeyboard"`). */
const id = z.string().min(1).max(64);
const order = z.string().min(1).max(256);
const itemText = z
  .string()
  .max(TEXT_MAX_CHARS, `at most ${TEXT_MAX_CHARS.toLocaleString('en-US')} characters`);
const metric = (key: keyof typeof METRIC_RANGES) =>
  z.number().min(METRIC_RANGES[key].min).max(METRIC_RANGES[key].max).optional();

const boardLink = z
  .string()
  .refine(isBoardId, 'must be a board id (8 to 64 letters, digits, - or _)');

const imageId = z
  .string()
  .refine(isImageId, 'must be an image id (22 to 64 letters, digits, - or _)');

const evidenceSchema = z
  .strictObject({
    id,
    kind: z.enum(['quote', 'link', 'data', 'image']),
    text: z.string().min(1),
    source: z.string().optional(),
    date: z.string().optional(),
    url: z.string().optional(),
    image: imageId.optional(),
  })
  .refine((e) => (e.kind === 'image') === (e.image !== undefined), {
    message: 'image evidence needs an image id, and only it has one',
    path: ['image'],
  });

/** One card and one shape as they stand in the open format (also what copy/paste carries). */
export const cardJsonSchema = z.strictObject({
  id,
  stageId: id,
  laneId: id,
  order,
  text: itemText,
  color: z.string().optional(),
  emotion: z.number().int().min(EMOTION_MIN).max(EMOTION_MAX).optional(),
  channel: z.string().optional(),
  persona: id.optional(),
  metrics: z.strictObject({
    csat: metric('csat'),
    ces: metric('ces'),
    fcr: metric('fcr'),
    nps: metric('nps'),
    volume: metric('volume'),
  }),
  tags: z.array(z.string().min(1)),
  evidence: z.array(evidenceSchema),
  image: imageId.optional(),
  team: z.string().trim().min(1).max(TEAM_MAX_CHARS).optional(),
  expected: z.number().int().min(EMOTION_MIN).max(EMOTION_MAX).optional(),
  expectation: z.string().trim().min(1).max(EXPECTATION_MAX_CHARS).optional(),
  link: boardLink.optional(),
  externalKey: z
    .string()
    .min(1)
    .max(EXTERNAL_KEY_MAX_CHARS)
    .refine((k) => k.trim() === k, 'must not start or end with spaces')
    .optional(),
  sharedFrom: z.string().regex(SHARED_REF_PATTERN, "must be '<boardId>/<cardId>'").optional(),
  sharedOut: z.literal(true).optional(),
});

export const shapeJsonSchema = z.strictObject({
  id,
  type: z.enum(SHAPE_TYPES),
  x: z.number(),
  y: z.number(),
  w: z.number(),
  h: z.number(),
  text: itemText.optional(),
  color: z.string(),
  from: id.optional(),
  to: id.optional(),
  image: imageId.optional(),
});

/**
 * `Card` and `Shape` (schema.ts) and the two schemas above must describe the same fields, nested
 * ones included: a field added to one side only fails the typecheck here, in either direction.
 */
type Same<A, B> =
  (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Holds<T extends true> = T;
type _CardMatchesItsSchema = Holds<Same<z.infer<typeof cardJsonSchema>, Card>>;
type _ShapeMatchesItsSchema = Holds<Same<z.infer<typeof shapeJsonSchema>, Shape>>;

/** W256: a card's metric point in the open format; its soundness is `pointProblems`'. */
const metricPointJson = z
  .strictObject({
    cardId: id,
    metric: z.enum(METRIC_KEYS),
    value: z.number(),
    n: z.number().optional(),
    periodStart: z.string(),
    periodEnd: z.string(),
    source: z.string(),
    writtenAt: z.string(),
    method: z.enum(CES_METHODS).optional(),
  })
  .superRefine((point, ctx) => {
    for (const problem of pointProblems(point, true))
      ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.message });
  });
type _PointMatchesItsSchema = Holds<Same<z.infer<typeof metricPointJson>, CardMetricPoint>>;

const personaColor = z.string().regex(PERSONA_COLOR, 'must be a #rrggbb colour');
const personaFields = {
  name: z.string(),
  description: z.string(),
  photo: imageId.optional(),
};
/** W213: `personas` (all of them, persona 1 first) comes with boards that have several. */
const personasJson = z
  .array(z.strictObject({ id, ...personaFields, color: personaColor }))
  .min(1)
  .max(PERSONAS_MAX, `a board has at most ${PERSONAS_MAX} personas`);
const metaJson = z.preprocess(
  // A file with `personas` only still names persona 1: the first of them.
  (meta) => {
    if (!isPlainObject(meta) || meta.persona !== undefined || !Array.isArray(meta.personas))
      return meta;
    const first: unknown = meta.personas[0];
    if (!isPlainObject(first)) return meta;
    const { id: _id, ...persona } = first;
    return { ...meta, persona };
  },
  z.strictObject({
    title: z.string().trim().min(1).max(200),
    mapType: z.enum(MAP_TYPES),
    scenario: z.string(),
    persona: z.strictObject({ ...personaFields, color: personaColor.optional() }),
    personas: personasJson.optional(),
    createdAt: z.string(),
    cesMethod: z.enum(CES_METHODS).optional(),
  }),
);

export const boardJsonSchema = z
  .strictObject({
    format: z.literal('journeyboard'),
    schemaVersion: z.literal(SCHEMA_VERSION),
    meta: metaJson,
    stages: z.array(
      z.strictObject({
        id,
        name: z.string().trim().min(1),
        order,
        width: z.number().int().min(STAGE_WIDTH_MIN).max(STAGE_WIDTH_MAX).optional(),
        link: boardLink.optional(),
      }),
    ),
    lanes: z.array(
      z.strictObject({ id, name: z.string().trim().min(1), kind: z.enum(LANE_KINDS), order }),
    ),
    cards: z.array(cardJsonSchema),
    shapes: z.array(shapeJsonSchema),
    metricSeries: z.array(metricPointJson).optional(),
  })
  .superRefine((board, ctx) => {
    const unique = (list: { id: string }[], key: string) => {
      const seen = new Set<string>();
      list.forEach((item, i) => {
        if (seen.has(item.id))
          ctx.addIssue({
            code: 'custom',
            path: [key, i, 'id'],
            message: `duplicate id '${item.id}'`,
          });
        seen.add(item.id);
      });
      return seen;
    };
    const stageIds = unique(board.stages, 'stages');
    const laneIds = unique(board.lanes, 'lanes');
    const cardIds = unique(board.cards, 'cards');
    const shapeIds = unique(board.shapes, 'shapes');
    const personaIds = board.meta.personas
      ? unique(board.meta.personas, 'meta.personas')
      : new Set([FIRST_PERSONA_ID]);
    board.cards.forEach((card, i) => {
      if (card.persona !== undefined && !personaIds.has(card.persona))
        ctx.addIssue({
          code: 'custom',
          path: ['cards', i, 'persona'],
          message: `unknown persona '${card.persona}'`,
        });
      if (!stageIds.has(card.stageId))
        ctx.addIssue({
          code: 'custom',
          path: ['cards', i, 'stageId'],
          message: `unknown stage '${card.stageId}'`,
        });
      if (!laneIds.has(card.laneId))
        ctx.addIssue({
          code: 'custom',
          path: ['cards', i, 'laneId'],
          message: `unknown lane '${card.laneId}'`,
        });
    });
    const externalKeys = new Set<string>();
    board.cards.forEach((card, i) => {
      if (card.externalKey === undefined) return;
      if (externalKeys.has(card.externalKey))
        ctx.addIssue({
          code: 'custom',
          path: ['cards', i, 'externalKey'],
          message: `duplicate externalKey '${card.externalKey}'`,
        });
      externalKeys.add(card.externalKey);
    });
    const pointKeys = new Set<string>();
    board.metricSeries?.forEach((point, i) => {
      if (!cardIds.has(point.cardId))
        ctx.addIssue({
          code: 'custom',
          path: ['metricSeries', i, 'cardId'],
          message: `unknown card '${point.cardId}'`,
        });
      const key = `${point.cardId}|${pointKey(point)}`;
      if (pointKeys.has(key))
        ctx.addIssue({
          code: 'custom',
          path: ['metricSeries', i],
          message: 'duplicate point: the same card, metric, period and source',
        });
      pointKeys.add(key);
    });
    board.shapes.forEach((shape, i) => {
      for (const end of ['from', 'to'] as const) {
        const target = shape[end];
        if (target !== undefined && !cardIds.has(target) && !shapeIds.has(target))
          ctx.addIssue({
            code: 'custom',
            path: ['shapes', i, end],
            message: `unknown card or shape '${target}'`,
          });
      }
    });
  });

export type BoardJson = z.infer<typeof boardJsonSchema>;

export interface JsonIssue {
  /** e.g. `cards[3].stageId` */
  path: string;
  message: string;
}

export type ParseResult = { ok: true; board: BoardJson } | { ok: false; issues: JsonIssue[] };

function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>(
    (acc, key) =>
      typeof key === 'number' ? `${acc}[${key}]` : acc ? `${acc}.${String(key)}` : String(key),
    '',
  );
}

/** Validates untrusted JSON; every problem comes back with the field it is about. */
export function parseBoardJson(input: unknown): ParseResult {
  if (typeof input === 'object' && input !== null && 'schemaVersion' in input) {
    const version = (input as { schemaVersion: unknown }).schemaVersion;
    if (typeof version === 'number' && version > SCHEMA_VERSION) {
      return {
        ok: false,
        issues: [
          {
            path: 'schemaVersion',
            message: `version ${version} is newer than this server understands (${SCHEMA_VERSION})`,
          },
        ],
      };
    }
  }
  const result = boardJsonSchema.safeParse(input);
  if (result.success) return { ok: true, board: result.data };
  return {
    ok: false,
    issues: result.error.issues.map((i) => ({
      path: formatPath(i.path) || '(root)',
      message: i.message,
    })),
  };
}

export function toBoardJson(snapshot: BoardSnapshot): BoardJson {
  const { schemaVersion: _version, ...meta } = snapshot.meta;
  return { format: 'journeyboard', schemaVersion: SCHEMA_VERSION, meta, ...omitMeta(snapshot) };
}

function omitMeta({ meta: _meta, ...rest }: BoardSnapshot) {
  return rest;
}

export function exportBoard(doc: Y.Doc): BoardJson {
  return toBoardJson(readBoard(doc));
}

/**
 * Writes a validated board into an empty doc, keeping ids and order keys, in one transaction.
 * Persona 1 is `meta.persona`; with `personas`, the first one's id becomes FIRST_PERSONA_ID (W213).
 */
export function importBoard(doc: Y.Doc, board: BoardJson): void {
  const [first, ...others] = board.meta.personas ?? [];
  const ids = new Map(first ? [[first.id, FIRST_PERSONA_ID]] : []);
  doc.transact(() => {
    initBoard(doc, board.meta);
    for (const persona of others) addPersona(doc, persona);
    for (const stage of board.stages) addStage(doc, stage);
    for (const lane of board.lanes) addLane(doc, lane);
    for (const card of board.cards)
      addCard(
        doc,
        card.persona ? { ...card, persona: ids.get(card.persona) ?? card.persona } : card,
      );
    for (const shape of board.shapes) addShape(doc, shape);
    if (board.metricSeries) putMetricPoints(doc, board.metricSeries);
  });
}

/** A new doc holding the board; convenient for server-side import and tests. */
export function docFromJson(board: BoardJson): Y.Doc {
  const doc = new Y.Doc();
  importBoard(doc, board);
  return doc;
}
