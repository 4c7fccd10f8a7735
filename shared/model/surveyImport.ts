/**
 * Survey import, last step: plan what an import does to a board (pure, for previews) and
 * apply it to a doc in one transaction through the model's own functions.
 *
 * Per matched touchpoint card: the computed metrics are set (metrics without data in the file
 * keep their value; volume only comes from a volume column, and a response count an older
 * import wrote as volume is cleared, see `hasLegacyResponseVolume`); survey summaries of the same source are replaced by one new `data`
 * evidence item carrying the sample sizes and date range; up to `maxQuotes` comments are added
 * as `quote` evidence, newest first, skipping ones the card already has.
 */
import type * as Y from 'yjs';
import { cesMethodOf, readMeta } from './board.js';
import { addCard, addEvidence, removeEvidence, setMetrics } from './cards.js';
import { readEvidence } from './evidence.js';
import { isYArray, isYMap } from './read.js';
import { parseCsv, type CsvTable } from './csv.js';
import { boardRoots, ModelError } from './doc.js';
import { newId } from './order.js';
import { writeMetricPoints, type PointWrite } from './metricSeries.js';
import {
  METRIC_KEYS,
  type BoardMeta,
  type CesMethod,
  type Evidence,
  type Metrics,
} from './schema.js';
import { readBoard } from './snapshot.js';
import { readSurvey, type SurveyError, type SurveyParse, type SurveyRow } from './survey.js';
import {
  mappingWarnings,
  normalizeName,
  suggestMapping,
  type MappingWarning,
  type SurveyMapping,
} from './surveyMapping.js';
import { matchSurvey, type BoardLike, type UnmatchedGroup } from './surveyMatch.js';
import {
  computeMetrics,
  formatSurveySummary,
  hasLegacyResponseVolume,
  isSurveySummary,
  metricDeltas,
  type MetricDelta,
  type SurveyMetrics,
} from './surveyMetrics.js';

export interface SurveyImportOptions {
  /** Where the data comes from, e.g. the file name; written as the evidence source. */
  source: string;
  /** Quotes added per card (default 3). */
  maxQuotes?: number;
  /** Create a touchpoint card for rows naming a known stage but no card (default false). */
  createMissing?: boolean;
  /** yyyy-mm-dd dating a summary when no row has a date (default: today, UTC). */
  today?: string;
}

export const DEFAULT_MAX_QUOTES = 3;
export const QUOTE_MAX_CHARS = 500;
/** Lines listed per unmatched group; `count` has them all. */
const LINES_LISTED = 20;

export interface CardImport {
  cardId: string;
  stageId: string;
  laneId: string;
  text: string;
  /** A card this import creates (createMissing). */
  created: boolean;
  survey: SurveyMetrics;
  before: Metrics;
  after: Metrics;
  deltas: MetricDelta[];
  quotes: Omit<Evidence, 'id'>[];
}

export interface UnmatchedSummary extends Omit<UnmatchedGroup, 'rows'> {
  count: number;
  lines: number[];
}

export interface SurveyImportReport {
  source: string;
  /** Valid rows in the file. */
  rowCount: number;
  matchedRows: number;
  /** In board order; created cards last. */
  cards: CardImport[];
  unmatched: UnmatchedSummary[];
  /** Present on a top-2-box board (W249): the import writes that CES point too. */
  cesMethod?: 'top2box';
}

export type SurveyImportResult =
  | { ok: true; report: SurveyImportReport }
  | { ok: false; errors: SurveyError[]; errorCount: number };

function clip(text: string): string {
  return text.length <= QUOTE_MAX_CHARS ? text : `${text.slice(0, QUOTE_MAX_CHARS - 1)}…`;
}

/** Newest dated comments first, undated after them, file order breaking ties; no repeats. */
function pickQuotes(
  rows: readonly SurveyRow[],
  existing: readonly Evidence[],
  source: string,
  max: number,
): Omit<Evidence, 'id'>[] {
  const seen = new Set(
    existing.filter((e) => e.kind === 'quote').map((e) => normalizeName(e.text)),
  );
  const sorted = rows
    .filter((r) => r.comment !== undefined)
    .sort((a, b) => {
      if (a.date !== b.date) {
        if (a.date === undefined) return 1;
        if (b.date === undefined) return -1;
        return a.date < b.date ? 1 : -1;
      }
      return a.line - b.line;
    });
  const quotes: Omit<Evidence, 'id'>[] = [];
  for (const row of sorted) {
    if (quotes.length >= max) break;
    const text = clip(row.comment!);
    const key = normalizeName(text);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    quotes.push(
      row.date === undefined
        ? { kind: 'quote', text, source }
        : { kind: 'quote', text, source, date: row.date },
    );
  }
  return quotes;
}

function cardImport(
  target: { cardId: string; stageId: string; laneId: string; text: string; created: boolean },
  rows: readonly SurveyRow[],
  before: Metrics,
  evidence: readonly Evidence[],
  options: SurveyImportOptions,
): CardImport {
  const survey = computeMetrics(rows);
  const after: Metrics = { ...before, ...survey.metrics };
  if (
    survey.metrics.volume === undefined &&
    hasLegacyResponseVolume({ metrics: before, evidence })
  ) {
    delete after.volume;
  }
  const quotes = pickQuotes(
    rows,
    evidence,
    options.source,
    options.maxQuotes ?? DEFAULT_MAX_QUOTES,
  );
  return { ...target, survey, before, after, deltas: metricDeltas(before, after), quotes };
}

/** What an import of validated rows would do to a board; writes nothing. */
/** A board as an import plans against it: its grid, and its CES method (W249) when known. */
export type SurveyBoard = BoardLike & { meta?: Pick<BoardMeta, 'cesMethod'> };

export function planSurveyImport(
  board: SurveyBoard,
  rows: readonly SurveyRow[],
  options: SurveyImportOptions,
): SurveyImportReport {
  const match = matchSurvey(board, rows);
  const cardsById = new Map(board.cards.map((c) => [c.id, c]));
  const cards = match.matched.map(({ rows: cardRows, ...m }) => {
    const card = cardsById.get(m.cardId)!;
    // The rows themselves stay out of the report: it answers a request, and files are large.
    return cardImport({ ...m, created: false }, cardRows, card.metrics, card.evidence, options);
  });
  const firstTouchpointLane = board.lanes.find((l) => l.kind === 'touchpoints');
  const unmatched: UnmatchedSummary[] = [];
  for (const group of match.unmatched) {
    if (
      options.createMissing &&
      group.reason === 'no-card' &&
      group.stageId !== undefined &&
      firstTouchpointLane
    ) {
      const target = {
        cardId: newId(),
        stageId: group.stageId,
        laneId: firstTouchpointLane.id,
        text: group.touchpoint,
        created: true,
      };
      cards.push(cardImport(target, group.rows, {}, [], options));
      continue;
    }
    const { rows: groupRows, ...rest } = group;
    unmatched.push({
      ...rest,
      count: groupRows.length,
      lines: groupRows.slice(0, LINES_LISTED).map((r) => r.line),
    });
  }
  const matchedRows = cards.reduce((sum, c) => sum + c.survey.n.responses, 0);
  const report: SurveyImportReport = {
    source: options.source,
    rowCount: rows.length,
    matchedRows,
    cards,
    unmatched,
  };
  if (board.meta?.cesMethod === 'top2box') report.cesMethod = 'top2box';
  return report;
}

/**
 * Validates a survey CSV and, only when it has no error, applies it to the doc in one
 * transaction. Invalid input writes nothing and returns every error (capped). `csv` may also
 * be the result of `readSurvey` (then `mapping` is ignored), so a caller that checked first
 * does not validate twice.
 */
export function applySurveyImport(
  doc: Y.Doc,
  csv: string | CsvTable | SurveyParse,
  mapping: SurveyMapping | undefined,
  options: SurveyImportOptions,
): SurveyImportResult {
  const parsed = typeof csv === 'object' && 'errorCount' in csv ? csv : readSurvey(csv, mapping);
  if (parsed.errorCount > 0) {
    return { ok: false, errors: parsed.errors, errorCount: parsed.errorCount };
  }
  let report!: SurveyImportReport;
  doc.transact(() => {
    // Planned inside the transaction, so the board read is the board written.
    report = planSurveyImport(readBoard(doc), parsed.rows, options);
    writeSurveyImport(doc, report, options);
  });
  return { ok: true, report };
}

/** The source of the points a survey import writes into the series (W264). */
export const SURVEY_SERIES_SOURCE = 'survey';

/**
 * A card's survey metrics as series points (W264): the period runs from the oldest to the newest
 * row date, or is the import day when no row has a date; n is each metric's sample size.
 */
function surveyPoints(card: CardImport, today: string, cesMethod: CesMethod): PointWrite[] {
  const { metrics, n, from, to, cesTop2box } = card.survey;
  const period = { periodStart: from ?? today, periodEnd: to ?? today };
  // W249: a top-2-box board gets that point beside the mean (the card's value, W253).
  const top2: PointWrite[] =
    cesMethod === 'top2box' && cesTop2box !== undefined
      ? [
          {
            cardId: card.cardId,
            metric: 'ces',
            method: 'top2box',
            value: cesTop2box,
            n: n.ces,
            ...period,
            source: SURVEY_SERIES_SOURCE,
          },
        ]
      : [];
  return METRIC_KEYS.flatMap((metric) => {
    const value = metrics[metric];
    if (value === undefined) return [];
    const point: PointWrite = {
      cardId: card.cardId,
      metric,
      value,
      ...period,
      source: SURVEY_SERIES_SOURCE,
    };
    if (metric !== 'volume') point.n = n[metric];
    return metric === 'ces' ? [point, ...top2] : [point];
  });
}

/**
 * Writes a planned import (`planSurveyImport`) in one transaction. The plan may come from an
 * earlier copy of the board (the server plans large files in a worker thread): a card deleted
 * since, or a card to create whose stage or lane is gone, is skipped; summaries of the same
 * source are replaced as the card holds them now.
 */
export function writeSurveyImport(
  doc: Y.Doc,
  report: SurveyImportReport,
  options: Pick<SurveyImportOptions, 'source' | 'today'>,
): void {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const cards = boardRoots(doc).cards;
  const cesMethod = cesMethodOf(readMeta(doc));
  doc.transact(() => {
    for (const card of report.cards) {
      try {
        if (card.created) {
          addCard(doc, {
            id: card.cardId,
            stageId: card.stageId,
            laneId: card.laneId,
            text: card.text,
          });
        }
        const record = cards.get(card.cardId);
        const list = isYMap(record) ? record.get('evidence') : undefined;
        // What this card holds now (the plan may be older); unreadable items are left alone.
        const evidence = isYArray(list) ? readEvidence(list, card.cardId, []) : [];
        // A volume the plan drops is a response count an older import wrote: cleared.
        const cleared = card.before.volume !== undefined && card.after.volume === undefined;
        setMetrics(
          doc,
          card.cardId,
          cleared ? { ...card.survey.metrics, volume: undefined } : card.survey.metrics,
        );
        for (const e of evidence) {
          if (isSurveySummary(e) && e.source === options.source)
            removeEvidence(doc, card.cardId, e.id);
        }
        addEvidence(doc, card.cardId, {
          kind: 'data',
          text: formatSurveySummary(card.survey, cesMethod),
          source: options.source,
          date: card.survey.to ?? today,
        });
        for (const quote of card.quotes) addEvidence(doc, card.cardId, quote);
        writeMetricPoints(doc, surveyPoints(card, today, cesMethod));
      } catch (err) {
        if (!(err instanceof ModelError)) throw err;
      }
    }
  });
}

export interface SurveyPreview extends SurveyParse {
  suggestedMapping: SurveyMapping;
  /** Columns that look like a metric but are left unused by `mapping` (or contradict its scale). */
  warnings: MappingWarning[];
  /** Valid rows in all (`rows` holds the first `limit`). */
  rowCount: number;
  /** The first rows as they stand in the file (one string per header), for a raw table. */
  sample: { line: number; values: string[] }[];
  /** With a board: what importing the valid rows would do (ids of cards to create are provisional). */
  matches?: SurveyImportReport;
}

/** What the mapping dialog shows: headers, a guess, the first `limit` rows, every error. */
export function previewSurvey(
  csv: string | CsvTable,
  options: {
    mapping?: SurveyMapping;
    limit?: number;
    board?: SurveyBoard;
    createMissing?: boolean;
  } = {},
): SurveyPreview {
  const limit = options.limit ?? 20;
  const table = typeof csv === 'string' ? parseCsv(csv) : csv;
  const parsed = readSurvey(table, options.mapping);
  const preview: SurveyPreview = {
    ...parsed,
    rows: parsed.rows.slice(0, limit),
    rowCount: parsed.rows.length,
    suggestedMapping: suggestMapping(parsed.headers),
    warnings: mappingWarnings(parsed.headers, parsed.mapping),
    sample: table.records
      .slice(1, limit + 1)
      .map((r) => ({ line: r.line, values: r.fields.map((f) => f.value) })),
  };
  if (options.board) {
    preview.matches = planSurveyImport(options.board, parsed.rows, {
      source: 'preview',
      createMissing: options.createMissing ?? false,
    });
  }
  return preview;
}
