/**
 * Readers are total: values of the wrong type at schema keys (written with the raw Y API, as any
 * client speaking the Yjs protocol can) are skipped or read as defaults and reported, never
 * thrown; writes on such records fail with a ModelError naming the field, never a TypeError.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addEvidence,
  addShape,
  addTag,
  createThread,
  deleteCard,
  exportBoard,
  moveCard,
  notePerson,
  parseBoardJson,
  readBoard,
  readBoardChecked,
  readCommentsChecked,
  readThreads,
  reconcile,
  removeEvidence,
  reply,
  setCardText,
  setEmotion,
  setMetrics,
  setResolved,
} from '../../../../shared/model/index.js';
import { boardToCsv } from '../../../../shared/model/csvExport.js';
import { boardWithGrid, expectModelError, replicaOf } from './helpers.js';

const map = (doc: Y.Doc, root: string) => doc.getMap<unknown>(root);
const record = (doc: Y.Doc, root: string, id: string) => map(doc, root).get(id) as Y.Map<unknown>;

function gridWithCard() {
  const grid = boardWithGrid();
  const card = addCard(grid.doc, {
    stageId: grid.s1,
    laneId: grid.l1,
    text: 'Reads the pricing page',
    tags: ['pricing'],
    evidence: [{ id: 'ev1', kind: 'quote', text: 'Too many plans', date: '2024-04-02' }],
    metrics: { csat: 70 },
  });
  return { ...grid, card };
}

describe('readBoardChecked', () => {
  it('S27: skips records that are not Y.Maps and reports each, reading the rest', () => {
    const { doc, card } = gridWithCard();
    const clean = readBoard(doc);
    doc.transact(() => {
      map(doc, 'cards').set('V1StGXR8_Z5j', 42);
      map(doc, 'cards').set('textCard', new Y.Text('not a card'));
      map(doc, 'stages').set('strStage', 'str');
      map(doc, 'lanes').set('nullLane', null);
      map(doc, 'shapes').set('arrShape', new Y.Array());
    });
    const { board, unreadable } = readBoardChecked(doc);
    expect(board).toEqual(clean);
    expect(board.cards.map((c) => c.id)).toEqual([card]);
    expect(unreadable).toEqual([
      { path: 'stages.strStage', reason: 'must be a Y.Map; got a string' },
      { path: 'lanes.nullLane', reason: 'must be a Y.Map; got null' },
      { path: 'cards.V1StGXR8_Z5j', reason: 'must be a Y.Map; got a number' },
      { path: 'cards.textCard', reason: 'must be a Y.Map; got a Y.Text' },
      { path: 'shapes.arrShape', reason: 'must be a Y.Map; got a Y.Array' },
    ]);
  });

  it('S27: reads malformed fields of a good card as their defaults, and reports each', () => {
    const { doc, card } = gridWithCard();
    const c = record(doc, 'cards', card);
    doc.transact(() => {
      c.set('text', 42);
      c.set('emotion', 'very sad');
      (c.get('evidence') as Y.Array<unknown>).push([{}, 42, { id: 'e1', kind: 'quote' }]);
      (c.get('tags') as Y.Array<unknown>).push([7, '', 'ok']);
      (c.get('metrics') as Y.Map<unknown>).set('ces', 99);
      (c.get('metrics') as Y.Map<unknown>).set('fcr', '80');
      c.set('color', new Y.Map());
    });
    const { board, unreadable } = readBoardChecked(doc);
    const read = board.cards[0]!;
    expect(read).toMatchObject({
      id: card,
      text: '',
      tags: ['pricing', 'ok'],
      metrics: { csat: 70 },
    });
    expect(read.evidence.map((e) => e.text)).toEqual(['Too many plans']);
    expect(read).not.toHaveProperty('emotion');
    expect(read).not.toHaveProperty('color');
    expect(unreadable.map((u) => u.path)).toEqual([
      `cards.${card}.text`,
      `cards.${card}.metrics.ces`,
      `cards.${card}.metrics.fcr`,
      `cards.${card}.tags[1]`,
      `cards.${card}.tags[2]`,
      `cards.${card}.evidence[1]`,
      `cards.${card}.evidence[2]`,
      `cards.${card}.evidence[3]`,
      `cards.${card}.color`,
      `cards.${card}.emotion`,
    ]);
    expect(unreadable[0]!.reason).toBe('must be a Y.Text; got a number');
    expect(unreadable[1]!.reason).toBe('must be from 1 to 7');
    expect(unreadable[5]!.reason).toBe('needs an id of 1 to 64 characters');
    expect(unreadable[6]!.reason).toBe('must be an object; got a number');
    expect(unreadable[7]!.reason).toBe('needs a text');
    // Whatever was stored, the board is one the open format accepts.
    expect(parseBoardJson(exportBoard(doc)).ok).toBe(true);
  });

  it('reads a malformed meta and persona as defaults', () => {
    const { doc } = boardWithGrid();
    doc.transact(() => {
      map(doc, 'meta').set('persona', 'Priya');
      map(doc, 'meta').set('title', 7);
      map(doc, 'meta').set('mapType', 'storyboard');
    });
    const { board, unreadable } = readBoardChecked(doc);
    expect(board.meta).toMatchObject({
      title: 'Untitled map',
      mapType: 'current-state',
      persona: { name: '', description: '' },
    });
    expect(unreadable.map((u) => u.path)).toEqual(['meta.title', 'meta.mapType', 'meta.persona']);
    expect(parseBoardJson(exportBoard(doc)).ok).toBe(true);
  });

  it('reports nothing for a sound board, an empty doc, or a card without optional lists', () => {
    const { doc, s1, l1 } = gridWithCard();
    expect(readBoardChecked(doc).unreadable).toEqual([]);
    expect(readBoardChecked(new Y.Doc()).unreadable).toEqual([]);
    // DESIGN lets a card lack metrics, tags and evidence; another client may leave them out.
    const bare = new Y.Map<unknown>();
    doc.transact(() => {
      bare.set('stageId', s1);
      bare.set('laneId', l1);
      bare.set('order', 'a5');
      bare.set('text', new Y.Text('Bare'));
      map(doc, 'cards').set('bare', bare);
    });
    expect(readBoardChecked(doc).unreadable).toEqual([]);
    addTag(doc, 'bare', 'new');
    addEvidence(doc, 'bare', { kind: 'data', text: '12 % churn' });
    setMetrics(doc, 'bare', { volume: 3 });
    expect(readBoard(doc).cards.find((c) => c.id === 'bare')).toMatchObject({
      tags: ['new'],
      metrics: { volume: 3 },
    });
  });

  it('W63, S27: exports CSV and reconciles over foreign values, which a restore then removes', () => {
    const { doc } = gridWithCard();
    const target = replicaOf(doc);
    map(doc, 'cards').set('poison', 42);
    map(doc, 'meta').set('persona', 3);
    expect(boardToCsv(readBoard(doc))).toContain('Reads the pricing page');
    reconcile(doc, target);
    expect(readBoardChecked(doc)).toEqual({ board: readBoard(target), unreadable: [] });
  });
});

describe('foreign content in a sound field', () => {
  it('a text holding an embed is replaced exactly by an edit and by a restore', () => {
    const { doc, card } = gridWithCard();
    const target = replicaOf(doc);
    const text = record(doc, 'cards', card).get('text') as Y.Text;
    text.insertEmbed(3, { image: 'x' });
    setCardText(doc, card, 'Reads the pricing page twice');
    expect(readBoard(doc).cards[0]!.text).toBe('Reads the pricing page twice');
    text.insertEmbed(0, { image: 'y' });
    reconcile(doc, target);
    expect(readBoard(doc)).toEqual(readBoard(target));
  });

  it('a board whose title was deleted reads as untitled, and exports', () => {
    const { doc } = boardWithGrid();
    map(doc, 'meta').delete('title');
    const { board, unreadable } = readBoardChecked(doc);
    expect(board.meta.title).toBe('Untitled map');
    expect(unreadable).toEqual([{ path: 'meta.title', reason: 'is missing' }]);
    expect(parseBoardJson(exportBoard(doc)).ok).toBe(true);
  });
});

describe('writes on a malformed record', () => {
  it('throw a ModelError naming the field, never a TypeError', () => {
    const { doc, s1, l1, card } = gridWithCard();
    const c = record(doc, 'cards', card);
    doc.transact(() => {
      c.set('text', 42);
      c.set('tags', 'pricing');
      c.set('metrics', [1]);
      c.set('evidence', new Y.Text());
      map(doc, 'cards').set('broken', 42);
      map(doc, 'stages').set('brokenStage', 'str');
    });
    expectModelError(() => setCardText(doc, card, 'x'), `cards.${card}.text`);
    expectModelError(() => addTag(doc, card, 'x'), `cards.${card}.tags`);
    expectModelError(() => setMetrics(doc, card, { csat: 1 }), `cards.${card}.metrics`);
    expectModelError(
      () => addEvidence(doc, card, { kind: 'quote', text: 'x' }),
      `cards.${card}.evidence`,
    );
    expectModelError(() => removeEvidence(doc, card, 'x'), `cards.${card}.evidence`);
    expectModelError(() => setEmotion(doc, 'broken', 1), 'cards.broken');
    expectModelError(() => moveCard(doc, card, { stageId: 'brokenStage', laneId: l1 }));
    expectModelError(
      () => addCard(doc, { stageId: 'brokenStage', laneId: l1 }),
      'stages.brokenStage',
    );
    // Cards in sound cells can still be added and moved; a malformed record can be deleted.
    const other = addCard(doc, { stageId: s1, laneId: l1, text: 'Next' });
    moveCard(doc, other, { stageId: s1, laneId: l1, index: 0 });
    deleteCard(doc, 'broken');
    addShape(doc, { type: 'arrow', x: 0, y: 0, w: 1, h: 1, from: other });
    expect(map(doc, 'cards').has('broken')).toBe(false);
  });
});

describe('comments readers', () => {
  const author = { id: 'u1', name: 'Ana' };

  it('S27: skip malformed threads and messages, read malformed fields as defaults, report each', () => {
    const doc = new Y.Doc();
    const thread = createThread(doc, { anchor: { kind: 'point', x: 1, y: 2 }, author, body: 'Hi' });
    reply(doc, thread, { author, body: 'Again' });
    const t = record(doc, 'threads', thread);
    doc.transact(() => {
      map(doc, 'threads').set('bad', 42);
      t.set('anchor', 'left');
      t.set('createdBy', { id: 3 });
      (t.get('messages') as Y.Array<unknown>).push([{}, new Y.Map()]);
      ((t.get('messages') as Y.Array<unknown>).get(0) as Y.Map<unknown>).set('mentions', [1, 'u2']);
      map(doc, 'people').set('u9', 'Zoe');
    });
    const { threads, people, unreadable } = readCommentsChecked(doc);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({
      anchor: { kind: 'point', x: 0, y: 0 },
      createdBy: { id: '', name: 'Unknown' },
    });
    expect(threads[0]!.messages.map((m) => [m.body, m.mentions])).toEqual([
      ['Hi', ['u2']],
      ['Again', []],
    ]);
    expect(people).toEqual([]);
    expect(unreadable.map((u) => u.path)).toEqual([
      `threads.${thread}.messages[0].mentions[0]`,
      `threads.${thread}.messages[2]`,
      `threads.${thread}.messages[3]`,
      `threads.${thread}.anchor`,
      `threads.${thread}.createdBy`,
      'threads.bad',
      'people.u9',
    ]);
    expect(readThreads(doc)).toEqual(threads);
  });

  it('writes on a malformed thread throw a ModelError; a malformed own person is replaced', () => {
    const doc = new Y.Doc();
    const thread = createThread(doc, { anchor: { kind: 'card', id: 'c' }, author, body: 'Hi' });
    doc.transact(() => {
      record(doc, 'threads', thread).set('messages', 'none');
      map(doc, 'threads').set('bad', 42);
      map(doc, 'people').set(author.id, 42);
    });
    expectModelError(() => reply(doc, thread, { author, body: 'x' }), `threads.${thread}.messages`);
    expectModelError(() => setResolved(doc, 'bad', true, author), 'threads.bad');
    notePerson(doc, author);
    expect(readCommentsChecked(doc).people).toMatchObject([{ id: 'u1', name: 'Ana' }]);
  });
});
