/** Pure helpers of the boards page: search, sort, form validation. No DOM, no React. */

import type { TemplateId } from '../../../shared/model/templates.js';
import type { BoardSummary, NewBoard } from '../api.js';
import type { Checked } from '../ui/errors.js';
import { boardMatcher, NO_FACETS } from './boardFilter.js';

export { normalizeForSearch } from './boardFilter.js';

/** Boards whose title contains every word of the query, in any order; all of them for "". */
export function filterBoards<B extends Pick<BoardSummary, 'title'>>(
  boards: readonly B[],
  query: string,
): B[] {
  return boards.filter(boardMatcher({ workspaceId: null, facets: NO_FACETS, query }));
}

export const SORT_KEYS = ['updated', 'title', 'created', 'opened'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export const SORT_LABELS: Readonly<Record<SortKey, string>> = {
  updated: 'Last change',
  title: 'Title',
  created: 'Date created',
  opened: 'Recently opened',
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
 * A sorted copy: last change, creation and last opened (W146) newest first, title A→Z ("Map 2"
 * before "Map 10"). Ties fall back to title, then id, so the order never flickers between renders.
 */
export function sortBoards<B extends BoardSummary & { seenAt?: string | null }>(
  boards: readonly B[],
  key: SortKey,
): B[] {
  const byTitle = (a: B, b: B) =>
    collator.compare(a.title, b.title) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  const byUpdate = (a: B, b: B) => time(b.updatedAt) - time(a.updatedAt) || byTitle(a, b);
  // Never opened (or opened only on a link): after the opened ones, by last change.
  const opened = (b: B) => (b.seenAt ? time(b.seenAt) : -Infinity);
  const compare: (a: B, b: B) => number =
    key === 'title'
      ? byTitle
      : key === 'created'
        ? (a, b) => time(b.createdAt) - time(a.createdAt) || byTitle(a, b)
        : key === 'opened'
          ? (a, b) => opened(b) - opened(a) || byUpdate(a, b)
          : byUpdate;
  return [...boards].sort(compare);
}

/** Filter, then sort: what the grid shows. */
export function visibleBoards<B extends BoardSummary & { seenAt?: string | null }>(
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
