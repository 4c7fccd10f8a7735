import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addEvidence,
  addLane,
  addShape,
  addStage,
  addTag,
  deleteCard,
  deleteLane,
  deleteStage,
  diffBoards,
  moveCard,
  moveLane,
  moveStage,
  readBoard,
  removeEvidence,
  removeTag,
  renameLane,
  renameStage,
  setCardColor,
  setCardText,
  setChannel,
  setEmotion,
  setLaneKind,
  setMetrics,
  setPersona,
  setStageWidth,
  setTitle,
  type BoardChange,
  type BoardDiff,
  CHANGE_KINDS,
  type ChangeKind,
  type LaneKind,
} from '../../../../shared/model/index.js';
import { boardWithGrid, newBoard, replicaOf } from './helpers.js';

/** The grid board plus a pain-point lane and a few cards, and a copy to edit. */
function fixture() {
  const { doc, s1, s2, l1, l2 } = boardWithGrid();
  const pain = addLane(doc, { name: 'Pain points', kind: 'painPoints' });
  const c1 = addCard(doc, {
    stageId: s1,
    laneId: l1,
    text: 'Searches the web',
    emotion: -1,
    channel: 'web',
    metrics: { csat: 72.3, ces: 4.1, volume: 1850 },
    tags: ['seo'],
    evidence: [{ id: 'ev1', kind: 'quote', text: 'Could not find it' }],
  });
  const c2 = addCard(doc, { stageId: s1, laneId: l1, text: 'Reads reviews' });
  const p1 = addCard(doc, { stageId: s2, laneId: pain, text: 'Form too long' });
  const p2 = addCard(doc, { stageId: s2, laneId: pain, text: 'No SSO' });
  return { before: doc, after: replicaOf(doc), s1, s2, l1, l2, pain, c1, c2, p1, p2 };
}

const kinds = (d: BoardDiff): ChangeKind[] => d.changes.map((c) => c.kind);
const only = <K extends ChangeKind>(d: BoardDiff, kind: K) => {
  const found = d.changes.filter((c) => c.kind === kind);
  expect(found).toHaveLength(1);
  return found[0] as Extract<BoardChange, { kind: K }>;
};

describe('diffBoards', () => {
  it('W88: finds nothing between a board and itself or a replica of it', () => {
    const { before, after } = fixture();
    for (const d of [diffBoards(before, before), diffBoards(before, after)]) {
      expect(d.changes).toEqual([]);
      expect(d.summary.total).toBe(0);
      expect(Object.values(d.summary.byKind).every((n) => n === 0)).toBe(true);
      expect(d.stages.map((s) => [s.name, s.status, s.changes])).toEqual([
        ['Discover', 'kept', 0],
        ['Sign up', 'kept', 0],
      ]);
    }
  });

  it('accepts snapshots as well as docs', () => {
    const { before, after, c2 } = fixture();
    setCardText(after, c2, 'Reads many reviews');
    expect(diffBoards(readBoard(before), readBoard(after))).toEqual(diffBoards(before, after));
  });

  it('W81, W82: reports meta changes board-wide (no stage)', () => {
    const { before, after } = fixture();
    setTitle(after, 'Onboarding 2025');
    setPersona(after, { name: 'Priya' });
    const d = diffBoards(before, after);
    expect(d.changes.map((c) => c.kind === 'meta-changed' && [c.field, c.before, c.after])).toEqual(
      [
        ['title', 'Onboarding journey', 'Onboarding 2025'],
        ['persona.name', '', 'Priya'],
      ],
    );
    expect(d.changes.every((c) => c.stageId === null && c.stageName === null)).toBe(true);
    expect(d.changes[0]!.label).toBe(
      'Title changed from "Onboarding journey" to "Onboarding 2025"',
    );
  });

  it('W82, W83: reports stages added, removed (with their cards), renamed and reordered', () => {
    const { before, after, s1, s2, c1, c2 } = fixture();
    const s3 = addStage(after, { name: 'Use' });
    const s4 = addStage(after, { name: 'Renew' });
    renameStage(after, s2, 'Register');
    deleteStage(after, s1);
    const d = diffBoards(before, after);
    expect(d.changes.map((c) => [c.kind, c.stageId])).toEqual([
      ['stage-removed', s1],
      ['card-removed', s1],
      ['card-removed', s1],
      ['stage-renamed', s2],
      ['stage-added', s3],
      ['stage-added', s4],
    ]);
    expect(d.changes.filter((c) => c.kind === 'card-removed').map((c) => c.cardId)).toEqual([
      c1,
      c2,
    ]);
    const renamed = only(d, 'stage-renamed');
    expect([renamed.before, renamed.after, renamed.stageName]).toEqual([
      'Sign up',
      'Register',
      'Register',
    ]);
    expect(only(d, 'stage-removed')).toMatchObject({ name: 'Discover', stageName: 'Discover' });
    expect(d.stages.map((s) => [s.name, s.status, s.changes])).toEqual([
      ['Discover', 'removed', 3],
      ['Register', 'kept', 1],
      ['Use', 'added', 1],
      ['Renew', 'added', 1],
    ]);
    expect(d.summary.byKind['stage-added']).toBe(2);
  });

  it('W83: reports only the stage that moved, not the ones it passed', () => {
    const { before, after, s1, s2 } = fixture();
    const s3 = addStage(before, { name: 'Use' });
    const s4 = addStage(before, { name: 'Renew' });
    const after2 = replicaOf(before);
    moveStage(after2, s1, 3);
    const d = diffBoards(before, after2);
    expect(kinds(d)).toEqual(['stage-reordered']);
    expect(only(d, 'stage-reordered')).toMatchObject({
      stageId: s1,
      beforeIndex: 0,
      afterIndex: 3,
      label: 'Stage "Discover" moved from position 1 to 4',
    });
    expect(d.stages.map((s) => s.id)).toEqual([s2, s3, s4, s1]);
    // A new order key that keeps the position is no change.
    moveStage(after, s2, 1);
    expect(diffBoards(before, after).changes.filter((c) => c.stageId === s2)).toEqual([]);
  });

  it('W81, W82, W83: reports lanes added, removed, renamed, retyped and reordered, without a stage', () => {
    const { before, after, l1, l2, pain } = fixture();
    const l3 = addLane(after, { name: 'Channels', kind: 'channels' });
    renameLane(after, l2, 'Emotions');
    setLaneKind(after, l2, 'text');
    moveLane(after, pain, 0);
    deleteLane(after, l1);
    const d = diffBoards(before, after).changes.filter((c) => c.kind.startsWith('lane-'));
    // l1 is listed where it stood (first), the moved lane where it is now.
    expect(d.map((c) => c.kind)).toEqual([
      'lane-removed',
      'lane-reordered',
      'lane-renamed',
      'lane-retyped',
      'lane-added',
    ]);
    expect(d.every((c) => c.stageId === null)).toBe(true);
    expect(d[0]).toMatchObject({ laneId: l1, name: 'Actions', laneKind: 'actions' });
    expect(d[1]).toMatchObject({ laneId: pain, beforeIndex: 2, afterIndex: 0 });
    expect(d[2]).toMatchObject({ laneId: l2, before: 'Feelings', after: 'Emotions' });
    expect(d[3]).toMatchObject({ laneId: l2, before: 'emotions', after: 'text' });
    expect(d[4]).toMatchObject({ laneId: l3, name: 'Channels', laneKind: 'channels' });
  });

  it('W81: reports cards added and removed in their cell', () => {
    const { before, after, s1, s2, l2, c2 } = fixture();
    const added = addCard(after, { stageId: s2, laneId: l2, text: 'Relieved' });
    deleteCard(after, c2);
    const d = diffBoards(before, after);
    expect(kinds(d)).toEqual(['card-removed', 'card-added']);
    expect(only(d, 'card-removed')).toMatchObject({
      cardId: c2,
      stageId: s1,
      stageName: 'Discover',
      laneName: 'Actions',
      text: 'Reads reviews',
      label: 'Card "Reads reviews" removed from "Discover" / "Actions"',
    });
    expect(only(d, 'card-added')).toMatchObject({ cardId: added, stageId: s2, laneId: l2 });
  });

  it('W81, W84: reports a move between cells with both cells, grouped under the new stage', () => {
    const { before, after, s1, s2, l1, l2, c1 } = fixture();
    moveCard(after, c1, { stageId: s2, laneId: l2 });
    const moved = only(diffBoards(before, after), 'card-moved');
    expect(moved.stageId).toBe(s2);
    expect(moved.from).toEqual({
      stageId: s1,
      stageName: 'Discover',
      laneId: l1,
      laneName: 'Actions',
    });
    expect(moved.to).toEqual({
      stageId: s2,
      stageName: 'Sign up',
      laneId: l2,
      laneName: 'Feelings',
    });
    expect(moved.label).toBe(
      'Card "Searches the web" moved from "Discover" / "Actions" to "Sign up" / "Feelings"',
    );
    // Reordering inside one cell is not a change of the journey.
    const other = replicaOf(before);
    moveCard(other, c1, { stageId: s1, laneId: l1, index: 5 });
    expect(diffBoards(before, other).changes).toEqual([]);
  });

  it('W82, W87: reports text, emotion, metrics and channel changes with before, after and delta', () => {
    const { before, after, c1, c2 } = fixture();
    setCardText(after, c1, 'Searches the web for prices');
    setEmotion(after, c1, 1);
    setEmotion(after, c2, -2);
    setMetrics(after, c1, { csat: 80.1, ces: undefined, fcr: 50 });
    setChannel(after, c1, 'app');
    const d = diffBoards(before, after);
    expect(only(d, 'card-text-changed')).toMatchObject({
      before: 'Searches the web',
      after: 'Searches the web for prices',
    });
    const emotions = d.changes.filter((c) => c.kind === 'card-emotion-changed');
    expect(emotions.map((c) => [c.cardId, c.before, c.after, c.delta])).toEqual([
      [c1, -1, 1, 2],
      [c2, null, -2, null],
    ]);
    expect(emotions[0]!.label).toBe('Emotion of "Searches the web for prices": -1 → 1 (+2)');
    const metrics = only(d, 'card-metrics-changed');
    expect(metrics.metrics).toEqual([
      { key: 'csat', before: 72.3, after: 80.1, delta: 7.8 },
      { key: 'ces', before: 4.1, after: null, delta: null },
      { key: 'fcr', before: null, after: 50, delta: null },
    ]);
    expect(metrics.label).toContain('CSAT 72.3 → 80.1 (+7.8), CES 4.1 → none, FCR none → 50');
    expect(only(d, 'card-channel-changed')).toMatchObject({ before: 'web', after: 'app' });
    expect(kinds(d)).toEqual([
      'card-text-changed',
      'card-emotion-changed',
      'card-metrics-changed',
      'card-channel-changed',
      'card-emotion-changed',
    ]);
  });

  it('W82: reports volume drops as negative deltas', () => {
    const { before, after, c1 } = fixture();
    setMetrics(after, c1, { volume: 1200 });
    const m = only(diffBoards(before, after), 'card-metrics-changed');
    expect(m.metrics).toEqual([{ key: 'volume', before: 1850, after: 1200, delta: -650 }]);
    expect(m.label).toContain('volume 1850 → 1200 (−650)');
  });

  it('W82: reports tags and evidence added and removed', () => {
    const { before, after, c1 } = fixture();
    addTag(after, c1, 'pricing');
    removeTag(after, c1, 'seo');
    removeEvidence(after, c1, 'ev1');
    addEvidence(after, c1, { id: 'ev2', kind: 'data', text: 'CSAT 72%', source: 'Q3 survey' });
    const d = diffBoards(before, after);
    expect(only(d, 'card-tags-changed')).toMatchObject({ added: ['pricing'], removed: ['seo'] });
    expect(only(d, 'evidence-added').evidence).toEqual({
      id: 'ev2',
      kind: 'data',
      text: 'CSAT 72%',
      source: 'Q3 survey',
    });
    expect(only(d, 'evidence-removed').evidence.id).toBe('ev1');
  });

  it('W85: closes a pain point when it is removed or tagged resolved, and only an open one', () => {
    const { before, after, s2, pain, c2, p1, p2 } = fixture();
    deleteCard(after, p1);
    addTag(after, p2, 'Resolved');
    deleteCard(after, c2); // not in a pain-point lane
    const d = diffBoards(before, after);
    const closed = d.changes.filter((c) => c.kind === 'pain-point-closed');
    expect(closed.map((c) => [c.cardId, c.reason, c.stageId, c.laneId])).toEqual([
      [p1, 'removed', s2, pain],
      [p2, 'resolved', s2, pain],
    ]);
    expect(closed[1]!.label).toBe('Pain point "No SSO" closed (tagged resolved)');
    expect(d.summary.byKind['pain-point-closed']).toBe(2);
    // Already resolved before: removing it closes nothing new.
    const later = replicaOf(after);
    deleteCard(later, p2);
    expect(diffBoards(after, later).summary.byKind['pain-point-closed']).toBe(0);
  });

  it('W80: orders by stage, then lane, then card; board-wide changes first', () => {
    const { before, after, s1, s2, l1, l2, pain, c1, c2, p1 } = fixture();
    setCardText(after, p1, 'Form far too long');
    setCardText(after, c2, 'Reads reviews twice');
    setCardText(after, c1, 'Searches');
    addCard(after, { stageId: s1, laneId: l2, text: 'Curious' });
    renameLane(after, pain, 'Pains');
    renameStage(after, s2, 'Register');
    setTitle(after, 'New title');
    const d = diffBoards(before, after);
    expect(d.changes.map((c) => [c.kind, c.stageId, 'laneId' in c ? c.laneId : null])).toEqual([
      ['meta-changed', null, null],
      ['lane-renamed', null, pain],
      ['card-text-changed', s1, l1],
      ['card-text-changed', s1, l1],
      ['card-added', s1, l2],
      ['stage-renamed', s2, null],
      ['card-text-changed', s2, pain],
    ]);
    expect(d.changes.slice(2, 4).map((c) => 'cardId' in c && c.cardId)).toEqual([c1, c2]);
    expect(diffBoards(before, after)).toEqual(d);
  });

  it('W80: is plain JSON, with a summary counting every kind', () => {
    const { before, after, s2, c1, p1 } = fixture();
    deleteCard(after, p1);
    moveCard(after, c1, { stageId: s2, laneId: readBoard(after).lanes[0]!.id });
    addEvidence(after, c1, { kind: 'link', text: 'Ticket', url: 'https://example.com' });
    const d = diffBoards(before, after);
    expect(JSON.parse(JSON.stringify(d))).toEqual(d);
    expect(d.summary.total).toBe(d.changes.length);
    expect(d.summary.byKind).toMatchObject({
      'card-removed': 1,
      'pain-point-closed': 1,
      'card-moved': 1,
      'evidence-added': 1,
      'card-added': 0,
    });
    expect(d.stages.find((s) => s.id === s2)?.changes).toBe(d.changes.length);
  });

  it('W86: reports nothing of shapes, colours and stage widths, nor edits inside a removed card', () => {
    const { before, after, s1, c1, c2 } = fixture();
    addShape(after, { type: 'note', x: 0, y: 0, w: 100, h: 100, text: 'Workshop scribble' });
    setCardColor(after, c1, '#fecaca');
    setStageWidth(after, s1, 400);
    expect(diffBoards(before, after).changes).toEqual([]);
    setCardText(after, c2, 'Reads many reviews');
    setEmotion(after, c2, 1);
    deleteCard(after, c2);
    expect(kinds(diffBoards(before, after))).toEqual(['card-removed']);
  });

  it('shortens long or empty texts in labels', () => {
    const doc = newBoard();
    const after = new Y.Doc();
    Y.applyUpdate(after, Y.encodeStateAsUpdate(doc));
    const s = addStage(after, { name: 'S' });
    const l = addLane(after, { name: 'L', kind: 'text' });
    addCard(after, { stageId: s, laneId: l, text: `${'x'.repeat(60)}\nmore` });
    addCard(after, { stageId: s, laneId: l, text: '  ' });
    const labels = diffBoards(doc, after).changes.map((c) => c.label);
    expect(labels).toContain(`Card "${'x'.repeat(39)}…" added in "S" / "L"`);
    expect(labels).toContain('Card (empty) added in "S" / "L"');
  });
});

const EDITS = ['none', 'delete', 'move', 'text', 'emotion', 'csat', 'evidence', 'resolve'] as const;
const cardArb = fc.record({
  cell: fc.nat(),
  text: fc.string({ maxLength: 8 }),
  emotion: fc.option(fc.integer({ min: -2, max: 2 }), { nil: undefined }),
  csat: fc.option(fc.integer({ min: 0, max: 100 }), { nil: undefined }),
  evidence: fc.boolean(),
  edit: fc.constantFrom(...EDITS),
  moveBy: fc.nat(),
});
const scenarioArb = fc.record({
  stages: fc.integer({ min: 1, max: 4 }),
  lanes: fc.array(fc.constantFrom<LaneKind>('actions', 'painPoints', 'emotions'), {
    minLength: 1,
    maxLength: 3,
  }),
  cards: fc.array(cardArb, { maxLength: 10 }),
  added: fc.nat({ max: 3 }),
  renameStage: fc.boolean(),
  addStage: fc.boolean(),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

/** Builds the base board, applies the scenario's edits to a replica, and counts them per kind. */
function play(sc: Scenario) {
  const base = newBoard();
  const stages = Array.from({ length: sc.stages }, (_, i) => addStage(base, { name: `S${i}` }));
  const lanes = sc.lanes.map((kind, i) => ({ id: addLane(base, { name: `L${i}`, kind }), kind }));
  const cells = stages.flatMap((stageId) =>
    lanes.map((l) => ({ stageId, laneId: l.id, kind: l.kind })),
  );
  const ids = sc.cards.map((c) => {
    const { stageId, laneId } = cells[c.cell % cells.length]!;
    const id = addCard(base, {
      stageId,
      laneId,
      text: c.text,
      emotion: c.emotion,
      metrics: { csat: c.csat },
    });
    if (c.evidence) addEvidence(base, id, { kind: 'quote', text: 'seed' });
    return id;
  });
  const after = replicaOf(base);
  const expected = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<
    ChangeKind,
    number
  >;
  sc.cards.forEach((c, i) => {
    const id = ids[i]!;
    const cell = c.cell % cells.length;
    const pain = cells[cell]!.kind === 'painPoints';
    if (c.edit === 'delete') {
      deleteCard(after, id);
      expected['card-removed']++;
      if (pain) expected['pain-point-closed']++;
    } else if (c.edit === 'move' && cells.length > 1) {
      moveCard(after, id, cells[(cell + 1 + (c.moveBy % (cells.length - 1))) % cells.length]!);
      expected['card-moved']++;
    } else if (c.edit === 'text') {
      setCardText(after, id, `${c.text}!`);
      expected['card-text-changed']++;
    } else if (c.edit === 'emotion') {
      setEmotion(after, id, c.emotion === 2 ? -2 : (c.emotion ?? -1) + 1);
      expected['card-emotion-changed']++;
    } else if (c.edit === 'csat') {
      setMetrics(after, id, { csat: c.csat === 100 ? 0 : (c.csat ?? -1) + 1 });
      expected['card-metrics-changed']++;
    } else if (c.edit === 'evidence') {
      addEvidence(after, id, { kind: 'data', text: 'new' });
      expected['evidence-added']++;
    } else if (c.edit === 'resolve') {
      addTag(after, id, 'resolved');
      expected['card-tags-changed']++;
      if (pain) expected['pain-point-closed']++;
    }
  });
  for (let i = 0; i < sc.added; i++)
    addCard(after, { ...cells[i % cells.length]!, text: `new ${i}` });
  expected['card-added'] += sc.added;
  if (sc.renameStage) {
    renameStage(after, stages[0]!, 'Renamed');
    expected['stage-renamed']++;
  }
  if (sc.addStage) {
    addStage(after, { name: 'Extra' });
    expected['stage-added']++;
  }
  return { base, after, expected };
}

describe('diffBoards properties', () => {
  it('W88: a board against itself (or a replica) is empty', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const { base, after } = play(sc);
        expect(diffBoards(base, base).changes).toEqual([]);
        expect(diffBoards(after, replicaOf(after)).changes).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('counts exactly the edits made, and the reverse diff swaps added and removed', () => {
    fc.assert(
      fc.property(scenarioArb, (sc) => {
        const { base, after, expected } = play(sc);
        const d = diffBoards(base, after);
        expect(d.summary.byKind).toEqual(expected);
        expect(d.summary.total).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
        expect(d.stages.reduce((n, s) => n + s.changes, 0)).toBe(d.summary.total);
        const back = diffBoards(after, base).summary.byKind;
        expect([back['card-added'], back['card-removed'], back['card-moved']]).toEqual([
          expected['card-removed'],
          expected['card-added'],
          expected['card-moved'],
        ]);
        expect(diffBoards(base, after)).toEqual(d);
      }),
      { numRuns: 100 },
    );
  });
});
