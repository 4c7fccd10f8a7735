/**
 * Foreign values at every schema path of a board doc and a comments doc, written with the raw
 * Y API as any client speaking the Yjs protocol can: `findSchemaViolation` flags exactly the
 * writes of a wrong type at a known key (not unknown keys, not deletions), every reader notes
 * what it skipped, and every reader, exporter (JSON, CSV), diff (both ways), insights,
 * staleness, survey matching, restore and the activity collector survive; model writes on the
 * poisoned records fail only with a ModelError. Replay a failure with MODEL_FUZZ_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { boardToCsv } from '../../../../shared/model/csvExport.js';
import {
  addCard,
  addPersona,
  FIRST_PERSONA_ID,
  removePersona,
  setCardPersona,
  updatePersona,
  addEvidence,
  addLane,
  addShape,
  addStage,
  addTag,
  computeInsights,
  createThread,
  deleteCard,
  deleteMessage,
  diffBoards,
  editMessage,
  exportBoard,
  initBoard,
  matchSurvey,
  ModelError,
  moveCard,
  notePerson,
  parseBoardJson,
  readBoard,
  readBoardChecked,
  readCommentsChecked,
  reconcile,
  removeEvidence,
  removeTag,
  renameStage,
  reply,
  setAnchor,
  setCardText,
  setEmotion,
  setExpectation,
  setExpected,
  setTeam,
  setLaneKind,
  setExternalKey,
  setMetrics,
  setResolved,
  setShapeText,
  setStageWidth,
  staleCards,
  updateShape,
  writeMetricPoints,
} from '../../../../shared/model/index.js';
import { findSchemaViolation, type GuardedDocKind } from '../../../../shared/model/schemaGuard.js';
import { collectTouched, emptyTouched, prepareTouched } from '../../../../shared/model/touched.js';
import { fitsPlace, foreign, writeForeign, type Expected, type Foreign } from './foreign.js';

/** A place to write at: under `at` (root first), at `key`, or as list content when null. */
interface Target {
  at: string[];
  key: string | null;
  expected: Expected;
}

const fields = (at: string[], table: Record<string, Expected>): Target[] => [
  ...Object.entries(table).map(([key, expected]) => ({ at, key, expected })),
  { at, key: 'fromTheFuture', expected: 'unknown' },
];
const entries = (root: string, id: string): Target[] => [
  { at: [root], key: id, expected: 'map' },
  { at: [root], key: `new-${root}`, expected: 'map' },
  // A schema map holds entries by key; list content in it is refused whatever it is.
  { at: [root], key: null, expected: 'unknown' },
];

function boardTargets(board: ReturnType<typeof readBoard>): Target[] {
  const [p, s, l, c, h] = [
    board.meta.personas![1]!.id,
    board.stages[0]!.id,
    board.lanes[0]!.id,
    board.cards[0]!.id,
    board.shapes[0]!.id,
  ];
  const str = 'string' as const;
  const num = 'number' as const;
  return [
    ...fields(['meta'], {
      title: str,
      mapType: str,
      scenario: str,
      createdAt: str,
      schemaVersion: num,
      persona: 'map',
    }),
    ...fields(['meta', 'persona'], { name: str, description: str, color: str }),
    ...entries('personas', p),
    ...fields(['personas', p], { name: str, description: str, color: str, order: str }),
    ...entries('stages', s),
    ...entries('lanes', l),
    ...entries('cards', c),
    ...entries('shapes', h),
    ...fields(['stages', s], { name: str, order: str, width: num, link: str }),
    ...fields(['lanes', l], { name: str, kind: str, order: str }),
    ...fields(['cards', c], {
      stageId: str,
      laneId: str,
      order: str,
      text: 'text',
      color: str,
      emotion: num,
      channel: str,
      persona: str,
      metrics: 'map',
      tags: 'array',
      evidence: 'array',
      link: str,
      externalKey: str,
    }),
    ...fields(['cards', c], { team: str, expected: num, expectation: str }),
    ...fields(['cards', c, 'metrics'], { csat: num, ces: num, fcr: num, nps: num, volume: num }),
    // Every key of a card's series holds a point: a nested Y.Map with other content is refused.
    ...entries('metricSeries', c).map((t) =>
      t.expected === 'map' ? { ...t, expected: 'seriesMap' as const } : t,
    ),
    { at: ['metricSeries', c], key: 'csat|2024-01-01|2024-01-31|survey', expected: 'point' },
    { at: ['metricSeries', c], key: 'fromTheFuture', expected: 'point' },
    { at: ['metricSeries', c], key: null, expected: 'unknown' },
    { at: ['cards', c, 'tags'], key: null, expected: str },
    { at: ['cards', c, 'evidence'], key: null, expected: 'evidence' },
    ...fields(['shapes', h], {
      type: str,
      x: num,
      y: num,
      w: num,
      h: num,
      text: 'text',
      color: str,
      from: str,
      to: str,
    }),
    ...fields(['timer'], { runId: str, state: str, endsAt: num, leftMs: num, durationMs: num }),
    ...fields(['gather'], { quietCursors: 'boolean' }),
  ];
}

function commentTargets(thread: string, person: string): Target[] {
  const str = 'string' as const;
  return [
    ...entries('threads', thread),
    ...entries('people', person),
    ...fields(['threads', thread], {
      anchor: 'anchor',
      resolved: 'boolean',
      createdAt: str,
      createdBy: 'author',
      resolvedBy: 'author',
      messages: 'array',
    }),
    { at: ['threads', thread, 'messages'], key: null, expected: 'map' },
    ...fields(['threads', thread, 'messages', '0'], {
      id: str,
      author: 'author',
      body: str,
      createdAt: str,
      editedAt: str,
      mentions: 'strings',
    }),
    ...fields(['people', person], { name: str, color: str, lastSeen: str }),
  ];
}

/** The Y type a target writes into, in `doc`; undefined when earlier poison replaced it. */
function parentIn(doc: Y.Doc, target: Target): Y.Map<unknown> | Y.Array<unknown> | undefined {
  const [root, ...path] = target.at;
  let type: unknown =
    path.length === 0 && target.key === null ? doc.getArray(root) : doc.getMap(root);
  for (const segment of path) {
    if (type instanceof Y.Map) type = type.get(segment);
    else if (type instanceof Y.Array) type = type.get(Number(segment));
    else return undefined;
  }
  // A key goes into a map, list content into a list (or a root, which takes either). Below a
  // value of the wrong type (a Y.XmlHook is a Y.Map subclass) nothing is checked: not a target.
  if (type instanceof Y.Map && type.constructor === Y.Map && target.key !== null) return type;
  if (type instanceof Y.Array && target.key === null) return type;
  return undefined;
}

const replica = (doc: Y.Doc) => {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
};

/**
 * Writes `value` at `target` as another client would (on a replica), checks the update at the
 * door against `doc`, then applies it. Returns false when the target is gone.
 */
function poison(doc: Y.Doc, kind: GuardedDocKind, target: Target, value: Foreign, index: number) {
  const client = replica(doc);
  const parent = parentIn(client, target);
  if (!parent) return false;
  const before = Y.encodeStateVector(doc);
  writeForeign(client, parent, target.key, index, value);
  const update = Y.encodeStateAsUpdate(client, before);
  const violation = findSchemaViolation(doc, kind, Y.decodeUpdate(update));
  const listInMap = target.key === null && target.expected === 'unknown';
  const wrong = listInMap ? !value.deletion : !fitsPlace(value, target.expected);
  const where = `${target.at.join('.')}${target.key === null ? '[]' : `.${target.key}`}`;
  expect(violation !== null, `${value.label} at ${where}: ${violation}`).toBe(wrong);
  Y.applyUpdate(doc, update);
  const invisible = listInMap || (target.key === null && value.invisibleInList);
  if (wrong && !invisible) {
    // Readers note it, under the record (or meta field) it hit.
    const prefix = [...target.at, target.key].slice(0, 2).join('.');
    const unreadable =
      kind === 'board' ? readBoardChecked(doc).unreadable : readCommentsChecked(doc).unreadable;
    expect(
      unreadable.some((u) => u.path.startsWith(prefix)),
      `${value.label} at ${where}`,
    ).toBe(true);
  }
  return true;
}

/** Runs a model write; only a ModelError may come back. */
function attempt(write: () => unknown): void {
  try {
    write();
  } catch (err) {
    if (!(err instanceof ModelError)) throw err;
  }
}

/** A small board with every kind of record, built by the model. */
function cleanBoard(): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Journey', mapType: 'current-state', persona: { name: 'Priya' } });
  const stages = [addStage(doc, { name: 'Discover' }), addStage(doc, { name: 'Buy', width: 300 })];
  const lanes = [
    addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' }),
    addLane(doc, { name: 'Pain points', kind: 'painPoints' }),
  ];
  const card = addCard(doc, {
    stageId: stages[0]!,
    laneId: lanes[0]!,
    text: 'Pricing page',
    emotion: -1,
    channel: 'web',
    team: 'Sales',
    expected: 1,
    expectation: 'A clear price',
    persona: addPersona(doc, { name: 'Sam' }),
    metrics: { csat: 60, volume: 120 },
    tags: ['pricing'],
    evidence: [{ id: 'ev1', kind: 'quote', text: 'Too many plans', date: '2024-03-01' }],
  });
  addCard(doc, { stageId: stages[1]!, laneId: lanes[1]!, text: 'Checkout fails' });
  setExternalKey(doc, card, 'TP-1');
  writeMetricPoints(
    doc,
    [
      {
        cardId: card,
        metric: 'csat',
        value: 55,
        n: 40,
        periodStart: '2024-01-01',
        periodEnd: '2024-01-31',
        source: 'survey',
      },
      {
        cardId: card,
        metric: 'csat',
        value: 60,
        n: 42,
        periodStart: '2024-02-01',
        periodEnd: '2024-02-29',
        source: 'survey',
      },
    ],
    '2024-03-01T00:00:00.000Z',
  );
  addShape(doc, { type: 'arrow', x: 0, y: 0, w: 10, h: 10, from: card, text: 'label' });
  return doc;
}

/** Everything that reads a board survives it, and writes on its records fail cleanly. */
function survives(doc: Y.Doc, clean: Y.Doc): void {
  const { board, unreadable } = readBoardChecked(doc);
  expect(unreadable.every((u) => u.path && u.reason)).toBe(true);
  expect(parseBoardJson(exportBoard(doc)).ok).toBe(true);
  boardToCsv(board);
  diffBoards(clean, doc);
  diffBoards(doc, clean);
  computeInsights(board);
  staleCards(board, { maxAgeDays: 90, now: Date.UTC(2025, 0, 1) });
  matchSurvey(board, [{ line: 2, touchpoint: board.cards[0]?.text ?? 'x' }]);
  // Restoring a version that holds foreign values gives a sound board.
  const restoredOld = replica(clean);
  reconcile(restoredOld, doc);
  expect(readBoardChecked(restoredOld)).toEqual({ board, unreadable: [] });

  const touched = emptyTouched();
  const writes = replica(clean);
  prepareTouched(writes);
  writes.on('afterTransaction', (tr: Y.Transaction) => collectTouched(writes, tr, touched));
  Y.applyUpdate(writes, Y.encodeStateAsUpdate(doc));
  const ids = (root: string) => [...writes.getMap(root).keys()];
  const [stage, lane] = [ids('stages')[0] ?? 's', ids('lanes')[0] ?? 'l'];
  for (const id of ids('cards')) {
    attempt(() => setCardText(writes, id, 'x'));
    attempt(() => addTag(writes, id, 't'));
    attempt(() => removeTag(writes, id, 't'));
    attempt(() => addEvidence(writes, id, { kind: 'data', text: 'd' }));
    attempt(() => removeEvidence(writes, id, 'e'));
    attempt(() => setMetrics(writes, id, { csat: 5 }));
    attempt(() => setExternalKey(writes, id, 'TP-2'));
    attempt(() =>
      writeMetricPoints(writes, [
        {
          cardId: id,
          metric: 'nps',
          value: 10,
          periodStart: '2024-03-01',
          periodEnd: '2024-03-31',
          source: 'api',
        },
      ]),
    );
    attempt(() => setEmotion(writes, id, 1));
    attempt(() => setTeam(writes, id, 'Billing'));
    attempt(() => setExpected(writes, id, 1));
    attempt(() => setExpectation(writes, id, 'Fast'));
    attempt(() => moveCard(writes, id, { stageId: stage, laneId: lane }));
    for (const persona of [...ids('personas'), FIRST_PERSONA_ID, undefined])
      attempt(() => setCardPersona(writes, id, persona));
  }
  for (const id of [...ids('personas'), FIRST_PERSONA_ID]) {
    attempt(() => updatePersona(writes, id, { name: 'P', color: '#123456' }));
    attempt(() => removePersona(writes, id));
  }
  attempt(() => addPersona(writes, { name: 'New' }));
  for (const id of ids('shapes')) {
    attempt(() => updateShape(writes, id, { x: 1, to: null }));
    attempt(() => setShapeText(writes, id, 'x'));
  }
  for (const id of ids('stages')) {
    attempt(() => renameStage(writes, id, 'S'));
    attempt(() => setStageWidth(writes, id, 300));
  }
  for (const id of ids('lanes')) attempt(() => setLaneKind(writes, id, 'goals'));
  attempt(() => deleteCard(writes, ids('cards')[0] ?? 'c'));
  readBoardChecked(writes);

  // And restoring a sound version over them replaces them.
  reconcile(doc, clean);
  expect(readBoardChecked(doc)).toEqual({ board: readBoard(clean), unreadable: [] });
}

/** MODEL_FUZZ_SEED=<seed fast-check printed> replays a failing run. */
const replay = process.env.MODEL_FUZZ_SEED ? { seed: Number(process.env.MODEL_FUZZ_SEED) } : {};

const poisons = fc.array(fc.tuple(fc.nat(), foreign, fc.nat(3)), { minLength: 1, maxLength: 5 });

describe('foreign values at every schema path', () => {
  it('W17, S26, S27: of a board doc: flagged at the door when of the wrong type, survived by every reader', () => {
    const clean = cleanBoard();
    const targets = boardTargets(readBoard(clean));
    fc.assert(
      fc.property(poisons, (list) => {
        const doc = replica(clean);
        for (const [at, value, index] of list) {
          poison(doc, 'board', targets[at % targets.length]!, value, index);
        }
        survives(doc, clean);
      }),
      { numRuns: 150, ...replay },
    );
  });

  it('W39: hits every board path with every kind of content', () => {
    const clean = cleanBoard();
    const targets = boardTargets(readBoard(clean));
    const kinds = fc.sample(foreign, { numRuns: 400, seed: 7 });
    for (const target of targets) {
      for (const value of kinds.slice(0, 30)) {
        const doc = replica(clean);
        poison(doc, 'board', target, value, 0);
        readBoardChecked(doc);
      }
    }
  });

  it('W39, S26, S27: of a comments doc: flagged at the door when of the wrong type, survived by every reader', () => {
    const clean = new Y.Doc();
    const author = { id: 'u1', name: 'Ana' };
    const thread = createThread(clean, { anchor: { kind: 'card', id: 'c1' }, author, body: 'Hi' });
    reply(clean, thread, { author, body: 'More' });
    notePerson(clean, author, '2024-01-01T00:00:00.000Z');
    const targets = commentTargets(thread, author.id);
    fc.assert(
      fc.property(poisons, (list) => {
        const doc = replica(clean);
        for (const [at, value, index] of list) {
          poison(doc, 'comments', targets[at % targets.length]!, value, index);
        }
        const { threads, unreadable } = readCommentsChecked(doc);
        expect(unreadable.every((u) => u.path && u.reason)).toBe(true);
        for (const t of threads) {
          const m = t.messages[0];
          attempt(() => reply(doc, t.id, { author, body: 'x' }));
          attempt(() => m && editMessage(doc, t.id, m.id, { userId: m.author.id, body: 'y' }));
          attempt(() => setResolved(doc, t.id, true, author));
          attempt(() => setAnchor(doc, t.id, { kind: 'point', x: 1, y: 1 }));
          attempt(() => m && deleteMessage(doc, t.id, m.id, m.author.id));
        }
        for (const id of doc.getMap('threads').keys())
          attempt(() => reply(doc, id, { author, body: 'z' }));
        notePerson(doc, author);
        readCommentsChecked(doc);
      }),
      { numRuns: 150, ...replay },
    );
  });
});
