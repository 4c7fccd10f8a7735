/**
 * The CPU-heavy part of imports, as pure functions of the request body: decode, JSON.parse,
 * validate, and build what the main thread then only stores or applies. They run in the import
 * workers (jobWorker.ts) for large bodies and in line for small ones, with the same results.
 */
import * as Y from 'yjs';
import { listingMeta } from '../../shared/model/board.js';
import { readLinks, type BoardLink } from '../../shared/model/links.js';
import { readSharedCopies } from '../../shared/model/sharedCards.js';
import type { SharedRef } from '../../shared/model/sharedRef.js';
import { imageBundleSchema, splitImages } from '../../shared/model/imageBundle.js';
import { exportBoard, importBoard, parseBoardJson } from '../../shared/model/json.js';
import type { MapType } from '../../shared/model/schema.js';
import { readSurvey } from '../../shared/model/survey.js';
import {
  planSurveyImport,
  previewSurvey,
  type SurveyImportReport,
  type SurveyPreview,
} from '../../shared/model/surveyImport.js';
import { indexOfStored, type BoardIndex } from '../search/entries.js';
import { docOfStored, type StoredState } from '../storage/compaction.js';
import { surveyImportBody, surveyPreviewBody } from './surveyBodies.js';

/** A refusal the route answers as it is: a status, the `error` message and its details. */
export interface JobRefusal {
  ok: false;
  status: number;
  error: string;
  details: Record<string, unknown>;
}

/** A board as storage holds it (snapshot and log), or a live room's state as the snapshot. */
export type BoardState = StoredState;

export interface BoardBuilt {
  ok: true;
  meta: { title: string; mapType: MapType; persona: string; createdAt: string };
  /** The whole new board as one Yjs update. */
  update: Uint8Array;
  /** The file's pictures (W226), decoded from base64 but not yet checked as images. */
  images?: { id: string; data: Uint8Array }[];
  /** The board's links (W241), for the link index. */
  links?: BoardLink[];
  /** The board's shared copies (W301), for their index (W302). */
  copies?: { cardId: string; origin: SharedRef }[];
}

/** A survey import planned against the board as it was: the main thread only writes it. */
export interface SurveyPlanned {
  ok: true;
  report: SurveyImportReport;
  source: string;
  author?: string;
}

export interface Jobs {
  'board-import': { input: { body: Uint8Array }; output: BoardBuilt | JobRefusal };
  'survey-preview': {
    input: { body: Uint8Array; board: BoardState };
    output: { ok: true; preview: SurveyPreview } | JobRefusal;
  };
  'survey-plan': {
    input: { body: Uint8Array; board: BoardState };
    output: SurveyPlanned | JobRefusal;
  };
  /** A document's log folded into one snapshot (compaction: the Y.Doc is built here). */
  compact: { input: BoardState; output: { ok: true; update: Uint8Array } };
  /** A large board's search entries and portfolio digest (server/search/), off the event loop. */
  'board-index': {
    input: { board: BoardState; comments: BoardState };
    output: { ok: true } & BoardIndex;
  };
}
export type JobKind = keyof Jobs;

/** Issues listed in a refusal; `issueCount` says how many there are in all. */
export const MAX_ISSUES = 100;

const refuse = (status: number, error: string, details: Record<string, unknown> = {}) =>
  ({ ok: false, status, error, details }) as const;

/** The body as JSON: UTF-8 (a BOM is dropped), then JSON.parse; a refusal says what is wrong. */
function parseJson(body: Uint8Array): { ok: true; value: unknown } | JobRefusal {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    return refuse(400, 'request body is not valid UTF-8');
  }
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    return refuse(400, `request body is not valid JSON: ${(err as Error).message}`);
  }
}

function zodRefusal(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const list = issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
  return refuse(400, `invalid ${list[0]?.path}: ${list[0]?.message}`, {
    issues: list.slice(0, MAX_ISSUES),
    issueCount: list.length,
  });
}

/** The file's `images`, if any (W226): the bytes, or a refusal naming the item at fault. */
function bundledImages(value: unknown): { ok: true; images?: BoardBuilt['images'] } | JobRefusal {
  if (value === undefined) return { ok: true };
  const bundle = imageBundleSchema.safeParse(value);
  if (bundle.success) {
    const images = bundle.data.map(({ id, data }) => ({
      id,
      data: new Uint8Array(Buffer.from(data, 'base64')),
    }));
    return { ok: true, images };
  }
  const issues = bundle.error.issues.map((i) => ({
    path: `images${i.path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('')}`,
    message: i.message,
  }));
  return refuse(400, `invalid board JSON at ${issues[0]?.path}: ${issues[0]?.message}`, {
    issues: issues.slice(0, MAX_ISSUES),
    issueCount: issues.length,
  });
}

function boardImport({ body }: Jobs['board-import']['input']): Jobs['board-import']['output'] {
  const json = parseJson(body);
  if (!json.ok) return json;
  const split = splitImages(json.value);
  const images = bundledImages(split.images);
  if (!images.ok) return images;
  const parsed = parseBoardJson(split.board);
  if (!parsed.ok) {
    const first = parsed.issues[0];
    // A broken 40,000-card file has 40,000 issues: the first ones say what to fix.
    return refuse(400, `invalid board JSON at ${first?.path}: ${first?.message}`, {
      issues: parsed.issues.slice(0, MAX_ISSUES),
      issueCount: parsed.issues.length,
    });
  }
  const doc = new Y.Doc();
  try {
    importBoard(doc, parsed.board);
    const built = {
      ok: true,
      meta: listingMeta(doc),
      update: Y.encodeStateAsUpdate(doc),
      links: readLinks(doc),
      copies: readSharedCopies(doc),
    } as const;
    return images.images ? { ...built, images: images.images } : built;
  } finally {
    doc.destroy();
  }
}

/** The board a state holds, as the survey import reads it. */
function boardOf(state: BoardState) {
  const doc = docOfStored(state);
  try {
    return exportBoard(doc);
  } finally {
    doc.destroy();
  }
}

function surveyPreview(input: Jobs['survey-preview']['input']): Jobs['survey-preview']['output'] {
  const json = parseJson(input.body);
  if (!json.ok) return json;
  const parsed = surveyPreviewBody.safeParse(json.value ?? {});
  if (!parsed.success) return zodRefusal(parsed.error.issues);
  const { csv, mapping, createMissing } = parsed.data;
  const board = boardOf(input.board);
  return { ok: true, preview: previewSurvey(csv, { mapping, board, createMissing }) };
}

/** Parses, validates and plans a survey import: every row is read here, none on the main thread. */
function surveyPlan(input: Jobs['survey-plan']['input']): Jobs['survey-plan']['output'] {
  const json = parseJson(input.body);
  if (!json.ok) return json;
  const parsed = surveyImportBody.safeParse(json.value ?? {});
  if (!parsed.success) return zodRefusal(parsed.error.issues);
  const { csv, mapping, author, ...options } = parsed.data;
  const checked = readSurvey(csv, mapping);
  if (checked.errorCount > 0) {
    const more = checked.errorCount > 1 ? ` (and ${checked.errorCount - 1} more)` : '';
    return refuse(400, `${checked.errors[0]!.message}${more}`, {
      errors: checked.errors,
      errorCount: checked.errorCount,
    });
  }
  const report = planSurveyImport(boardOf(input.board), checked.rows, options);
  return { ok: true, report, source: options.source, ...(author ? { author } : {}) };
}

/**
 * Rebuilding a large document and collecting what it leaves behind takes the better part of a
 * second for a 12 MB board: here, not on the thread every socket waits for.
 */
function compact(state: Jobs['compact']['input']): Jobs['compact']['output'] {
  const doc = docOfStored(state);
  try {
    return { ok: true, update: Y.encodeStateAsUpdate(doc) };
  } finally {
    doc.destroy();
  }
}

const JOBS: { [K in JobKind]: (input: Jobs[K]['input']) => Jobs[K]['output'] } = {
  'board-import': boardImport,
  'survey-preview': surveyPreview,
  'survey-plan': surveyPlan,
  compact,
  'board-index': ({ board, comments }) => ({ ok: true, ...indexOfStored(board, comments) }),
};

export function runJob<K extends JobKind>(kind: K, input: Jobs[K]['input']): Jobs[K]['output'] {
  return JOBS[kind](input);
}

/** Buffers in a result that can move to the other thread instead of being copied. */
export function transferablesOf(output: Jobs[JobKind]['output']): ArrayBuffer[] {
  return output.ok && 'update' in output ? [output.update.buffer as ArrayBuffer] : [];
}
