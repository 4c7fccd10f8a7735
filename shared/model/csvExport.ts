/**
 * A board as a spreadsheet: one row per card, in display order (stage, then lane, then the
 * card's place in its cell). Pure and isomorphic, so the browser, the server and tests agree.
 */
import { formatCsv } from './csv.js';
import { cardPersona, personaLabel, personasOf } from './personas.js';
import type { BoardSnapshot, Card } from './schema.js';

/** Column headers, in order (documented in docs/WIRE.md). */
export const CSV_EXPORT_COLUMNS = [
  'stage',
  'stage_order',
  'lane',
  'lane_kind',
  'text',
  'emotion',
  'persona',
  'channel',
  'team',
  'expected',
  'expectation',
  'csat',
  'ces',
  'fcr',
  'nps',
  'volume',
  'tags',
  'evidence_count',
  'latest_evidence_date',
  'card_id',
  'image',
  'external_key',
  'link',
] as const;

export type CsvExportColumn = (typeof CSV_EXPORT_COLUMNS)[number];

/** Spreadsheets run a cell starting with one of these as a formula ("CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Free text as a spreadsheet may show it: text that would start a formula gets a leading
 * apostrophe (the OWASP advice), because card text comes from anyone holding an editor link.
 */
export function spreadsheetSafe(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

const numberCell = (value: number | undefined): string =>
  value === undefined ? '' : String(value);

function latestEvidenceDate(card: Card): string {
  let latest = '';
  // ISO 8601 dates sort as text.
  for (const item of card.evidence) if (item.date && item.date > latest) latest = item.date;
  return latest;
}

/** The cells of every card, header first, in display order. */
export function boardCsvRows(board: BoardSnapshot): string[][] {
  const stageIndex = new Map(board.stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(board.lanes.map((l, i) => [l.id, i]));
  // `cards` is already in order within each cell; a stable sort keeps that order.
  const cards = board.cards
    .filter((c) => stageIndex.has(c.stageId) && laneIndex.has(c.laneId))
    .sort(
      (a, b) =>
        stageIndex.get(a.stageId)! - stageIndex.get(b.stageId)! ||
        laneIndex.get(a.laneId)! - laneIndex.get(b.laneId)!,
    );
  const personas = personasOf(board.meta);
  // With one persona its name is enough; with several, an unnamed one still needs telling apart.
  const personaNames = new Map(
    personas.map((p, i) => [p.id, personas.length > 1 ? personaLabel(p, i) : p.name]),
  );
  const rows: string[][] = [[...CSV_EXPORT_COLUMNS]];
  for (const card of cards) {
    const stageAt = stageIndex.get(card.stageId)!;
    const lane = board.lanes[laneIndex.get(card.laneId)!]!;
    const cells: Record<CsvExportColumn, string> = {
      stage: spreadsheetSafe(board.stages[stageAt]!.name),
      stage_order: String(stageAt + 1),
      lane: spreadsheetSafe(lane.name),
      lane_kind: lane.kind,
      text: spreadsheetSafe(card.text),
      emotion: numberCell(card.emotion),
      persona: spreadsheetSafe(personaNames.get(cardPersona(card) ?? '') ?? ''),
      channel: spreadsheetSafe(card.channel ?? ''),
      csat: numberCell(card.metrics.csat),
      ces: numberCell(card.metrics.ces),
      fcr: numberCell(card.metrics.fcr),
      nps: numberCell(card.metrics.nps),
      volume: numberCell(card.metrics.volume),
      tags: spreadsheetSafe(card.tags.join(';')),
      evidence_count: String(card.evidence.length),
      latest_evidence_date: latestEvidenceDate(card),
      card_id: card.id,
      // The id alone: a path would tie the file to one server's address.
      image: card.image ?? '',
      external_key: spreadsheetSafe(card.externalKey ?? ''),
      // A board id, as in the JSON: the CSV of a map names the maps it drills into.
      link: card.link ?? '',
      team: spreadsheetSafe(card.team ?? ''),
      expected: numberCell(card.expected),
      expectation: spreadsheetSafe(card.expectation ?? ''),
    };
    rows.push(CSV_EXPORT_COLUMNS.map((column) => cells[column]));
  }
  return rows;
}

/**
 * The board as RFC 4180 CSV (comma, CRLF), starting with a UTF-8 byte order mark so Excel reads
 * accents right; `parseCsv` skips the mark.
 */
export function boardToCsv(board: BoardSnapshot): string {
  return '\uFEFF' + formatCsv(boardCsvRows(board));
}
