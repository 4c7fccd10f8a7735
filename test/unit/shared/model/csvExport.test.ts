import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { parseCsv, type CsvTable } from '../../../../shared/model/csv.js';
import {
  boardToCsv,
  CSV_EXPORT_COLUMNS,
  spreadsheetSafe,
} from '../../../../shared/model/csvExport.js';
import {
  addCard,
  addLane,
  addStage,
  applyTemplate,
  moveStage,
  readBoard,
} from '../../../../shared/model/index.js';
import { newBoard } from './helpers.js';

/** Every record as a column → value object (the header row becomes the keys). */
function rowsOf(table: CsvTable): Record<string, string>[] {
  const [header, ...records] = table.records.map((r) => r.fields.map((f) => f.value));
  return records.map((fields) => Object.fromEntries(header!.map((h, i) => [h, fields[i] ?? ''])));
}

function roundTrip(doc: Y.Doc) {
  const text = boardToCsv(readBoard(doc));
  const table = parseCsv(text);
  expect(table.problems).toEqual([]);
  expect(table.delimiter).toBe(',');
  return { text, table, rows: rowsOf(table) };
}

describe('boardToCsv', () => {
  it('W116: writes a BOM, the header row and CRLF line ends', () => {
    const { text, table } = roundTrip(newBoard());
    expect(text.startsWith('\uFEFFstage,stage_order,lane,lane_kind,text,')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
    expect(table.records).toHaveLength(1);
    expect(table.records[0]!.fields.map((f) => f.value)).toEqual([...CSV_EXPORT_COLUMNS]);
  });

  it('W116: quotes commas, quotes and line breaks and keeps accents, round-tripping exactly', () => {
    const doc = newBoard();
    const stageId = addStage(doc, { name: 'Café, "première" visite' });
    const laneId = addLane(doc, { name: 'Points de contact', kind: 'touchpoints' });
    const tricky = 'Ligne 1, avec virgule\nLigne 2 "citée"\r\nÉté — naïve façade ✓';
    const id = addCard(doc, { stageId, laneId, text: tricky, tags: ['prix', 'délai'] });
    const { text, rows } = roundTrip(doc);
    expect(text).toContain('"Ligne 1, avec virgule\nLigne 2 ""citée""\r\nÉté — naïve façade ✓"');
    expect(rows).toEqual([
      {
        stage: 'Café, "première" visite',
        stage_order: '1',
        lane: 'Points de contact',
        lane_kind: 'touchpoints',
        text: tricky.replace('\r\n', '\n'), // the reader folds line breaks to LF
        emotion: '',
        persona: '',
        channel: '',
        team: '',
        expected: '',
        expectation: '',
        csat: '',
        ces: '',
        fcr: '',
        nps: '',
        volume: '',
        tags: 'prix;délai',
        evidence_count: '0',
        latest_evidence_date: '',
        card_id: id,
        image: '',
        external_key: '',
        link: '',
      },
    ]);
  });

  it('W116: writes metrics, emotion, channel and evidence, leaving missing metrics blank', () => {
    const doc = newBoard();
    const stageId = addStage(doc, { name: 'Support' });
    const laneId = addLane(doc, { name: 'Metrics', kind: 'metrics' });
    addCard(doc, {
      stageId,
      laneId,
      text: 'Phone line',
      channel: 'phone',
      emotion: -2,
      metrics: { csat: 61.5, volume: 1850 },
      externalKey: '=TP-PHONE',
      link: 'childBoard01',
      evidence: [
        { id: 'e1', kind: 'quote', text: 'Long wait', date: '2026-03-01' },
        { id: 'e2', kind: 'data', text: 'Survey', date: '2026-09-30' },
        { id: 'e3', kind: 'link', text: 'Ticket', url: 'https://example.com' },
      ],
    });
    const [row] = roundTrip(doc).rows;
    expect(row).toMatchObject({
      emotion: '-2',
      channel: 'phone',
      csat: '61.5',
      ces: '',
      fcr: '',
      volume: '1850',
      evidence_count: '3',
      latest_evidence_date: '2026-09-30',
      // W117: a key is free text too, so a formula-like one is defused.
      external_key: "'=TP-PHONE",
      link: 'childBoard01',
    });
  });

  it('W116: orders rows by stage, then lane, then the card order in its cell', () => {
    const doc = newBoard();
    const s1 = addStage(doc, { name: 'First' });
    const s2 = addStage(doc, { name: 'Second' });
    const l1 = addLane(doc, { name: 'Top', kind: 'actions' });
    const l2 = addLane(doc, { name: 'Bottom', kind: 'goals' });
    // Added out of display order on purpose.
    addCard(doc, { stageId: s2, laneId: l2, text: 's2 l2' });
    addCard(doc, { stageId: s1, laneId: l2, text: 's1 l2' });
    addCard(doc, { stageId: s2, laneId: l1, text: 's2 l1 b' });
    addCard(doc, { stageId: s2, laneId: l1, text: 's2 l1 a', index: 0 });
    addCard(doc, { stageId: s1, laneId: l1, text: 's1 l1' });
    expect(roundTrip(doc).rows.map((r) => r.text)).toEqual([
      's1 l1',
      's1 l2',
      's2 l1 a',
      's2 l1 b',
      's2 l2',
    ]);
    moveStage(doc, s2, 0);
    const moved = roundTrip(doc).rows;
    expect(moved.map((r) => r.text)).toEqual(['s2 l1 a', 's2 l1 b', 's2 l2', 's1 l1', 's1 l2']);
    expect(moved.map((r) => r.stage_order)).toEqual(['1', '1', '1', '2', '2']);
  });

  it('W116: has one row per card of a full template', () => {
    const doc = new Y.Doc();
    applyTemplate(doc, 'service-blueprint', { title: 'Blueprint', createdAt: '2026-01-01' });
    const board = readBoard(doc);
    const { rows } = roundTrip(doc);
    expect(rows).toHaveLength(board.cards.length);
    expect(new Set(rows.map((r) => r.card_id))).toEqual(new Set(board.cards.map((c) => c.id)));
  });

  it('W117: defuses text a spreadsheet would run as a formula', () => {
    expect(spreadsheetSafe('=HYPERLINK("http://evil")')).toBe('\'=HYPERLINK("http://evil")');
    expect(spreadsheetSafe('+1')).toBe("'+1");
    expect(spreadsheetSafe('-drop')).toBe("'-drop");
    expect(spreadsheetSafe('@mention')).toBe("'@mention");
    expect(spreadsheetSafe('Plain, 1 + 1')).toBe('Plain, 1 + 1');
    const doc = newBoard();
    const stageId = addStage(doc, { name: '=cmd' });
    const laneId = addLane(doc, { name: 'Lane', kind: 'emotions' });
    addCard(doc, { stageId, laneId, text: '=1+1', emotion: -1 });
    const [row] = roundTrip(doc).rows;
    expect(row).toMatchObject({ stage: "'=cmd", text: "'=1+1", emotion: '-1' });
  });
});
