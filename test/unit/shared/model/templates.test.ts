import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  EMOTION_MAX,
  EMOTION_MIN,
  MAP_TYPES,
  METRIC_KEYS,
  METRIC_RANGES,
  ModelError,
  TEMPLATE_IDS,
  TEMPLATES,
  addShape,
  addStage,
  applyTemplate,
  docFromJson,
  exportBoard,
  initBoard,
  isTemplateId,
  parseBoardJson,
  readBoard,
  staleCards,
  type BoardSnapshot,
  type LaneKind,
  type TemplateId,
} from '../../../../shared/model/index.js';

/** The lane kinds each template promises (at least these). */
const PROMISED_LANES: Record<TemplateId, LaneKind[]> = {
  'current-state': [
    'touchpoints',
    'goals',
    'actions',
    'emotions',
    'channels',
    'painPoints',
    'opportunities',
    'metrics',
  ],
  'future-state': [
    'touchpoints',
    'goals',
    'actions',
    'emotions',
    'channels',
    'painPoints',
    'opportunities',
    'metrics',
  ],
  'day-in-the-life': ['actions', 'goals', 'emotions', 'painPoints', 'opportunities', 'channels'],
  'service-blueprint': ['touchpoints', 'actions', 'frontstage', 'backstage', 'support'],
};

function fresh(
  template: TemplateId,
  input: Parameters<typeof applyTemplate>[2] = { title: 'Example map' },
) {
  const doc = new Y.Doc();
  applyTemplate(doc, template, input);
  return { doc, board: readBoard(doc) };
}

function laneOfKind(board: BoardSnapshot, kind: LaneKind) {
  const lane = board.lanes.find((l) => l.kind === kind);
  if (!lane) throw new Error(`no ${kind} lane`);
  return lane;
}

function countEvents(doc: Y.Doc) {
  const counts = { transactions: 0, updates: 0 };
  doc.on('afterTransaction', () => counts.transactions++);
  doc.on('update', () => counts.updates++);
  return counts;
}

describe('template catalogue', () => {
  it('offers one template per map type, with a name and description each', () => {
    expect([...TEMPLATE_IDS]).toEqual([...MAP_TYPES]);
    expect(TEMPLATES.map((t) => t.id)).toEqual([...TEMPLATE_IDS]);
    for (const t of TEMPLATES) {
      expect(t.name.length).toBeGreaterThan(3);
      expect(t.description.length).toBeGreaterThan(40);
    }
    expect(new Set(TEMPLATES.map((t) => t.name)).size).toBe(TEMPLATES.length);
  });

  it('recognises template ids', () => {
    for (const id of TEMPLATE_IDS) expect(isTemplateId(id)).toBe(true);
    expect(isTemplateId('blank')).toBe(false);
    expect(isTemplateId('')).toBe(false);
    expect(isTemplateId('Current-State')).toBe(false);
  });
});

describe.each(TEMPLATE_IDS)('template %s', (template) => {
  it('writes a complete board of its map type', () => {
    const { board } = fresh(template, {
      title: '  Q3 journey review  ',
      createdAt: '2024-11-01T09:00:00.000Z',
    });
    expect(board.meta.mapType).toBe(template);
    expect(board.meta.title).toBe('Q3 journey review');
    expect(board.meta.createdAt).toBe('2024-11-01T09:00:00.000Z');
    expect(board.meta.scenario.length).toBeGreaterThan(20);
    expect(board.stages.length).toBeGreaterThanOrEqual(4);
    expect(board.stages.every((s) => s.name.trim().length > 0)).toBe(true);
    const kinds = board.lanes.map((l) => l.kind);
    for (const kind of PROMISED_LANES[template]) expect(kinds).toContain(kind);
    // Every stage has content, and there is a realistic amount of it.
    for (const stage of board.stages) {
      expect(board.cards.filter((c) => c.stageId === stage.id).length).toBeGreaterThanOrEqual(3);
    }
    expect(board.cards.length).toBeGreaterThanOrEqual(board.stages.length * 5);
  });

  it('only makes valid cards', () => {
    const { board } = fresh(template);
    const stageIds = new Set(board.stages.map((s) => s.id));
    const laneKind = new Map(board.lanes.map((l) => [l.id, l.kind]));
    for (const card of board.cards) {
      expect(stageIds.has(card.stageId)).toBe(true);
      expect(laneKind.has(card.laneId)).toBe(true);
      expect(card.text.trim().length).toBeGreaterThan(0);
      if (laneKind.get(card.laneId) === 'emotions') {
        expect(card.emotion).toBeDefined();
        expect(Number.isInteger(card.emotion)).toBe(true);
        expect(card.emotion).toBeGreaterThanOrEqual(EMOTION_MIN);
        expect(card.emotion).toBeLessThanOrEqual(EMOTION_MAX);
      } else {
        expect(card.emotion).toBeUndefined();
      }
      if (laneKind.get(card.laneId) === 'channels') expect(card.channel?.length).toBeGreaterThan(0);
      for (const key of METRIC_KEYS) {
        const value = card.metrics[key];
        if (value === undefined) continue;
        expect(value).toBeGreaterThanOrEqual(METRIC_RANGES[key].min);
        expect(value).toBeLessThanOrEqual(METRIC_RANGES[key].max);
      }
      for (const e of card.evidence) {
        expect(e.text.length).toBeGreaterThan(0);
        expect(e.source?.length).toBeGreaterThan(0);
        expect(e.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      }
      expect(new Set(card.evidence.map((e) => e.id)).size).toBe(card.evidence.length);
    }
  });

  it('dates its sample evidence from the day the board is created: a new board has nothing stale', () => {
    // Any day of any year: the sample must stay fresh however long after it was written.
    for (const createdAt of ['2031-06-15T10:00:00.000Z', '2026-01-01']) {
      const { board } = fresh(template, { title: 'Fresh', createdAt });
      const created = Date.parse(createdAt.slice(0, 10));
      const dates = board.cards.flatMap((c) => c.evidence.map((e) => Date.parse(e.date!)));
      if (dates.length === 0) continue;
      for (const date of dates) {
        expect(date).toBeLessThanOrEqual(created);
        expect(created - date).toBeLessThan(90 * 86_400_000);
      }
      // The strictest choice the insights panel offers is 90 days.
      expect(staleCards(board, { maxAgeDays: 90, now: created }).stale).toEqual([]);
    }
  });

  it('dates the same board the same way for the same creation day (deterministic)', () => {
    const input = { title: 'Twice', createdAt: '2025-03-01T12:00:00.000Z' };
    const dates = (board: BoardSnapshot) =>
      board.cards.flatMap((c) => c.evidence.map((e) => `${c.text}: ${e.date}`)).sort();
    expect(dates(fresh(template, input).board)).toEqual(dates(fresh(template, input).board));
  });

  it('has exactly one emotion card per stage', () => {
    const { board } = fresh(template);
    const emotions = board.lanes.find((l) => l.kind === 'emotions');
    if (!emotions) return;
    for (const stage of board.stages) {
      const cards = board.cards.filter((c) => c.laneId === emotions.id && c.stageId === stage.id);
      expect(cards).toHaveLength(1);
    }
  });

  it('passes our own import validation and round-trips through JSON', () => {
    const { doc } = fresh(template, { title: 'Round trip', createdAt: '2024-11-01T09:00:00.000Z' });
    const exported = exportBoard(doc);
    const parsed = parseBoardJson(JSON.parse(JSON.stringify(exported)));
    expect(parsed.ok ? [] : parsed.issues).toEqual([]);
    if (!parsed.ok) return;
    expect(exportBoard(docFromJson(parsed.board))).toEqual(exported);
  });

  it('is written in one transaction', () => {
    const doc = new Y.Doc();
    const counts = countEvents(doc);
    applyTemplate(doc, template, { title: 'One go' });
    expect(counts).toEqual({ transactions: 1, updates: 1 });
  });

  it('refuses a doc that already holds a board, and leaves it untouched', () => {
    const initialised = new Y.Doc();
    initBoard(initialised, { title: 'Existing', mapType: 'current-state' });
    const stageOnly = new Y.Doc();
    addStage(stageOnly, { name: 'Lonely stage' });
    const shapeOnly = new Y.Doc();
    addShape(shapeOnly, { type: 'note', x: 0, y: 0, w: 10, h: 10 });
    const templated = fresh(template).doc;
    for (const doc of [initialised, stageOnly, shapeOnly, templated]) {
      const before = exportBoard(doc);
      const counts = countEvents(doc);
      expect(() => applyTemplate(doc, template, { title: 'Again' })).toThrow(ModelError);
      expect(counts.updates).toBe(0);
      expect(exportBoard(doc)).toEqual(before);
    }
  });

  it('rejects a bad title without writing anything', () => {
    for (const title of ['', '   ', 'x'.repeat(201)]) {
      const doc = new Y.Doc();
      const counts = countEvents(doc);
      expect(() => applyTemplate(doc, template, { title })).toThrow(ModelError);
      expect(counts.updates).toBe(0);
      expect(readBoard(doc).stages).toEqual([]);
    }
  });

  it('uses the example persona and scenario unless the caller gives their own', () => {
    const example = fresh(template).board.meta;
    expect(example.persona.name.length).toBeGreaterThan(2);
    expect(example.persona.description.length).toBeGreaterThan(40);
    expect(example.scenario.length).toBeGreaterThan(20);

    const given = fresh(template, {
      title: 'Custom',
      scenario: 'Switching broadband provider after a house move',
      persona: { name: 'Sam Okafor', description: 'Renter, 29, works from home three days a week' },
    }).board.meta;
    expect(given.scenario).toBe('Switching broadband provider after a house move');
    expect(given.persona).toEqual({
      name: 'Sam Okafor',
      description: 'Renter, 29, works from home three days a week',
    });

    // A partial persona keeps the example's other field.
    const partial = fresh(template, { title: 'Partial', persona: { name: 'Sam Okafor' } }).board
      .meta;
    expect(partial.persona).toEqual({
      name: 'Sam Okafor',
      description: example.persona.description,
    });
    expect(partial.scenario).toBe(example.scenario);

    // An explicitly empty scenario is the caller's choice, not a missing one.
    expect(fresh(template, { title: 'Blank', scenario: '' }).board.meta.scenario).toBe('');
  });
});

describe('template content', () => {
  it('rejects an unknown template id', () => {
    const doc = new Y.Doc();
    expect(() => applyTemplate(doc, 'blank' as TemplateId, { title: 'Nope' })).toThrow(ModelError);
    expect(readBoard(doc).meta.title).toBe('');
  });

  it('current state: emotions dip at onboarding and support, a contact-volume hotspot stands out', () => {
    const { board } = fresh('current-state');
    const emotions = laneOfKind(board, 'emotions');
    const curve = board.stages.map((stage) => ({
      stage: stage.name,
      emotion:
        board.cards.find((c) => c.laneId === emotions.id && c.stageId === stage.id)?.emotion ?? 0,
    }));
    const lowest = Math.min(...curve.map((p) => p.emotion));
    expect(lowest).toBeLessThan(0);
    expect(curve.filter((p) => p.emotion === lowest).map((p) => p.stage)).toEqual([
      'Onboarding',
      'Support',
    ]);
    expect(Math.max(...curve.map((p) => p.emotion))).toBeGreaterThan(0);

    const metrics = laneOfKind(board, 'metrics');
    const metricCards = board.cards.filter((c) => c.laneId === metrics.id);
    expect(metricCards).toHaveLength(board.stages.length);
    const volumes = metricCards.map((c) => c.metrics.volume ?? 0).sort((a, b) => a - b);
    const median = volumes[Math.floor(volumes.length / 2)] ?? 0;
    expect(volumes.at(-1)).toBeGreaterThan(median * 2);
    for (const key of METRIC_KEYS)
      expect(metricCards.some((c) => c.metrics[key] !== undefined)).toBe(true);

    const channels = new Set(board.cards.map((c) => c.channel).filter(Boolean));
    for (const channel of ['web', 'email', 'phone', 'chat', 'in-app'])
      expect(channels).toContain(channel);
    const pains = laneOfKind(board, 'painPoints');
    const quotes = board.cards.filter((c) => c.laneId === pains.id).flatMap((c) => c.evidence);
    expect(quotes.filter((e) => e.kind === 'quote').length).toBeGreaterThanOrEqual(3);
    expect(board.cards.filter((c) => c.tags.length > 0).length).toBeGreaterThanOrEqual(5);
  });

  it('future state: the same stages with a better emotion curve and targets', () => {
    const current = fresh('current-state').board;
    const future = fresh('future-state').board;
    expect(future.stages.map((s) => s.name)).toEqual(current.stages.map((s) => s.name));
    const mean = (board: BoardSnapshot) => {
      const lane = laneOfKind(board, 'emotions');
      const scores = board.cards.filter((c) => c.laneId === lane.id).map((c) => c.emotion ?? 0);
      return scores.reduce((a, b) => a + b, 0) / scores.length;
    };
    expect(mean(future)).toBeGreaterThan(mean(current));
    const futureEmotions = laneOfKind(future, 'emotions');
    expect(
      future.cards
        .filter((c) => c.laneId === futureEmotions.id)
        .every((c) => (c.emotion ?? -1) >= 0),
    ).toBe(true);
    const sumOf = (board: BoardSnapshot, key: 'volume') => {
      const lane = laneOfKind(board, 'metrics');
      return board.cards
        .filter((c) => c.laneId === lane.id)
        .reduce((a, c) => a + (c.metrics[key] ?? 0), 0);
    };
    expect(sumOf(future, 'volume')).toBeLessThan(sumOf(current, 'volume'));
  });

  it('day in the life: stages are times of day, in order', () => {
    const { board } = fresh('day-in-the-life');
    const times = board.stages.map((s) => /^(\d{2}):(\d{2}) \S/.exec(s.name)?.slice(1, 3).join(''));
    expect(times.every((t) => t !== undefined)).toBe(true);
    expect([...times].sort()).toEqual(times);
  });

  it('service blueprint: actions, frontstage, backstage and support lanes adjacent, in order', () => {
    const { board } = fresh('service-blueprint');
    const position = (kind: LaneKind) => board.lanes.findIndex((l) => l.kind === kind);
    const order = (['actions', 'frontstage', 'backstage', 'support'] as const).map(position);
    expect(order.every((i) => i >= 0)).toBe(true);
    // Adjacent and in order: the canvas draws the three blueprint lines on these boundaries.
    expect(order).toEqual([order[0], order[0]! + 1, order[0]! + 2, order[0]! + 3]);
    expect(board.shapes).toEqual([]);
  });
});
