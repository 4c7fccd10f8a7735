/**
 * The schema guard lets through everything honest clients write: random model operations
 * (templates, import, restore, survey import, paste, undo and redo, comments) on a live doc and
 * on an offline replica whose edits arrive later, one by one, merged, or as a sync step 2; and
 * the legacy shapes of data older clients wrote. Every update is checked against the server's
 * doc as it was before that update, exactly as the server's door will. The other half (what it
 * refuses) is in schemaGuardRefusals.test.ts and schemaFuzz.test.ts.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { copySelection, pasteClip } from '../../../../client/src/board/core/clipboard.js';
import {
  addCard,
  addEvidence,
  addLane,
  addShape,
  addStage,
  addTag,
  applySurveyImport,
  applyTemplate,
  createThread,
  deleteCard,
  deleteLane,
  deleteMessage,
  deleteShape,
  deleteStage,
  editMessage,
  exportBoard,
  importBoard,
  initBoard,
  LANE_KINDS,
  MAP_TYPES,
  ModelError,
  moveCard,
  moveLane,
  moveStage,
  notePerson,
  readBoard,
  readThreads,
  reconcile,
  removeEvidence,
  removeTag,
  renameLane,
  renameStage,
  reply,
  setAnchor,
  setCardColor,
  setCardText,
  setChannel,
  setEmotion,
  setLaneKind,
  setMapType,
  setMetrics,
  setPersona,
  setResolved,
  setScenario,
  setShapeText,
  setStageWidth,
  setTitle,
  SHAPE_TYPES,
  TEMPLATE_IDS,
  updateShape,
  type BoardSnapshot,
  type Evidence,
} from '../../../../shared/model/index.js';
import { findSchemaViolation, type GuardedDocKind } from '../../../../shared/model/schemaGuard.js';

const FROM_SERVER = Symbol('from server');

/** MODEL_FUZZ_SEED=<seed fast-check printed> replays a failing run. */
const replay = process.env.MODEL_FUZZ_SEED ? { seed: Number(process.env.MODEL_FUZZ_SEED) } : {};

/** A server doc and two clients: one live, one offline until it syncs. */
class Room {
  readonly server = new Y.Doc();
  readonly live = new Y.Doc();
  readonly offline = new Y.Doc();
  private queued: Uint8Array[] = [];
  checked = 0;

  constructor(readonly kind: GuardedDocKind) {
    this.live.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER) this.receive(update);
    });
    this.offline.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin !== FROM_SERVER) this.queued.push(update);
    });
  }

  /** What the door does: check against the doc as it is, then apply. */
  receive(update: Uint8Array): void {
    const violation = findSchemaViolation(this.server, this.kind, Y.decodeUpdate(update));
    expect(violation).toBeNull();
    this.checked++;
    Y.applyUpdate(this.server, update);
    this.catchUp(this.live);
  }

  /** The offline replica comes back: its edits one by one, merged, or as a sync step 2. */
  reconnect(how: number): void {
    if (how % 3 === 0) for (const update of this.queued) this.receive(update);
    else if (how % 3 === 1 && this.queued.length) this.receive(Y.mergeUpdates(this.queued));
    else this.receive(Y.encodeStateAsUpdate(this.offline, Y.encodeStateVector(this.server)));
    this.queued = [];
    this.catchUp(this.offline);
  }

  private catchUp(doc: Y.Doc): void {
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(this.server, Y.encodeStateVector(doc)), FROM_SERVER);
  }
}

/** One random step: which operation, on which replica, with which picks and text. */
const step = fc.record({
  op: fc.nat(60),
  offline: fc.boolean(),
  a: fc.nat(),
  b: fc.nat(),
  n: fc.integer({ min: -3, max: 120 }),
  text: fc.string({ maxLength: 12 }),
});
type Step = typeof step extends fc.Arbitrary<infer T> ? T : never;

const pick = <T>(list: readonly T[], i: number): T | undefined =>
  list.length ? list[i % list.length] : undefined;

/** Data older clients wrote: evidence spread with undefined fields, arrows without text. */
function legacyCard(doc: Y.Doc, board: BoardSnapshot, s: Step): void {
  const [stage, lane] = [pick(board.stages, s.a), pick(board.lanes, s.b)];
  if (!stage || !lane) return;
  const evidence: (Omit<Evidence, 'id'> & { id: string })[] = [
    { id: `e${s.a}`, kind: 'quote', text: 'Old quote', source: undefined, date: undefined },
  ];
  doc.transact(() => {
    const card = new Y.Map<unknown>();
    card.set('stageId', stage.id);
    card.set('laneId', lane.id);
    card.set('order', 'a1');
    card.set('text', new Y.Text(s.text));
    if (s.n % 2) {
      // A client following DESIGN.md, where metrics, tags and evidence are optional.
      card.set('metrics', new Y.Map());
      card.set('tags', Y.Array.from(['legacy']));
      card.set('evidence', Y.Array.from(evidence.map((e) => ({ ...e }))));
    }
    doc.getMap('cards').set(`legacy${s.a}`, card);
    const arrow = new Y.Map<unknown>();
    for (const [key, value] of Object.entries({ type: 'arrow', x: 0, y: 0, w: 10, h: 0 }))
      arrow.set(key, value);
    arrow.set('color', '#475569');
    doc.getMap('shapes').set(`arrow${s.a}`, arrow);
  });
}

function surveyCsv(board: BoardSnapshot, s: Step): string {
  const stageName = new Map(board.stages.map((x) => [x.id, x.name]));
  const rows = board.cards
    .slice(0, 4)
    .map(
      (c, i) =>
        `"${c.text.replace(/"/g, '""')}",${stageName.get(c.stageId) ?? ''},${1 + ((s.n + i) % 5)},Said ${i}`,
    );
  return ['touchpoint,stage,csat,comment', ...rows].join('\n');
}

/** One model operation, as the client, server or import would make it. */
function boardStep(room: Room, s: Step, versions: BoardSnapshot[], undo: Y.UndoManager): void {
  const doc = s.offline ? room.offline : room.live;
  const board = readBoard(doc);
  const stage = pick(board.stages, s.a)?.id ?? 'none';
  const lane = pick(board.lanes, s.b)?.id ?? 'none';
  const card = pick(board.cards, s.a)?.id ?? 'none';
  const shape = pick(board.shapes, s.b)?.id ?? 'none';
  const target = pick([...board.cards, ...board.shapes], s.b)?.id;
  const metric = s.n >= 0 && s.n <= 100 ? s.n : undefined;
  const ops: (() => unknown)[] = [
    () => addStage(doc, { name: s.text || 'Stage', index: s.n }),
    () => renameStage(doc, stage, s.text),
    () => moveStage(doc, stage, s.n),
    () => deleteStage(doc, stage),
    () => setStageWidth(doc, stage, s.n * 7),
    () => addLane(doc, { name: s.text || 'Lane', kind: pick(LANE_KINDS, s.b)!, index: s.n }),
    () => renameLane(doc, lane, s.text),
    () => setLaneKind(doc, lane, pick(LANE_KINDS, s.a)!),
    () => deleteLane(doc, lane),
    () => moveLane(doc, lane, s.n),
    () =>
      addCard(doc, {
        stageId: stage,
        laneId: lane,
        text: s.text,
        index: s.n,
        ...(s.a % 2 ? { emotion: (s.b % 5) - 2, channel: s.text || 'web', color: '#fff' } : {}),
        ...(s.b % 2 ? { metrics: { csat: metric, volume: s.a % 500 }, tags: ['a', s.text] } : {}),
        ...(s.a % 3 === 0
          ? { evidence: [{ id: `e${s.b}`, kind: 'link', text: 'x', url: 'https://e.org' }] }
          : {}),
      }),
    () => setCardText(doc, card, s.text),
    () => moveCard(doc, card, { stageId: stage, laneId: lane, index: s.n }),
    () => deleteCard(doc, card),
    () => setEmotion(doc, card, s.n % 2 ? (s.b % 5) - 2 : undefined),
    () => setChannel(doc, card, s.text || undefined),
    () => setCardColor(doc, card, s.n % 2 ? '#abc' : undefined),
    () => setMetrics(doc, card, { csat: metric, ces: 1 + (s.b % 7), fcr: undefined }),
    () => addTag(doc, card, s.text),
    () => removeTag(doc, card, pick(board.cards, s.a)?.tags[0] ?? s.text),
    () =>
      addEvidence(doc, card, { kind: 'quote', text: s.text, source: 'q.csv', date: '2024-01-02' }),
    () => removeEvidence(doc, card, pick(board.cards, s.a)?.evidence[0]?.id ?? 'none'),
    () =>
      addShape(doc, {
        type: pick(SHAPE_TYPES, s.a)!,
        x: s.n,
        y: s.b % 100,
        w: 40,
        h: 20,
        text: s.text,
        ...(target && s.a % 2 ? { from: target, to: target } : {}),
      }),
    () => updateShape(doc, shape, { x: s.n, color: '#123', from: s.a % 2 ? null : target }),
    () => setShapeText(doc, shape, s.text),
    () => deleteShape(doc, shape),
    () => setTitle(doc, s.text),
    () => setMapType(doc, pick(MAP_TYPES, s.a)!),
    () => setScenario(doc, s.text),
    () => setPersona(doc, s.a % 2 ? { name: s.text } : { description: s.text }),
    () => !s.offline && undo.undo(),
    () => !s.offline && undo.redo(),
    () => versions.push(readBoard(doc)),
    () => versions.length && reconcile(doc, pick(versions, s.a)!),
    () =>
      applySurveyImport(doc, surveyCsv(board, s), undefined, {
        source: `s${s.b % 2}.csv`,
        createMissing: s.a % 2 === 0,
        today: '2024-06-01',
      }),
    () => {
      const clip = copySelection(board, [card, shape]);
      return clip && pasteClip(doc, clip);
    },
    () => legacyCard(doc, board, s),
    () => room.reconnect(s.a),
  ];
  const op = ops[s.op % ops.length]!;
  try {
    op();
  } catch (err) {
    // A refused operation (bad input, a record someone deleted) writes nothing.
    if (!(err instanceof ModelError)) throw err;
  }
}

function commentsStep(room: Room, s: Step): void {
  const doc = s.offline ? room.offline : room.live;
  const threads = readThreads(doc);
  const thread = pick(threads, s.a);
  const message = thread && pick(thread.messages, s.b);
  const author = {
    id: `u${s.b % 3}`,
    name: s.text || 'Ana',
    ...(s.a % 2 ? { color: '#f00' } : {}),
  };
  const ops: (() => unknown)[] = [
    () =>
      createThread(doc, {
        anchor: s.a % 2 ? { kind: 'point', x: s.n, y: s.b % 50 } : { kind: 'card', id: `c${s.b}` },
        author,
        body: s.text,
        mentions: s.n % 2 ? ['u1', 'u2'] : [],
      }),
    () => thread && reply(doc, thread.id, { author, body: s.text, mentions: ['u0'] }),
    () =>
      thread &&
      message &&
      editMessage(doc, thread.id, message.id, { userId: message.author.id, body: s.text }),
    () => thread && message && deleteMessage(doc, thread.id, message.id, message.author.id),
    () => thread && setResolved(doc, thread.id, s.a % 2 === 0, author),
    () => thread && setAnchor(doc, thread.id, { kind: 'stage', id: `s${s.n}` }),
    () => notePerson(doc, author, new Date(Date.UTC(2024, 0, 1 + (s.n % 20))).toISOString()),
    () => room.reconnect(s.a),
  ];
  try {
    ops[s.op % ops.length]!();
  } catch (err) {
    if (!(err instanceof ModelError)) throw err;
  }
}

/** The board a run starts from: a template, an imported board, or an empty one. */
function start(room: Room, how: number): void {
  const template = TEMPLATE_IDS[how % TEMPLATE_IDS.length]!;
  if (how % 3 === 0) applyTemplate(room.live, template, { title: 'Journey' });
  else if (how % 3 === 1) {
    const source = new Y.Doc();
    applyTemplate(source, template, { title: 'Imported', persona: { name: 'Priya' } });
    importBoard(room.live, exportBoard(source) as Parameters<typeof importBoard>[1]);
  } else initBoard(room.live, { title: 'Empty', mapType: 'current-state' });
  room.reconnect(2);
}

describe('findSchemaViolation lets honest writes through', () => {
  it('S26: every update random model operations make, live or offline, passes', () => {
    let checked = 0;
    fc.assert(
      fc.property(fc.nat(), fc.array(step, { minLength: 20, maxLength: 60 }), (how, steps) => {
        const room = new Room('board');
        start(room, how);
        const undo = new Y.UndoManager(
          ['meta', 'stages', 'lanes', 'cards', 'shapes'].map((name) => room.live.getMap(name)),
          { captureTimeout: 0 },
        );
        const versions: BoardSnapshot[] = [];
        for (const s of steps) boardStep(room, s, versions, undo);
        room.reconnect(how);
        // The replicas converge, and nothing was refused on the way.
        expect(readBoard(room.live)).toEqual(readBoard(room.server));
        checked += room.checked;
      }),
      { numRuns: 60, ...replay },
    );
    expect(checked).toBeGreaterThan(500);
  });

  it('S26: every update comment operations make, live or offline, passes', () => {
    fc.assert(
      fc.property(fc.array(step, { minLength: 10, maxLength: 40 }), (steps) => {
        const room = new Room('comments');
        for (const s of steps) commentsStep(room, s);
        room.reconnect(0);
        expect(readThreads(room.live)).toEqual(readThreads(room.server));
      }),
      { numRuns: 60, ...replay },
    );
  });

  it('W18: passes unknown roots and keys, and deletions of anything', () => {
    const room = new Room('board');
    applyTemplate(room.live, 'current-state', { title: 'Journey' });
    const cards = room.live.getMap<Y.Map<unknown>>('cards');
    const [id] = [...cards.keys()];
    cards.get(id!)!.set('nps', 'a future field');
    cards.get(id!)!.set('constructor', 1);
    room.live.getMap('storyboard').set('frames', 42);
    room.live.getMap('meta').set('theme', new Y.Text());
    cards.delete(id!);
    room.live.getMap('stages').clear();
    expect(room.checked).toBe(7);
  });
});
