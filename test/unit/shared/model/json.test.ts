import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addEvidence,
  addLane,
  addShape,
  addStage,
  addTag,
  docFromJson,
  exportBoard,
  importBoard,
  initBoard,
  parseBoardJson,
  readBoard,
  SCHEMA_VERSION,
  setMetrics,
  type BoardJson,
  type JsonIssue,
} from '../../../../shared/model/index.js';
import { countUpdates, CREATED_AT, newBoard } from './helpers.js';

/** A board built through the API with every kind of field set. */
function richBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, {
    title: 'Home insurance claim',
    mapType: 'service-blueprint',
    scenario: 'A storm damaged the roof',
    persona: { name: 'Dana', description: 'First-time homeowner' },
    createdAt: CREATED_AT,
  });
  const report = addStage(doc, { name: 'Report' });
  const assess = addStage(doc, { name: 'Assess' });
  const actions = addLane(doc, { name: 'Actions', kind: 'actions' });
  const feelings = addLane(doc, { name: 'Feelings', kind: 'emotions' });
  const backstage = addLane(doc, { name: 'Backstage', kind: 'backstage' });
  const call = addCard(doc, {
    stageId: report,
    laneId: actions,
    text: 'Calls the hotline\nwaits 20 min',
    color: '#fecaca',
    channel: 'phone',
    metrics: { csat: 41, ces: 5.2, fcr: 63, volume: 1840 },
    tags: ['wait time', 'hotline'],
  });
  addEvidence(doc, call, {
    kind: 'quote',
    text: '"I was on hold forever"',
    source: 'Interview #4',
    date: '2024-03-12',
  });
  addEvidence(doc, call, {
    kind: 'link',
    text: 'Call centre dashboard',
    url: 'https://example.com/dash',
  });
  addEvidence(doc, call, {
    kind: 'data',
    text: 'Avg hold 18 min',
    source: 'ACD',
    date: '2024-03',
    url: 'https://example.com/acd',
  });
  const worry = addCard(doc, { stageId: report, laneId: feelings, text: 'Anxious', emotion: -2 });
  addCard(doc, {
    stageId: assess,
    laneId: feelings,
    text: 'Relieved',
    emotion: 2,
    color: '#bbf7d0',
  });
  const triage = addCard(doc, { stageId: assess, laneId: backstage, text: 'Adjuster triage' });
  setMetrics(doc, triage, { volume: 0 });
  addTag(doc, triage, 'internal');
  addCard(doc, { stageId: assess, laneId: actions, text: '' });
  const note = addShape(doc, { type: 'note', x: 10, y: -20, w: 160, h: 120, text: 'Hold music?' });
  addShape(doc, {
    type: 'text',
    x: 0.5,
    y: 0,
    w: 300,
    h: 40,
    text: 'Pain hotspot',
    color: '#b91c1c',
  });
  const rect = addShape(doc, { type: 'rect', x: -100, y: 400, w: 800, h: 200, text: '' });
  addShape(doc, { type: 'arrow', x: 1, y: 2, w: 3, h: 4, from: call, to: note });
  addShape(doc, { type: 'arrow', x: 5, y: 6, w: 7, h: 8, from: rect, to: worry, color: '#000000' });
  return doc;
}

/** The smallest valid file with one of everything, easy to break one field at a time. */
function validJson() {
  return {
    format: 'journeyboard',
    schemaVersion: 1,
    meta: {
      title: 'Small',
      mapType: 'current-state',
      scenario: '',
      persona: { name: '', description: '' },
      createdAt: CREATED_AT,
    },
    stages: [
      { id: 's1', name: 'Stage 1', order: 'a0' },
      { id: 's2', name: 'Stage 2', order: 'a1' },
    ],
    lanes: [{ id: 'l1', name: 'Lane 1', kind: 'emotions', order: 'a0' }],
    cards: [
      {
        id: 'c1',
        stageId: 's1',
        laneId: 'l1',
        order: 'a0',
        text: 'hi',
        emotion: 1,
        metrics: { csat: 90 },
        tags: ['t'],
        evidence: [{ id: 'e1', kind: 'quote', text: 'q' }],
      },
    ],
    shapes: [{ id: 'arrow1', type: 'arrow', x: 0, y: 0, w: 1, h: 1, color: '#000', from: 'c1' }],
  } as Record<string, unknown> & {
    meta: Record<string, unknown>;
    stages: Record<string, unknown>[];
    cards: (Record<string, unknown> & {
      metrics: Record<string, unknown>;
      evidence: Record<string, unknown>[];
    })[];
    shapes: Record<string, unknown>[];
  };
}

function issuesOf(input: unknown): JsonIssue[] {
  const result = parseBoardJson(input);
  if (result.ok) throw new Error('expected the input to be rejected');
  return result.issues;
}

function pathsOf(input: unknown): string[] {
  return issuesOf(input).map((issue) => issue.path);
}

describe('exportBoard', () => {
  it('W101: writes the versioned format, with schemaVersion at the top and not in meta', () => {
    const json = exportBoard(richBoard());
    expect(json.format).toBe('journeyboard');
    expect(json.schemaVersion).toBe(SCHEMA_VERSION);
    expect(json.meta).toEqual({
      title: 'Home insurance claim',
      mapType: 'service-blueprint',
      scenario: 'A storm damaged the roof',
      persona: { name: 'Dana', description: 'First-time homeowner' },
      createdAt: CREATED_AT,
    });
    expect(json.stages).toHaveLength(2);
    expect(json.lanes).toHaveLength(3);
    expect(json.cards).toHaveLength(5);
    expect(json.shapes.map((s) => s.type).sort()).toEqual([
      'arrow',
      'arrow',
      'note',
      'rect',
      'text',
    ]);
  });

  it('writes something parseBoardJson accepts', () => {
    expect(parseBoardJson(exportBoard(richBoard())).ok).toBe(true);
  });
});

describe('JSON round trip', () => {
  it('W101: export → stringify → parse → validate → import → export is exact', () => {
    const original = exportBoard(richBoard());
    const parsed = parseBoardJson(JSON.parse(JSON.stringify(original)));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const again = exportBoard(docFromJson(parsed.board));
    expect(again).toEqual(original);
  });

  it('the rich fixture really exercises every field kind', () => {
    const { cards, shapes } = exportBoard(richBoard());
    const evidence = cards.flatMap((c) => c.evidence);
    expect(cards.some((c) => c.emotion !== undefined && c.color && c.channel === undefined)).toBe(
      true,
    );
    expect(
      cards.some((c) => c.channel && Object.keys(c.metrics).length === 4 && c.tags.length > 1),
    ).toBe(true);
    expect(evidence.some((e) => e.source && e.date && e.url)).toBe(true);
    expect(new Set(evidence.map((e) => e.kind))).toEqual(new Set(['quote', 'link', 'data']));
    expect(shapes.filter((s) => s.type !== 'arrow').every((s) => typeof s.text === 'string')).toBe(
      true,
    );
    expect(shapes.filter((s) => s.type === 'arrow').every((s) => s.from && s.to)).toBe(true);
  });

  it('W113: importBoard writes the whole board in one transaction, keeping ids and order keys', () => {
    const board = parseBoardJson(validJson());
    if (!board.ok) throw new Error(JSON.stringify(board.issues));
    const doc = new Y.Doc();
    expect(countUpdates(doc, () => importBoard(doc, board.board))).toBe(1);
    const snapshot = readBoard(doc);
    expect(snapshot.stages).toEqual([
      { id: 's1', name: 'Stage 1', order: 'a0' },
      { id: 's2', name: 'Stage 2', order: 'a1' },
    ]);
    expect(snapshot.cards.map((c) => [c.id, c.order])).toEqual([['c1', 'a0']]);
    expect(snapshot.shapes[0]).toMatchObject({ id: 'arrow1', from: 'c1' });
  });
});

describe('parseBoardJson', () => {
  it('accepts the valid fixture', () => {
    const result = parseBoardJson(validJson());
    expect(result.ok).toBe(true);
  });

  it('W107: reports a missing title at meta.title', () => {
    const json = validJson();
    delete json.meta.title;
    expect(pathsOf(json)).toEqual(['meta.title']);
  });

  it('W110: reports a blank title at meta.title', () => {
    const json = validJson();
    json.meta.title = '   ';
    expect(pathsOf(json)).toEqual(['meta.title']);
  });

  it('reports a bad map type at meta.mapType', () => {
    const json = validJson();
    json.meta.mapType = 'someday';
    expect(pathsOf(json)).toEqual(['meta.mapType']);
  });

  it('W109: reports a card in an unknown stage or lane', () => {
    const json = validJson();
    json.cards[0]!.stageId = 'nope';
    json.cards[0]!.laneId = 'nada';
    expect(issuesOf(json)).toEqual([
      { path: 'cards[0].stageId', message: "unknown stage 'nope'" },
      { path: 'cards[0].laneId', message: "unknown lane 'nada'" },
    ]);
  });

  it.each([3, -3, 0.5])('reports emotion %d at cards[0].emotion', (emotion) => {
    const json = validJson();
    json.cards[0]!.emotion = emotion;
    expect(pathsOf(json)).toEqual(['cards[0].emotion']);
  });

  it('reports csat 120 at cards[0].metrics.csat', () => {
    const json = validJson();
    json.cards[0]!.metrics.csat = 120;
    expect(pathsOf(json)).toEqual(['cards[0].metrics.csat']);
  });

  it('reports an out-of-range ces at cards[0].metrics.ces', () => {
    const json = validJson();
    json.cards[0]!.metrics.ces = 0;
    expect(pathsOf(json)).toEqual(['cards[0].metrics.ces']);
  });

  it('reports a bad evidence kind with its full path', () => {
    const json = validJson();
    json.cards[0]!.evidence[0]!.kind = 'rumour';
    expect(pathsOf(json)).toEqual(['cards[0].evidence[0].kind']);
  });

  it('W109: reports duplicate ids at the second occurrence', () => {
    const json = validJson();
    json.stages[1]!.id = 's1';
    expect(issuesOf(json)).toEqual([{ path: 'stages[1].id', message: "duplicate id 's1'" }]);
  });

  it('W109: reports duplicate ids across cards', () => {
    const json = validJson();
    json.cards.push({ ...json.cards[0]! });
    expect(pathsOf(json)).toEqual(['cards[1].id']);
  });

  it('W109: reports an arrow stuck to something unknown', () => {
    const json = validJson();
    json.shapes[0]!.to = 'ghost';
    expect(issuesOf(json)).toEqual([
      { path: 'shapes[0].to', message: "unknown card or shape 'ghost'" },
    ]);
  });

  it('W108: reports unknown extra keys at the object that holds them', () => {
    const json = validJson();
    json.extra = true;
    json.meta.owner = 'me';
    json.cards[0]!.votes = 3;
    const issues = issuesOf(json);
    expect(issues.map((i) => i.path).sort()).toEqual(['(root)', 'cards[0]', 'meta']);
    expect(issues.find((i) => i.path === '(root)')!.message).toContain('extra');
    expect(issues.find((i) => i.path === 'meta')!.message).toContain('owner');
    expect(issues.find((i) => i.path === 'cards[0]')!.message).toContain('votes');
  });

  it('W108: rejects a newer schemaVersion with a message saying so', () => {
    const json = validJson();
    json.schemaVersion = 2;
    const issues = issuesOf(json);
    expect(issues).toHaveLength(1);
    expect(issues[0]!.path).toBe('schemaVersion');
    expect(issues[0]!.message).toMatch(/newer/);
    expect(issues[0]!.message).toContain('2');
  });

  it('rejects an older or non-numeric schemaVersion at schemaVersion', () => {
    for (const schemaVersion of [0, '1']) {
      const json = validJson();
      json.schemaVersion = schemaVersion;
      expect(pathsOf(json)).toEqual(['schemaVersion']);
    }
  });

  it('rejects a wrong or missing format literal at format', () => {
    const json = validJson();
    json.format = 'miro';
    expect(pathsOf(json)).toEqual(['format']);
    delete json.format;
    expect(pathsOf(json)).toEqual(['format']);
  });

  it('reports non-objects at (root)', () => {
    for (const input of [null, 'journeyboard', 42, []]) {
      expect(pathsOf(input)).toEqual(['(root)']);
    }
  });

  it('W106: reports every problem at once', () => {
    const json = validJson();
    delete json.meta.title;
    json.cards[0]!.emotion = 3;
    json.cards[0]!.metrics.csat = 120;
    expect(pathsOf(json).sort()).toEqual([
      'cards[0].emotion',
      'cards[0].metrics.csat',
      'meta.title',
    ]);
  });

  it('W109: checks references once every field has the right type, out of range or not', () => {
    const json = validJson();
    json.cards[0]!.stageId = 'nope';
    expect(pathsOf(json)).toEqual(['cards[0].stageId']);
    json.cards[0]!.emotion = 3;
    expect(pathsOf(json)).toEqual(['cards[0].emotion', 'cards[0].stageId']);
    json.cards[0]!.emotion = 'happy';
    expect(pathsOf(json)).toEqual(['cards[0].emotion']);
  });

  it('returns a typed board on success', () => {
    const result = parseBoardJson(validJson());
    if (!result.ok) throw new Error('rejected');
    const board: BoardJson = result.board;
    expect(board.cards[0]!.evidence[0]!.id).toBe('e1');
  });
});

describe('byte-exact round trip', () => {
  it('W101: exports the same bytes after import, whatever order evidence keys were written in', () => {
    const doc = newBoard();
    const s = addStage(doc, { name: 'Use' });
    const l = addLane(doc, { name: 'Pain points', kind: 'painPoints' });
    const card = addCard(doc, { stageId: s, laneId: l, text: 'Sync fails' });
    addEvidence(doc, card, {
      url: 'https://example.com/t/1',
      date: '2026-10-01',
      source: 'Zendesk',
      text: 'It never syncs',
      kind: 'quote',
    });
    const once = JSON.stringify(exportBoard(doc));
    const parsed = parseBoardJson(JSON.parse(once));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    expect(JSON.stringify(exportBoard(docFromJson(parsed.board)))).toBe(once);
  });
});
