/** Pictures on the map (W227–W230): the storyboard lane, card pictures, image shapes and evidence. */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addEvidence,
  addLane,
  addShape,
  diffBoards,
  exportBoard,
  findSchemaViolation,
  parseBoardJson,
  readBoard,
  readBoardChecked,
  reconcile,
  sameBoard,
  setCardImage,
} from '../../../../shared/model/index.js';
import { boardToCsv } from '../../../../shared/model/csvExport.js';
import { boardWithGrid, expectModelError, replicaOf as replica } from './helpers.js';

const IMG = 'a3f1c2d4e5b6a7980123456789abcdef0123456789abcdef0123456789abcdef';
const IMG2 = 'Zm9vYmFyLWJhei1xdXV4LTEyMzQ1Njc4OTAtYWJj';

function storyboard() {
  const { doc, s1, s2 } = boardWithGrid();
  const lane = addLane(doc, { name: 'Storyboard', kind: 'storyboard' });
  return { doc, s1, s2, lane };
}

/** What the server's schema guard says of the update `write` makes on a copy of `doc`. */
function guard(doc: Y.Doc, write: (copy: Y.Doc) => void): string | null {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(doc);
  write(copy);
  return findSchemaViolation(doc, 'board', Y.decodeUpdate(Y.encodeStateAsUpdate(copy, before)));
}

describe('pictures in the model', () => {
  it('W227: a storyboard card keeps its picture and caption through read, JSON and reconcile', () => {
    const { doc, s1, lane } = storyboard();
    const id = addCard(doc, { stageId: s1, laneId: lane, text: 'At the till', image: IMG });
    const card = readBoard(doc).cards.find((c) => c.id === id)!;
    expect(card).toMatchObject({ text: 'At the till', image: IMG });
    expect(readBoard(doc).lanes.find((l) => l.id === lane)!.kind).toBe('storyboard');
    const json = exportBoard(doc);
    const parsed = parseBoardJson(JSON.parse(JSON.stringify(json)));
    expect(parsed.ok).toBe(true);
    const target = replica(doc);
    setCardImage(target, id, IMG2);
    reconcile(doc, target);
    expect(readBoard(doc).cards.find((c) => c.id === id)!.image).toBe(IMG2);
    setCardImage(target, id, undefined);
    reconcile(doc, target);
    expect(sameBoard(doc, target)).toBe(true);
    expect(readBoard(doc).cards.find((c) => c.id === id)).not.toHaveProperty('image');
  });

  it('W227: a picture id must be URL-safe; a bad one is refused with the field', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const id = addCard(doc, { stageId: s1, laneId: l1, text: 'x' });
    expectModelError(() => setCardImage(doc, id, '../etc/passwd'), `cards.${id}.image`);
    const noPicture = expectModelError(() =>
      addShape(doc, { type: 'image', x: 0, y: 0, w: 10, h: 10 }),
    );
    expect(noPicture.field).toMatch(/^shapes\..*\.image$/);
    const notImage = expectModelError(() =>
      addShape(doc, { type: 'note', x: 0, y: 0, w: 10, h: 10, image: IMG }),
    );
    expect(notImage.field).toMatch(/^shapes\..*\.image$/);
    expect(readBoard(doc).cards[0]).not.toHaveProperty('image');
    const bad = parseBoardJson({
      ...exportBoard(doc),
      cards: [{ ...readBoard(doc).cards[0]!, image: 'has space' }],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues[0]!.path).toBe('cards[0].image');
  });

  it('W228: an image shape reads with its picture; one without reads total and still exports', () => {
    const { doc } = boardWithGrid();
    const id = addShape(doc, { type: 'image', x: 10, y: 20, w: 320, h: 240, image: IMG });
    expect(readBoard(doc).shapes.find((s) => s.id === id)).toMatchObject({
      type: 'image',
      image: IMG,
      w: 320,
      h: 240,
    });
    // Another client wrote an image shape without (or with a mangled) picture id.
    (doc.getMap('shapes').get(id) as Y.Map<unknown>).set('image', 42);
    const { board, unreadable } = readBoardChecked(doc);
    expect(board.shapes.find((s) => s.id === id)).not.toHaveProperty('image');
    expect(unreadable).toContainEqual({
      path: `shapes.${id}.image`,
      reason: 'must be a string; got a number',
    });
    expect(parseBoardJson(JSON.parse(JSON.stringify(exportBoard(doc)))).ok).toBe(true);
  });

  it('W229: image evidence needs a picture id and a caption; others may not carry one', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const id = addCard(doc, { stageId: s1, laneId: l1, text: 'Pays' });
    addEvidence(doc, id, { kind: 'image', text: 'Receipt', image: IMG });
    expectModelError(
      () => addEvidence(doc, id, { kind: 'image', text: 'No picture' }),
      `cards.${id}.evidence`,
    );
    expectModelError(
      () => addEvidence(doc, id, { kind: 'quote', text: 'Hi', image: IMG }),
      `cards.${id}.evidence`,
    );
    const evidence = readBoard(doc).cards[0]!.evidence;
    expect(evidence).toEqual([{ id: evidence[0]!.id, kind: 'image', text: 'Receipt', image: IMG }]);
    // A raw item another client wrote without the id is skipped and noted, not shown broken.
    const list = (doc.getMap('cards').get(id) as Y.Map<unknown>).get(
      'evidence',
    ) as Y.Array<unknown>;
    list.push([{ id: 'e2', kind: 'image', text: 'Lost' }]);
    const { board, unreadable } = readBoardChecked(doc);
    expect(board.cards[0]!.evidence).toHaveLength(1);
    expect(unreadable).toContainEqual({
      path: `cards.${id}.evidence[1]`,
      reason: 'needs an image id',
    });
    expect(parseBoardJson(JSON.parse(JSON.stringify(exportBoard(doc)))).ok).toBe(true);
  });

  it('W230: the schema guard refuses a non-string picture id on cards, shapes and evidence', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const card = addCard(doc, { stageId: s1, laneId: l1, text: 'x' });
    const shape = addShape(doc, { type: 'image', x: 0, y: 0, w: 10, h: 10, image: IMG });
    const record = (d: Y.Doc, root: string, id: string) => d.getMap(root).get(id) as Y.Map<unknown>;
    expect(guard(doc, (d) => record(d, 'cards', card).set('image', 7))).toBe(
      `cards.${card}.image must be a string; got a number`,
    );
    expect(guard(doc, (d) => record(d, 'shapes', shape).set('image', { id: IMG }))).toBe(
      `shapes.${shape}.image must be a string; got an object`,
    );
    expect(
      guard(doc, (d) =>
        (record(d, 'cards', card).get('evidence') as Y.Array<unknown>).push([
          { id: 'e', kind: 'image', text: 'c', image: 3 },
        ]),
      ),
    ).toBe(
      `cards.${card}.evidence[] must be an evidence object with a string id, kind and text; got an object`,
    );
    expect(guard(doc, (d) => setCardImage(d, card, IMG))).toBeNull();
  });

  it('W230: the version diff reports a picture added, replaced and removed; CSV has its id', () => {
    const { doc, s1, lane } = storyboard();
    const id = addCard(doc, { stageId: s1, laneId: lane, text: 'Till' });
    const before = replica(doc);
    setCardImage(doc, id, IMG);
    const labels = (a: Y.Doc, b: Y.Doc) => diffBoards(a, b).changes.map((c) => c.label);
    expect(labels(before, doc)).toEqual(['Picture added to "Till"']);
    const mid = replica(doc);
    setCardImage(doc, id, IMG2);
    expect(labels(mid, doc)).toEqual(['Picture replaced on "Till"']);
    expect(labels(doc, before)).toEqual(['Picture removed from "Till"']);
    const csv = boardToCsv(readBoard(doc)).split('\r\n');
    expect(csv[0]!.endsWith(',card_id,image,external_key,link')).toBe(true);
    expect(csv[1]!.endsWith(`,${id},${IMG2},,`)).toBe(true);
  });

  it('W227: an old board (no pictures anywhere) reads and exports exactly as before', () => {
    const { doc, s1, l1 } = boardWithGrid();
    addCard(doc, { stageId: s1, laneId: l1, text: 'Plain' });
    addShape(doc, { type: 'note', x: 0, y: 0, w: 10, h: 10 });
    const json = JSON.stringify(exportBoard(doc));
    expect(json).not.toContain('"image"');
    expect(readBoardChecked(doc).unreadable).toEqual([]);
  });
});
