/** Pure helpers of the boards page: labels, search, sort, form validation. No DOM, no React. */

import type { MapType } from '../../../shared/model/schema.js';
import type { TemplateId } from '../../../shared/model/templates.js';
import { ApiError, type BoardSummary, type NewBoard } from '../api.js';

export const MAP_TYPE_LABELS: Readonly<Record<MapType, string>> = {
  'current-state': 'Current state',
  'future-state': 'Future state',
  'day-in-the-life': 'Day in the life',
  'service-blueprint': 'Service blueprint',
};

export function isKnownMapType(value: string): value is MapType {
  return Object.hasOwn(MAP_TYPE_LABELS, value);
}

/** The pill label of a map type; an unknown (newer) type is shown as "Some new type". */
export function mapTypeLabel(mapType: string): string {
  if (isKnownMapType(mapType)) return MAP_TYPE_LABELS[mapType];
  const words = mapType.replace(/[-_]+/g, ' ').trim();
  return words ? words[0]!.toUpperCase() + words.slice(1) : 'Journey map';
}

/** Lower case, accents removed, whitespace collapsed: "Café  Onboarding" → "cafe onboarding". */
export function normalizeForSearch(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Boards whose title contains every word of the query, in any order; all of them for "". */
export function filterBoards<B extends Pick<BoardSummary, 'title'>>(
  boards: readonly B[],
  query: string,
): B[] {
  const terms = normalizeForSearch(query).split(' ').filter(Boolean);
  if (terms.length === 0) return [...boards];
  return boards.filter((board) => {
    const title = normalizeForSearch(board.title);
    return terms.every((term) => title.includes(term));
  });
}

export const SORT_KEYS = ['updated', 'title', 'created'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  updated: 'Last change',
  title: 'Title',
  created: 'Date created',
};

/** A sort key read back from storage; anything unexpected falls back to last change. */
export function parseSortKey(value: string | null | undefined): SortKey {
  return (SORT_KEYS as readonly string[]).includes(value ?? '') ? (value as SortKey) : 'updated';
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true });

function time(iso: string): number {
  const t = Date.parse(iso);
  return Number.isFinite(t) ? t : -Infinity;
}

/**
 * A sorted copy: last change and creation date newest first, title A→Z ("Map 2" before
 * "Map 10"). Ties fall back to title, then id, so the order never flickers between renders.
 */
export function sortBoards<B extends BoardSummary>(boards: readonly B[], key: SortKey): B[] {
  const byTitle = (a: B, b: B) =>
    collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const compare: (a: B, b: B) => number =
    key === 'title'
      ? byTitle
      : key === 'created'
        ? (a, b) => time(b.createdAt) - time(a.createdAt) || byTitle(a, b)
        : (a, b) => time(b.updatedAt) - time(a.updatedAt) || byTitle(a, b);
  return [...boards].sort(compare);
}

/** Filter, then sort: what the grid shows. */
export function visibleBoards<B extends BoardSummary>(
  boards: readonly B[],
  query: string,
  sort: SortKey,
): B[] {
  return sortBoards(filterBoards(boards, query), sort);
}

/** The server's limit on titles (and persona names). */
export const TITLE_MAX = 200;
/** The server's limit on scenario and persona description. */
export const LONG_TEXT_MAX = 2000;

export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** A board title as the server accepts it: trimmed, 1–200 characters. */
export function checkTitle(raw: string): Checked<string> {
  const title = raw.trim();
  if (title === '') return { ok: false, message: 'Give the journey map a title.' };
  if (title.length > TITLE_MAX) {
    return {
      ok: false,
      message: `Keep the title to ${TITLE_MAX} characters (it has ${title.length}).`,
    };
  }
  return { ok: true, value: title };
}

export interface NewBoardForm {
  template: TemplateId;
  title: string;
  personaName: string;
  personaDescription: string;
  scenario: string;
}

/**
 * The create request for the form. Empty optional fields are left out rather than sent as "",
 * so the template's example persona and scenario fill them in.
 */
export function newBoardRequest(form: NewBoardForm): Checked<NewBoard> {
  const title = checkTitle(form.title);
  if (!title.ok) return title;
  const body: NewBoard = { title: title.value, template: form.template };
  const name = form.personaName.trim();
  const description = form.personaDescription.trim();
  const scenario = form.scenario.trim();
  if (name.length > TITLE_MAX) {
    return { ok: false, message: `Keep the persona name to ${TITLE_MAX} characters.` };
  }
  if (description.length > LONG_TEXT_MAX) {
    return {
      ok: false,
      message: `Keep the persona description to ${LONG_TEXT_MAX} characters.`,
    };
  }
  if (scenario.length > LONG_TEXT_MAX) {
    return { ok: false, message: `Keep the scenario to ${LONG_TEXT_MAX} characters.` };
  }
  if (name || description) {
    body.persona = {};
    if (name) body.persona.name = name;
    if (description) body.persona.description = description;
  }
  if (scenario) body.scenario = scenario;
  return { ok: true, value: body };
}

/** The text of an import file as JSON, or a message saying why it is not JSON. */
export function parseImportText(text: string, fileName = 'The file'): Checked<unknown> {
  if (text.trim() === '') return { ok: false, message: `${fileName} is empty.` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, message: `${fileName} is not valid JSON: ${reason}` };
  }
}

/** One problem the server found in an imported file: where (`cards[3].stageId`) and what. */
export interface ImportIssue {
  path: string;
  message: string;
}

/** Every problem a refused JSON import listed (400 `issues`), or null for any other failure. */
export function importIssuesOf(err: unknown): ImportIssue[] | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const { issues } = err.body;
  if (!Array.isArray(issues)) return null;
  const list = issues.flatMap((issue: unknown): ImportIssue[] => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message } = issue as Record<string, unknown>;
    if (typeof message !== 'string') return [];
    return [{ path: typeof path === 'string' && path ? path : '(file)', message }];
  });
  return list.length > 0 ? list : null;
}

/** The message of anything thrown, for a toast or an inline error. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return typeof err === 'string' && err ? err : 'Something went wrong. Try again.';
}
