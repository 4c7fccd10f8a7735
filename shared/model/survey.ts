/**
 * Voice-of-customer CSV import, step one: header mapping and row validation. Pure and
 * isomorphic, so the mapping dialog can preview in the browser what the server will accept.
 *
 * Line numbers are physical lines, 1-based, the header being line 1; a field's problem names
 * the line the field starts on (a quoted comment may span lines). Every problem is reported
 * (up to MAX_SURVEY_ERRORS), and rows are only usable when there is none.
 */
import { parseCsv, type CsvRecord, type CsvTable } from './csv.js';
import {
  FIELD_SCALE,
  SURVEY_FIELDS,
  suggestMapping,
  type SurveyField,
  type SurveyMapping,
} from './surveyMapping.js';
import { plural } from './plural.js';

/** One validated response or contact. */
export interface SurveyRow {
  /** Physical line the row starts on. */
  line: number;
  touchpoint: string;
  stage?: string;
  channel?: string;
  /** 1–5; 4 and 5 count as satisfied. */
  csat?: number;
  /** 1–7, higher = easier. */
  ces?: number;
  resolved?: boolean;
  /** 0–10 likelihood to recommend: 9–10 promoters, 0–6 detractors. */
  nps?: number;
  /**
   * Contacts this row stands for (a whole number ≥ 0), from a volume column: contact volume is
   * a count of contacts, never the number of survey responses.
   */
  volume?: number;
  /** yyyy-mm-dd */
  date?: string;
  comment?: string;
}

export interface SurveyError {
  line: number;
  /** The CSV header of the column at fault, when one is. */
  column?: string;
  field?: SurveyField;
  /** Complete, e.g. `line 14, column "csat": 7 is not between 1 and 5`. */
  message: string;
}

export interface SurveyParse {
  headers: string[];
  mapping: SurveyMapping;
  rows: SurveyRow[];
  /** The first MAX_SURVEY_ERRORS problems, in line order. */
  errors: SurveyError[];
  /** How many problems there are in all. */
  errorCount: number;
}

export const MAX_SURVEY_ERRORS = 50;
export const MAX_SURVEY_ROWS = 100_000;

const BOOLEAN_WORDS: Record<string, boolean> = {
  yes: true,
  no: false,
  true: true,
  false: false,
  '1': true,
  '0': false,
  y: true,
  n: false,
};

type Check<T> = { value: T } | { problem: string };

function checkScale(raw: string, min: number, max: number): Check<number> {
  if (!/^[+-]?\d+(\.\d+)?$/.test(raw)) {
    return { problem: `${JSON.stringify(raw)} is not a number from ${min} to ${max}` };
  }
  const value = Number(raw);
  if (value < min || value > max) return { problem: `${raw} is not between ${min} and ${max}` };
  if (!Number.isInteger(value)) return { problem: `${raw} is not a whole number` };
  return { value };
}

function checkCount(raw: string): Check<number> {
  if (!/^\d+$/.test(raw)) return { problem: `${JSON.stringify(raw)} is not a whole number ≥ 0` };
  const value = Number(raw);
  if (!Number.isSafeInteger(value)) return { problem: `${raw} is too large` };
  return { value };
}

function checkBoolean(raw: string): Check<boolean> {
  const value = BOOLEAN_WORDS[raw.toLowerCase()];
  if (value === undefined) {
    return { problem: `${JSON.stringify(raw)} is not one of yes, no, true, false, 1, 0` };
  }
  return { value };
}

function checkDate(raw: string): Check<string> {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!match) return { problem: `${JSON.stringify(raw)} is not a date written yyyy-mm-dd` };
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) {
    return { problem: `${raw} is not a calendar date` };
  }
  return { value: raw };
}

function lineMessage(line: number, column: string | undefined, problem: string): string {
  return column === undefined
    ? `line ${line}: ${problem}`
    : `line ${line}, column ${JSON.stringify(column)}: ${problem}`;
}

/** Collects problems, keeping the first MAX_SURVEY_ERRORS and counting the rest. */
class Problems {
  readonly list: SurveyError[] = [];
  count = 0;
  add(line: number, problem: string, column?: string, field?: SurveyField): void {
    this.count++;
    if (this.list.length >= MAX_SURVEY_ERRORS) return;
    const error: SurveyError = { line, message: lineMessage(line, column, problem) };
    if (column !== undefined) error.column = column;
    if (field !== undefined) error.field = field;
    this.list.push(error);
  }
}

/** How each field's cell becomes a SurveyRow property. */
const READERS: Record<
  SurveyField,
  { key: keyof SurveyRow; check: (raw: string) => Check<unknown> }
> = {
  touchpoint: { key: 'touchpoint', check: (raw) => ({ value: raw }) },
  stage: { key: 'stage', check: (raw) => ({ value: raw }) },
  channel: { key: 'channel', check: (raw) => ({ value: raw }) },
  csat: {
    key: 'csat',
    check: (raw) => checkScale(raw, FIELD_SCALE.csat!.min, FIELD_SCALE.csat!.max),
  },
  ces: { key: 'ces', check: (raw) => checkScale(raw, FIELD_SCALE.ces!.min, FIELD_SCALE.ces!.max) },
  resolved_first_contact: { key: 'resolved', check: checkBoolean },
  nps: { key: 'nps', check: (raw) => checkScale(raw, FIELD_SCALE.nps!.min, FIELD_SCALE.nps!.max) },
  volume: { key: 'volume', check: checkCount },
  date: { key: 'date', check: checkDate },
  comment: { key: 'comment', check: (raw) => ({ value: raw }) },
};

interface Column {
  field: SurveyField;
  index: number;
  header: string;
}

/** The mapped columns in field order; problems for missing or ambiguous ones (line 1). */
function resolveColumns(headers: readonly string[], mapping: SurveyMapping, problems: Problems) {
  const columns: Column[] = [];
  if (!mapping.touchpoint) problems.add(1, 'no column is mapped to touchpoint');
  for (const field of SURVEY_FIELDS) {
    const header = mapping[field]?.trim();
    if (!header) continue;
    let hits = headers.flatMap((h, i) => (h === header ? [i] : []));
    if (hits.length === 0) {
      const lower = header.toLowerCase();
      hits = headers.flatMap((h, i) => (h.toLowerCase() === lower ? [i] : []));
    }
    if (hits.length === 0) {
      problems.add(1, `there is no column ${JSON.stringify(header)} (mapped to ${field})`);
    } else if (hits.length > 1) {
      problems.add(1, `${hits.length} columns are named like this (mapped to ${field})`, header);
    } else columns.push({ field, index: hits[0]!, header: headers[hits[0]!]! });
  }
  return columns;
}

/** One record as a row, or null (with its problems added). A plain loop: files can be large. */
function readRow(
  record: CsvRecord,
  width: number,
  columns: readonly Column[],
  problems: Problems,
): SurveyRow | null {
  const count = record.fields.length;
  if (count !== width) {
    problems.add(record.line, `${plural(count, 'field')} where the header has ${width}`);
    return null;
  }
  const row: Record<string, unknown> = { line: record.line };
  let ok = true;
  for (const { field, index, header } of columns) {
    const cell = record.fields[index]!;
    const raw = cell.value.trim();
    if (!raw) {
      if (field === 'touchpoint') {
        ok = false;
        problems.add(cell.line, 'touchpoint is empty', header, field);
      }
      continue;
    }
    const reader = READERS[field];
    const result = reader.check(raw);
    if ('value' in result) row[reader.key] = result.value;
    else {
      ok = false;
      problems.add(cell.line, result.problem, header, field);
    }
  }
  return ok && typeof row.touchpoint === 'string' ? (row as unknown as SurveyRow) : null;
}

/** Parses and validates a survey CSV. `mapping` defaults to `suggestMapping(headers)`. */
export function readSurvey(csv: string | CsvTable, mapping?: SurveyMapping): SurveyParse {
  const table = typeof csv === 'string' ? parseCsv(csv) : csv;
  const problems = new Problems();
  const [head, ...body] = table.records;
  const headers = head?.fields.map((f) => f.value.trim()) ?? [];
  for (const p of table.problems) {
    const header = headers[p.field - 1];
    problems.add(
      p.line,
      header === undefined ? `field ${p.field}: ${p.message}` : p.message,
      header,
    );
  }
  const used = mapping ?? suggestMapping(headers);
  const result = (rows: SurveyRow[]): SurveyParse => ({
    headers,
    mapping: used,
    rows,
    errors: [...problems.list].sort((a, b) => a.line - b.line),
    errorCount: problems.count,
  });
  if (!head) {
    if (table.problems.length === 0) problems.add(1, 'the file is empty');
    return result([]);
  }
  const columns = resolveColumns(headers, used, problems);
  // Spreadsheets often export trailing rows of bare delimiters: they are not responses.
  const records = body.filter((r) => r.fields.some((f) => f.value.trim() !== ''));
  if (records.length === 0 && table.problems.length === 0) {
    problems.add(2, 'the file has a header but no rows');
  }
  if (records.length > MAX_SURVEY_ROWS) {
    problems.add(records[MAX_SURVEY_ROWS]!.line, `more than ${MAX_SURVEY_ROWS} rows`);
    return result([]);
  }
  if (problems.count > 0 && columns.length === 0) return result([]);
  const rows: SurveyRow[] = [];
  for (const record of records) {
    const row = readRow(record, headers.length, columns, problems);
    if (row) rows.push(row);
  }
  return result(rows);
}
