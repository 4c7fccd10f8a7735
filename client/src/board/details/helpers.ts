/** Pure helpers behind the side panel: what is selected, and parsing what people type. */
import {
  METRIC_RANGES,
  STAGE_WIDTH_MAX,
  STAGE_WIDTH_MIN,
  type BoardSnapshot,
  type Card,
  type Evidence,
  type Lane,
  type MetricKey,
  type Shape,
  type Stage,
} from '../../../../shared/model/schema.js';
import { METRIC_LABEL } from '../core/visuals.js';

export type PanelSelection =
  | { kind: 'board' }
  | { kind: 'card'; card: Card; stage: Stage | undefined; lane: Lane | undefined }
  | { kind: 'stage'; stage: Stage; cardCount: number }
  | { kind: 'lane'; lane: Lane; cardCount: number }
  | { kind: 'shape'; shape: Shape }
  | {
      kind: 'multi';
      cards: Card[];
      shapes: Shape[];
      stages: Stage[];
      lanes: Lane[];
    };

/**
 * What the panel shows for a selection of ids (cards, shapes, stages or lanes). Ids that are
 * no longer on the board (deleted by someone else) are ignored; nothing left means the board.
 */
export function resolveSelection(
  board: BoardSnapshot,
  selection: readonly string[],
): PanelSelection {
  const cards: Card[] = [];
  const shapes: Shape[] = [];
  const stages: Stage[] = [];
  const lanes: Lane[] = [];
  const seen = new Set<string>();
  for (const id of selection) {
    if (seen.has(id)) continue;
    seen.add(id);
    const card = board.cards.find((c) => c.id === id);
    if (card) {
      cards.push(card);
      continue;
    }
    const shape = board.shapes.find((s) => s.id === id);
    if (shape) {
      shapes.push(shape);
      continue;
    }
    const stage = board.stages.find((s) => s.id === id);
    if (stage) {
      stages.push(stage);
      continue;
    }
    const lane = board.lanes.find((l) => l.id === id);
    if (lane) lanes.push(lane);
  }
  const total = cards.length + shapes.length + stages.length + lanes.length;
  if (total === 0) return { kind: 'board' };
  if (total > 1) return { kind: 'multi', cards, shapes, stages, lanes };
  if (cards[0]) {
    const card = cards[0];
    return {
      kind: 'card',
      card,
      stage: board.stages.find((s) => s.id === card.stageId),
      lane: board.lanes.find((l) => l.id === card.laneId),
    };
  }
  if (shapes[0]) return { kind: 'shape', shape: shapes[0] };
  if (stages[0]) {
    const id = stages[0].id;
    return { kind: 'stage', stage: stages[0], cardCount: countCards(board, 'stageId', id) };
  }
  const lane = lanes[0]!;
  return { kind: 'lane', lane, cardCount: countCards(board, 'laneId', lane.id) };
}

function countCards(board: BoardSnapshot, key: 'stageId' | 'laneId', id: string): number {
  return board.cards.filter((c) => c[key] === id).length;
}

/** A parsed field: a value to write (undefined = clear it) or a message saying what is allowed. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/** Accepts "4.5" and "4,5"; anything else that is not a plain number is NaN. */
function toNumber(raw: string): number {
  const text = raw.trim().replace(/^(-?\d*),(\d+)$/, '$1.$2');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return NaN;
  return Number(text);
}

/** The allowed values of a metric in words, e.g. "0–100 %" or "0 or more". */
export function metricRangeText(key: MetricKey): string {
  const { min, max } = METRIC_RANGES[key];
  if (max === Number.MAX_SAFE_INTEGER) return `${min} or more`;
  const unit = key === 'csat' || key === 'fcr' ? ' %' : '';
  return `${min}–${max}${unit}`;
}

/** What a metric must be, e.g. "CSAT must be a number from 0 to 100 (%)". */
export function metricRangeError(key: MetricKey): string {
  const { min, max } = METRIC_RANGES[key];
  const label = METRIC_LABEL[key];
  if (key === 'volume') return `${label} must be a whole number, ${min} or more`;
  const unit = key === 'csat' || key === 'fcr' ? ' (%)' : '';
  return `${label} must be a number from ${min} to ${max}${unit}`;
}

/**
 * A metric as typed: empty clears it; otherwise a number inside the metric's range (volume a
 * whole number). `badInput` is the browser saying a number field holds something unparseable.
 */
export function parseMetricInput(
  key: MetricKey,
  raw: string,
  badInput = false,
): Parsed<number | undefined> {
  const error = { ok: false as const, error: metricRangeError(key) };
  if (badInput) return error;
  if (raw.trim() === '') return { ok: true, value: undefined };
  const value = toNumber(raw);
  const { min, max } = METRIC_RANGES[key];
  if (!Number.isFinite(value) || value < min || value > max) return error;
  if (key === 'volume' && !Number.isInteger(value)) return error;
  return { ok: true, value };
}

/** A stage width as typed: empty resets it to the default; otherwise a whole number in range. */
export function parseStageWidth(raw: string, badInput = false): Parsed<number | undefined> {
  const error = {
    ok: false as const,
    error: `Width must be a whole number from ${STAGE_WIDTH_MIN} to ${STAGE_WIDTH_MAX}`,
  };
  if (badInput) return error;
  if (raw.trim() === '') return { ok: true, value: undefined };
  const value = toNumber(raw);
  if (!Number.isFinite(value)) return error;
  const rounded = Math.round(value);
  if (rounded < STAGE_WIDTH_MIN || rounded > STAGE_WIDTH_MAX) return error;
  return { ok: true, value: rounded };
}

/** Tags typed into the tag box: split on commas, trimmed, empties and repeats dropped. */
export function splitTags(raw: string): string[] {
  return [
    ...new Set(
      raw
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
    ),
  ];
}

export interface EvidenceDraft {
  kind: Evidence['kind'];
  text: string;
  source: string;
  date: string;
  url: string;
}

export const EMPTY_EVIDENCE: EvidenceDraft = {
  kind: 'quote',
  text: '',
  source: '',
  date: '',
  url: '',
};

export const EVIDENCE_KIND_LABEL: Record<Evidence['kind'], string> = {
  quote: 'Quote',
  link: 'Link',
  data: 'Data point',
  image: 'Picture',
};

/**
 * The evidence to add from the form, or what is wrong with it: text is required; empty
 * optional fields are left out; a date must be YYYY-MM-DD; a link needs an http(s) URL.
 */
export function evidenceFromDraft(draft: EvidenceDraft): Parsed<Omit<Evidence, 'id'>> {
  const text = draft.text.trim();
  if (!text) return { ok: false, error: 'Evidence text must not be empty' };
  const item: Omit<Evidence, 'id'> = { kind: draft.kind, text };
  const source = draft.source.trim();
  if (source) item.source = source;
  const date = draft.date.trim();
  if (date) {
    if (!isIsoDate(date)) return { ok: false, error: 'Date must be a valid date (YYYY-MM-DD)' };
    item.date = date;
  }
  const url = draft.url.trim();
  if (draft.kind === 'link' && !url) return { ok: false, error: 'A link needs a URL' };
  if (url) {
    if (!isHttpUrl(url)) return { ok: false, error: 'URL must start with http:// or https://' };
    item.url = url;
  }
  return { ok: true, value: item };
}

export function isIsoDate(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

/** Only http(s) links are made clickable (a `javascript:` URL in shared data must never run). */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

/** A short human name for a card or shape an arrow end sticks to. */
export function describeItem(board: BoardSnapshot, id: string | undefined): string | undefined {
  if (id === undefined) return undefined;
  const card = board.cards.find((c) => c.id === id);
  if (card) return `Card “${excerpt(card.text) || 'untitled'}”`;
  const shape = board.shapes.find((s) => s.id === id);
  if (shape) {
    const what = SHAPE_LABEL[shape.type];
    const text = excerpt(shape.text ?? '');
    return text ? `${what} “${text}”` : what;
  }
  return undefined;
}

export const SHAPE_LABEL: Record<Shape['type'], string> = {
  note: 'Sticky note',
  text: 'Text',
  rect: 'Rectangle',
  arrow: 'Arrow',
  image: 'Picture',
};

/** The first line of a text, cut to `max` characters with an ellipsis. */
export function excerpt(text: string, max = 40): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > max ? `${line.slice(0, max - 1).trimEnd()}…` : line;
}

/** Board summary counts for the nothing-selected view. */
export function boardSummary(board: BoardSnapshot) {
  return {
    stages: board.stages.length,
    lanes: board.lanes.length,
    cards: board.cards.length,
    shapes: board.shapes.length,
  };
}
