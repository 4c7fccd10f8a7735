import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addShape,
  addStage,
  initBoard,
  readBoard,
  STAGE_WIDTH_MAX,
  STAGE_WIDTH_MIN,
  type BoardSnapshot,
} from '../../../../shared/model/index.js';
import {
  boardSummary,
  describeItem,
  EMPTY_EVIDENCE,
  evidenceFromDraft,
  excerpt,
  isHttpUrl,
  isIsoDate,
  metricRangeError,
  metricRangeText,
  parseMetricInput,
  parseStageWidth,
  resolveSelection,
  splitTags,
} from '../../../../client/src/board/details/helpers.js';

function fixture() {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Checkout', mapType: 'current-state' });
  const s1 = addStage(doc, { name: 'Browse' });
  const s2 = addStage(doc, { name: 'Pay' });
  const l1 = addLane(doc, { name: 'Actions', kind: 'actions' });
  const l2 = addLane(doc, { name: 'Feelings', kind: 'emotions' });
  const c1 = addCard(doc, { stageId: s1, laneId: l1, text: 'Looks at shoes\nsecond line' });
  const c2 = addCard(doc, { stageId: s1, laneId: l2, text: '', emotion: 1 });
  const c3 = addCard(doc, { stageId: s2, laneId: l1, text: 'Pays' });
  const note = addShape(doc, { type: 'note', x: 0, y: 0, w: 10, h: 10, text: 'Idea' });
  const rect = addShape(doc, { type: 'rect', x: 0, y: 0, w: 10, h: 10 });
  const arrow = addShape(doc, { type: 'arrow', x: 0, y: 0, w: 10, h: 0, from: c1, to: note });
  return { doc, board: readBoard(doc), s1, s2, l1, l2, c1, c2, c3, note, rect, arrow };
}

describe('resolveSelection', () => {
  const f = fixture();
  const board: BoardSnapshot = f.board;

  it('nothing (or only unknown ids) selected → the board', () => {
    expect(resolveSelection(board, [])).toEqual({ kind: 'board' });
    expect(resolveSelection(board, ['gone', 'also-gone'])).toEqual({ kind: 'board' });
  });

  it('one card → the card with its stage and lane', () => {
    const sel = resolveSelection(board, [f.c2]);
    expect(sel.kind).toBe('card');
    if (sel.kind !== 'card') return;
    expect(sel.card.id).toBe(f.c2);
    expect(sel.stage?.name).toBe('Browse');
    expect(sel.lane?.kind).toBe('emotions');
  });

  it('a stage or lane → it with its card count', () => {
    expect(resolveSelection(board, [f.s1])).toMatchObject({ kind: 'stage', cardCount: 2 });
    expect(resolveSelection(board, [f.s2])).toMatchObject({ kind: 'stage', cardCount: 1 });
    expect(resolveSelection(board, [f.l1])).toMatchObject({ kind: 'lane', cardCount: 2 });
    expect(resolveSelection(board, [f.l2])).toMatchObject({ kind: 'lane', cardCount: 1 });
  });

  it('a shape → the shape', () => {
    const sel = resolveSelection(board, [f.arrow]);
    expect(sel).toMatchObject({ kind: 'shape', shape: { id: f.arrow, type: 'arrow' } });
  });

  it('several → multi, sorted by type, unknown and repeated ids dropped', () => {
    const sel = resolveSelection(board, [f.c1, f.note, 'gone', f.c3, f.c1, f.s1]);
    expect(sel.kind).toBe('multi');
    if (sel.kind !== 'multi') return;
    expect(sel.cards.map((c) => c.id)).toEqual([f.c1, f.c3]);
    expect(sel.shapes.map((s) => s.id)).toEqual([f.note]);
    expect(sel.stages.map((s) => s.id)).toEqual([f.s1]);
    expect(sel.lanes).toEqual([]);
  });

  it('a repeated single id is still one item', () => {
    expect(resolveSelection(board, [f.c1, f.c1]).kind).toBe('card');
    expect(resolveSelection(board, [f.c1, 'gone']).kind).toBe('card');
  });
});

describe('parseMetricInput', () => {
  it('empty (or blank) clears the metric', () => {
    for (const key of ['csat', 'ces', 'fcr', 'volume'] as const) {
      expect(parseMetricInput(key, '')).toEqual({ ok: true, value: undefined });
      expect(parseMetricInput(key, '   ')).toEqual({ ok: true, value: undefined });
    }
  });

  it('accepts values inside the range, including its ends', () => {
    expect(parseMetricInput('csat', '0')).toEqual({ ok: true, value: 0 });
    expect(parseMetricInput('csat', '100')).toEqual({ ok: true, value: 100 });
    expect(parseMetricInput('csat', ' 72.5 ')).toEqual({ ok: true, value: 72.5 });
    expect(parseMetricInput('ces', '1')).toEqual({ ok: true, value: 1 });
    expect(parseMetricInput('ces', '7')).toEqual({ ok: true, value: 7 });
    expect(parseMetricInput('ces', '4,5')).toEqual({ ok: true, value: 4.5 });
    expect(parseMetricInput('ces', '.5e1')).toEqual({ ok: true, value: 5 });
    expect(parseMetricInput('fcr', '+60')).toEqual({ ok: true, value: 60 });
    expect(parseMetricInput('volume', '0')).toEqual({ ok: true, value: 0 });
    expect(parseMetricInput('volume', '125000')).toEqual({ ok: true, value: 125000 });
  });

  it('rejects values outside the range with a message naming it', () => {
    expect(parseMetricInput('csat', '101')).toEqual({
      ok: false,
      error: 'CSAT must be a number from 0 to 100 (%)',
    });
    expect(parseMetricInput('csat', '-1')).toMatchObject({ ok: false });
    expect(parseMetricInput('ces', '0.9')).toEqual({
      ok: false,
      error: 'CES must be a number from 1 to 7',
    });
    expect(parseMetricInput('ces', '8')).toMatchObject({ ok: false });
    expect(parseMetricInput('fcr', '100.1')).toEqual({
      ok: false,
      error: 'FCR must be a number from 0 to 100 (%)',
    });
    expect(parseMetricInput('volume', '-5')).toEqual({
      ok: false,
      error: 'Volume must be a whole number, 0 or more',
    });
  });

  it('rejects text that is not a plain number, fractional volumes and bad browser input', () => {
    for (const raw of ['abc', '12abc', '1.2.3', 'NaN', 'Infinity', '0x10', '5%', '1,2,3', '--1']) {
      expect(parseMetricInput('csat', raw).ok, raw).toBe(false);
    }
    expect(parseMetricInput('volume', '1.5').ok).toBe(false);
    expect(parseMetricInput('volume', `${Number.MAX_SAFE_INTEGER + 2}`).ok).toBe(false);
    // A number input holding "1e" reports an empty value and badInput.
    expect(parseMetricInput('csat', '', true)).toEqual({
      ok: false,
      error: metricRangeError('csat'),
    });
  });

  it('describes each range', () => {
    expect(metricRangeText('csat')).toBe('0–100 %');
    expect(metricRangeText('fcr')).toBe('0–100 %');
    expect(metricRangeText('ces')).toBe('1–7');
    expect(metricRangeText('volume')).toBe('0 or more');
  });
});

describe('parseStageWidth', () => {
  it('empty resets to the default width', () => {
    expect(parseStageWidth('')).toEqual({ ok: true, value: undefined });
    expect(parseStageWidth('  ')).toEqual({ ok: true, value: undefined });
  });

  it('takes whole numbers in range and rounds fractions', () => {
    expect(parseStageWidth(String(STAGE_WIDTH_MIN))).toEqual({ ok: true, value: STAGE_WIDTH_MIN });
    expect(parseStageWidth(String(STAGE_WIDTH_MAX))).toEqual({ ok: true, value: STAGE_WIDTH_MAX });
    expect(parseStageWidth('320.4')).toEqual({ ok: true, value: 320 });
  });

  it('rejects out-of-range, non-numbers and bad browser input', () => {
    const error = `Width must be a whole number from ${STAGE_WIDTH_MIN} to ${STAGE_WIDTH_MAX}`;
    expect(parseStageWidth(String(STAGE_WIDTH_MIN - 1))).toEqual({ ok: false, error });
    expect(parseStageWidth(String(STAGE_WIDTH_MAX + 1))).toEqual({ ok: false, error });
    expect(parseStageWidth('wide')).toEqual({ ok: false, error });
    expect(parseStageWidth('', true)).toEqual({ ok: false, error });
  });
});

describe('splitTags', () => {
  it('splits on commas, trims and drops empties and repeats', () => {
    expect(splitTags('billing')).toEqual(['billing']);
    expect(splitTags(' billing , mobile,,  billing ,')).toEqual(['billing', 'mobile']);
    expect(splitTags('')).toEqual([]);
    expect(splitTags(' , ')).toEqual([]);
    expect(splitTags('two words')).toEqual(['two words']);
  });
});

describe('evidenceFromDraft', () => {
  it('requires text', () => {
    expect(evidenceFromDraft(EMPTY_EVIDENCE)).toEqual({
      ok: false,
      error: 'Evidence text must not be empty',
    });
    expect(evidenceFromDraft({ ...EMPTY_EVIDENCE, text: '  ' }).ok).toBe(false);
  });

  it('leaves empty optional fields out and trims the rest', () => {
    expect(evidenceFromDraft({ ...EMPTY_EVIDENCE, text: ' "Too many steps" ' })).toEqual({
      ok: true,
      value: { kind: 'quote', text: '"Too many steps"' },
    });
    expect(
      evidenceFromDraft({
        kind: 'data',
        text: '42% drop-off',
        source: ' Analytics ',
        date: '2024-02-29',
        url: '',
      }),
    ).toEqual({
      ok: true,
      value: { kind: 'data', text: '42% drop-off', source: 'Analytics', date: '2024-02-29' },
    });
  });

  it('checks dates and links', () => {
    const base = { ...EMPTY_EVIDENCE, text: 'x' };
    expect(evidenceFromDraft({ ...base, date: '2023-02-29' })).toMatchObject({ ok: false });
    expect(evidenceFromDraft({ ...base, date: '29/02/2024' })).toMatchObject({ ok: false });
    expect(evidenceFromDraft({ ...base, kind: 'link' })).toEqual({
      ok: false,
      error: 'A link needs a URL',
    });
    expect(evidenceFromDraft({ ...base, kind: 'link', url: 'javascript:alert(1)' })).toEqual({
      ok: false,
      error: 'URL must start with http:// or https://',
    });
    expect(evidenceFromDraft({ ...base, kind: 'link', url: 'https://example.com/r' })).toEqual({
      ok: true,
      value: { kind: 'link', text: 'x', url: 'https://example.com/r' },
    });
  });

  it('isIsoDate and isHttpUrl', () => {
    expect(isIsoDate('2024-01-31')).toBe(true);
    expect(isIsoDate('2024-02-30')).toBe(false);
    expect(isIsoDate('2024-1-5')).toBe(false);
    expect(isIsoDate('2024-13-01')).toBe(false);
    expect(isHttpUrl('http://a.example')).toBe(true);
    expect(isHttpUrl('https://a.example/x?y=1')).toBe(true);
    expect(isHttpUrl('ftp://a.example')).toBe(false);
    expect(isHttpUrl('javascript:alert(1)')).toBe(false);
    expect(isHttpUrl('not a url')).toBe(false);
  });
});

describe('naming and counting', () => {
  const f = fixture();

  it('describeItem names cards and shapes, undefined for unknown', () => {
    expect(describeItem(f.board, f.c1)).toBe('Card “Looks at shoes”');
    expect(describeItem(f.board, f.c2)).toBe('Card “untitled”');
    expect(describeItem(f.board, f.note)).toBe('Sticky note “Idea”');
    expect(describeItem(f.board, f.rect)).toBe('Rectangle');
    expect(describeItem(f.board, 'gone')).toBeUndefined();
    expect(describeItem(f.board, undefined)).toBeUndefined();
  });

  it('excerpt keeps the first line and cuts long text', () => {
    expect(excerpt('  hello  \nworld')).toBe('hello');
    expect(excerpt('a'.repeat(50), 10)).toBe(`${'a'.repeat(9)}…`);
    expect(excerpt('')).toBe('');
  });

  it('boardSummary counts', () => {
    expect(boardSummary(f.board)).toEqual({ stages: 2, lanes: 2, cards: 3, shapes: 3 });
  });
});
