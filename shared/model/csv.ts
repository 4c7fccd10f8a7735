/**
 * A small RFC 4180 CSV reader that keeps physical line numbers, so every problem in an import
 * can point at the line a person sees in a text editor. Accepts a UTF-8 BOM, CRLF, LF and lone CR
 * line breaks, quoted fields with escaped quotes ("") and embedded line breaks, and a `,`, `;` or
 * tab delimiter (detected from the header line unless given).
 *
 * Lenient where spreadsheets are sloppy: a quote inside an unquoted field is kept literally, and
 * fully empty lines are skipped. Strict where data would be lost: an unclosed quote, or text
 * after a closing quote, is a problem with its line and field number.
 */

export const CSV_DELIMITERS = [',', ';', '\t'] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

export interface CsvField {
  value: string;
  /** 1-based physical line the field starts on. */
  line: number;
}

export interface CsvRecord {
  /** 1-based physical line the record starts on. */
  line: number;
  fields: CsvField[];
}

export interface CsvProblem {
  line: number;
  /** 1-based field number within its record. */
  field: number;
  message: string;
}

export interface CsvTable {
  delimiter: CsvDelimiter;
  /** Every non-empty record, the header first. */
  records: CsvRecord[];
  problems: CsvProblem[];
}

const QUOTE = '"';

/** The delimiter used most often outside quotes on the first line; a comma when none is. */
export function detectDelimiter(text: string): CsvDelimiter {
  const counts = new Map<CsvDelimiter, number>(CSV_DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const ch of text) {
    if (ch === QUOTE) quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && counts.has(ch as CsvDelimiter))
      counts.set(ch as CsvDelimiter, counts.get(ch as CsvDelimiter)! + 1);
  }
  let best: CsvDelimiter = ',';
  for (const d of CSV_DELIMITERS) if (counts.get(d)! > counts.get(best)!) best = d;
  return best;
}

/** Line breaks in a chunk: CRLF counts once, lone CR and LF once each. */
function countBreaks(chunk: string): number {
  let breaks = 0;
  for (let i = 0; i < chunk.length; i++) {
    const ch = chunk[i];
    if (ch === '\n') breaks++;
    else if (ch === '\r' && chunk[i + 1] !== '\n') breaks++;
  }
  return breaks;
}

const isBreak = (ch: string | undefined) => ch === '\n' || ch === '\r';

export function parseCsv(input: string, options: { delimiter?: CsvDelimiter } = {}): CsvTable {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const records: CsvRecord[] = [];
  const problems: CsvProblem[] = [];
  const end = text.length;
  let i = 0;
  let line = 1;

  /** Reads a quoted field starting at the opening quote; null when it never closes. */
  const readQuoted = (fieldNo: number): string | null => {
    const opened = line;
    let value = '';
    i++;
    for (;;) {
      const close = text.indexOf(QUOTE, i);
      if (close < 0) {
        problems.push({
          line: opened,
          field: fieldNo,
          message: 'a quoted field starts here and is never closed',
        });
        i = end;
        return null;
      }
      const chunk = text.slice(i, close);
      if (/[\r\n]/.test(chunk)) {
        line += countBreaks(chunk);
        value += chunk.replace(/\r\n?/g, '\n');
      } else value += chunk;
      i = close + 1;
      if (text[i] !== QUOTE) break;
      value += QUOTE; // "" is an escaped quote
      i++;
    }
    if (i < end && text[i] !== delimiter && !isBreak(text[i])) {
      // Keep what follows so nothing is silently lost, but flag the malformed field.
      problems.push({
        line,
        field: fieldNo,
        message: `unexpected text after a closing quote: ${JSON.stringify(text[i])}`,
      });
      const stop = nextStop(i);
      value += text.slice(i, stop);
      i = stop;
    }
    return value;
  };

  // A regex scan is several times faster than a char-by-char loop on large files.
  const stops = new RegExp(`[${delimiter === '\t' ? '\\t' : delimiter}\\r\\n]`, 'g');
  /** Index of the next delimiter or line break at or after `from` (or the end). */
  const nextStop = (from: number): number => {
    stops.lastIndex = from;
    return stops.exec(text)?.index ?? end;
  };

  while (i < end) {
    const record: CsvRecord = { line, fields: [] };
    let onlyEmpty = true;
    for (;;) {
      const fieldLine = line;
      let value: string;
      if (text[i] === QUOTE) {
        const quoted = readQuoted(record.fields.length + 1);
        if (quoted === null) return { delimiter, records, problems };
        value = quoted;
        onlyEmpty = false;
      } else {
        const stop = nextStop(i);
        value = text.slice(i, stop);
        if (value) onlyEmpty = false;
        i = stop;
      }
      record.fields.push({ value, line: fieldLine });
      if (text[i] === delimiter) {
        i++;
        onlyEmpty = false;
        continue;
      }
      // A line break (CRLF, LF or CR) or the end of the text ends the record.
      if (text[i] === '\r') {
        i += text[i + 1] === '\n' ? 2 : 1;
        line++;
      } else if (text[i] === '\n') {
        i++;
        line++;
      }
      break;
    }
    if (!onlyEmpty) records.push(record);
  }
  return { delimiter, records, problems };
}

/**
 * One field as RFC 4180 writes it: quoted (quotes doubled) only when it holds a quote, the
 * delimiter or a line break.
 */
export function csvField(value: string, delimiter: CsvDelimiter = ','): string {
  const needsQuotes =
    value.includes(QUOTE) ||
    value.includes(delimiter) ||
    value.includes('\n') ||
    value.includes('\r');
  return needsQuotes ? `${QUOTE}${value.replaceAll(QUOTE, QUOTE + QUOTE)}${QUOTE}` : value;
}

/** Rows as RFC 4180 text: CRLF after every record, the last one included. */
export function formatCsv(
  rows: readonly (readonly string[])[],
  delimiter: CsvDelimiter = ',',
): string {
  return rows
    .map((row) => row.map((v) => csvField(v, delimiter)).join(delimiter) + '\r\n')
    .join('');
}
