import { describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  addCard,
  addPersona,
  addLane,
  addShape,
  addStage,
  deleteLane,
  readBoard,
  type BoardSnapshot,
  type Card,
  type Shape,
} from '../../../../shared/model/index.js';
import {
  copySelection,
  parseClip,
  pasteClip,
  type Clip,
} from '../../../../client/src/board/core/clipboard.js';
import { countUpdates, newBoard, replicaOf } from '../../shared/model/helpers.js';

/**
 * Discover × {Actions, Feelings}: a fully dressed action card, a plain one after it, an emotion
 * card; a note, a rect, and arrows action → note, action → plain card, and a free one.
 */
function fixture() {
  const doc = newBoard();
  const stage = addStage(doc, { name: 'Discover' });
  const actions = addLane(doc, { name: 'Actions', kind: 'actions' });
  const feelings = addLane(doc, { name: 'Feelings', kind: 'emotions' });
  const rich = addCard(doc, {
    stageId: stage,
    laneId: actions,
    text: 'Searches for "running shoes"',
    color: '#fecaca',
    channel: 'Web',
    metrics: { csat: 72, ces: 5.5, fcr: 80, volume: 1200 },
    tags: ['search', 'mobile'],
    evidence: [
      { id: 'ev1', kind: 'quote', text: 'I could not find the filter', source: 'Interview 3' },
      {
        id: 'ev2',
        kind: 'link',
        text: 'Analytics',
        url: 'https://example.com/a',
        date: '2024-04-01',
      },
    ],
  });
  const plain = addCard(doc, { stageId: stage, laneId: actions, text: 'Reads reviews' });
  const mood = addCard(doc, { stageId: stage, laneId: feelings, text: 'Annoyed', emotion: -1 });
  const note = addShape(doc, { type: 'note', x: 100, y: 700, w: 160, h: 120, text: 'Idea' });
  const rect = addShape(doc, { type: 'rect', x: -50, y: 900, w: 300, h: 80, color: '#000000' });
  const toNote = addShape(doc, { type: 'arrow', x: 0, y: 0, w: 10, h: 10, from: rich, to: note });
  const toPlain = addShape(doc, { type: 'arrow', x: 5, y: 5, w: 10, h: 10, from: rich, to: plain });
  const free = addShape(doc, { type: 'arrow', x: 40, y: 50, w: -30, h: 20, text: 'later' });
  return {
    doc,
    ids: { stage, actions, feelings, rich, plain, mood, note, rect, toNote, toPlain, free },
  };
}

const cardOf = (board: BoardSnapshot, id: string): Card => {
  const card = board.cards.find((c) => c.id === id);
  if (!card) throw new Error(`no card ${id}`);
  return card;
};
const shapeOf = (board: BoardSnapshot, id: string): Shape => {
  const shape = board.shapes.find((s) => s.id === id);
  if (!shape) throw new Error(`no shape ${id}`);
  return shape;
};
/** A record without the fields a copy is expected to change. */
const content = <T extends { id: string }>(item: T) => {
  const { id: _id, order: _order, ...rest } = item as T & { order?: string };
  return rest;
};

describe('copySelection', () => {
  it('takes the selected cards and shapes, as plain records', () => {
    const { doc, ids } = fixture();
    const board = readBoard(doc);
    const clip = copySelection(board, [ids.note, ids.rich, 'unknown', ids.toNote]);
    expect(clip).toEqual({
      format: 'journeyboard/clip',
      cards: [cardOf(board, ids.rich)],
      shapes: board.shapes.filter((s) => s.id === ids.note || s.id === ids.toNote),
    });
  });

  it('is null when nothing known is selected', () => {
    const board = readBoard(fixture().doc);
    expect(copySelection(board, [])).toBeNull();
    expect(copySelection(board, ['nope'])).toBeNull();
  });
});

describe('parseClip', () => {
  it('reads back what copy wrote', () => {
    const { doc, ids } = fixture();
    const clip = copySelection(readBoard(doc), [ids.rich, ids.note, ids.toNote])!;
    expect(parseClip(JSON.stringify(clip))).toEqual(clip);
  });

  it('is null for anything else', () => {
    for (const text of [
      '',
      'hello',
      '{"format":',
      'null',
      '42',
      '"journeyboard/clip"',
      '[]',
      '{}',
      '{"format":"other","cards":[],"shapes":[]}',
      '{"format":"journeyboard/clip","cards":[]}',
      '{"format":"journeyboard/clip","cards":{},"shapes":[]}',
      '{"format":"journeyboard/clip","cards":[],"shapes":"x"}',
    ]) {
      expect(parseClip(text), text).toBeNull();
    }
  });
});

describe('pasteClip', () => {
  const everything = (f: ReturnType<typeof fixture>) =>
    copySelection(readBoard(f.doc), [
      f.ids.rich,
      f.ids.mood,
      f.ids.note,
      f.ids.rect,
      f.ids.toNote,
      f.ids.toPlain,
      f.ids.free,
    ])!;

  /** Pastes, returning the ids created and a map from each original id to its copy. */
  function paste(doc: Y.Doc, clip: Clip, offset?: number) {
    const prior = readBoard(doc);
    const before = new Set([...prior.cards, ...prior.shapes].map((item) => item.id));
    const created = pasteClip(doc, clip, offset);
    const board = readBoard(doc);
    // Cards are pasted first (those whose cell exists here), then shapes, then arrows.
    const kept = clip.cards.filter(
      (c) =>
        prior.stages.some((s) => s.id === c.stageId) && prior.lanes.some((l) => l.id === c.laneId),
    );
    const originals = [
      ...kept,
      ...clip.shapes.filter((s) => s.type !== 'arrow'),
      ...clip.shapes.filter((s) => s.type === 'arrow'),
    ].map((item) => item.id);
    expect(created).toHaveLength(originals.length);
    expect(created.some((id) => before.has(id))).toBe(false);
    return { board, created, copyOf: new Map(originals.map((id, i) => [id, created[i]!])) };
  }

  it('copies cards with new ids into their cells, keeping every field', () => {
    const f = fixture();
    const clip = everything(f);
    const { board, copyOf } = paste(f.doc, clip);
    expect(board.cards).toHaveLength(5);
    for (const original of clip.cards) {
      const copyId = copyOf.get(original.id)!;
      expect(copyId).not.toBe(original.id);
      const copy = cardOf(board, copyId);
      expect(content(copy)).toEqual(content(original));
      expect(copy).toMatchObject({ stageId: original.stageId, laneId: original.laneId });
    }
    const rich = cardOf(board, copyOf.get(f.ids.rich)!);
    expect(rich.metrics).toEqual({ csat: 72, ces: 5.5, fcr: 80, volume: 1200 });
    expect(rich.tags).toEqual(['search', 'mobile']);
    expect(rich.evidence.map((e) => e.text)).toEqual(['I could not find the filter', 'Analytics']);
    expect(cardOf(board, copyOf.get(f.ids.mood)!).emotion).toBe(-1);
    // The originals are untouched.
    expect(cardOf(board, f.ids.rich)).toEqual(cardOf({ ...board, cards: clip.cards }, f.ids.rich));
  });

  it('offsets shapes and arrows by 24, or by the given offset', () => {
    const f = fixture();
    const clip = everything(f);
    const { board, copyOf } = paste(f.doc, clip);
    for (const original of clip.shapes) {
      const copy = shapeOf(board, copyOf.get(original.id)!);
      expect({ ...copy, from: undefined, to: undefined }).toEqual({
        ...original,
        id: copy.id,
        x: original.x + 24,
        y: original.y + 24,
        from: undefined,
        to: undefined,
      });
    }
    const again = paste(f.doc, clip, 100);
    expect(shapeOf(again.board, again.copyOf.get(f.ids.rect)!)).toMatchObject({ x: 50, y: 1000 });
  });

  it('re-attaches an arrow between two pasted items to the copies', () => {
    const f = fixture();
    const { board, copyOf } = paste(f.doc, everything(f));
    const arrow = shapeOf(board, copyOf.get(f.ids.toNote)!);
    expect(arrow.from).toBe(copyOf.get(f.ids.rich));
    expect(arrow.to).toBe(copyOf.get(f.ids.note));
    // The original arrow still joins the originals.
    expect(shapeOf(board, f.ids.toNote)).toMatchObject({ from: f.ids.rich, to: f.ids.note });
  });

  it('lets go of an end stuck to an item that was not copied', () => {
    const f = fixture();
    const { board, copyOf } = paste(f.doc, everything(f));
    const arrow = shapeOf(board, copyOf.get(f.ids.toPlain)!);
    expect(arrow.from).toBe(copyOf.get(f.ids.rich));
    expect(arrow).not.toHaveProperty('to');
    const free = shapeOf(board, copyOf.get(f.ids.free)!);
    expect(free).not.toHaveProperty('from');
    expect(free).not.toHaveProperty('to');
  });

  it('skips cards whose cell does not exist here, and detaches arrows stuck to them', () => {
    const f = fixture();
    const clip = everything(f);
    deleteLane(f.doc, f.ids.feelings);
    const noteToMood: Shape = {
      id: 'clip-arrow',
      type: 'arrow',
      x: 0,
      y: 0,
      w: 1,
      h: 1,
      color: '#475569',
      from: f.ids.note,
      to: f.ids.mood,
    };
    const withArrow: Clip = { ...clip, shapes: [...clip.shapes, noteToMood] };
    const { board, created, copyOf } = paste(f.doc, withArrow);
    expect(copyOf.has(f.ids.mood)).toBe(false);
    expect(created).toHaveLength(1 + 2 + 4);
    expect(board.cards.map((c) => c.laneId)).toEqual([f.ids.actions, f.ids.actions, f.ids.actions]);
    const arrow = shapeOf(board, created.at(-1)!);
    expect(arrow.from).toBe(copyOf.get(f.ids.note));
    expect(arrow).not.toHaveProperty('to');
  });

  it('pastes into another replica of the board (same cells) and skips all cards elsewhere', () => {
    const f = fixture();
    const text = JSON.stringify(everything(f));
    const replica = replicaOf(f.doc);
    const { board } = paste(replica, parseClip(text)!);
    expect(board.cards).toHaveLength(5);

    const other = newBoard('Another board');
    addLane(other, { name: 'Actions', kind: 'actions' });
    addStage(other, { name: 'Discover' });
    const elsewhere = paste(other, parseClip(text)!);
    expect(elsewhere.board.cards).toEqual([]);
    expect(elsewhere.board.shapes).toHaveLength(5);
    // Only the note was pasted of what the arrows pointed at: one end stays stuck, to its copy.
    const stuck = elsewhere.board.shapes.filter((s) => s.from || s.to);
    expect(stuck).toHaveLength(1);
    expect(stuck[0]).not.toHaveProperty('from');
    expect(stuck[0]!.to).toBe(elsewhere.copyOf.get(f.ids.note));
  });

  it('writes everything in one transaction', () => {
    const f = fixture();
    const clip = everything(f);
    let created: string[] = [];
    expect(countUpdates(f.doc, () => (created = pasteClip(f.doc, clip)))).toBe(1);
    expect(created).toHaveLength(7);
  });

  it('writes nothing (no update) when no item can be pasted', () => {
    const f = fixture();
    const clip = copySelection(readBoard(f.doc), [f.ids.mood])!;
    deleteLane(f.doc, f.ids.feelings);
    let created: string[] | undefined;
    expect(countUpdates(f.doc, () => (created = pasteClip(f.doc, clip)))).toBe(0);
    expect(created).toEqual([]);
  });

  // parseClip only checks the envelope, so a clip from another version (an unknown shape type)
  // or edited by hand reaches pasteClip; the model then throws half-way through the transaction,
  // and Yjs keeps what was written before the throw.
  it('refuses a clip holding an item the model would reject, so nothing is half-pasted', () => {
    const f = fixture();
    const clip = copySelection(readBoard(f.doc), [f.ids.plain])!;
    const future = parseClip(
      JSON.stringify({
        ...clip,
        shapes: [{ id: 'x', type: 'ellipse', x: 0, y: 0, w: 10, h: 10, color: '#000000' }],
      }),
    );
    expect(future).toBeNull();
    const badCard = parseClip(
      JSON.stringify({ ...clip, cards: [{ ...clip.cards[0], emotion: 9 }] }),
    );
    expect(badCard).toBeNull();
  });

  // The doc comment of pasteClip: "cards go back into their cells (right after the originals)".
  it('puts a pasted card right after its original', () => {
    const f = fixture();
    const clip = copySelection(readBoard(f.doc), [f.ids.rich])!;
    const [copy] = pasteClip(f.doc, clip);
    const cell = readBoard(f.doc).cards.filter((c) => c.laneId === f.ids.actions);
    expect(cell.map((c) => c.id)).toEqual([f.ids.rich, copy, f.ids.plain]);
  });

  it('W212: a pasted card keeps its persona on the board that has it, and drops it elsewhere', () => {
    const f = fixture();
    const sam = addPersona(f.doc, { name: 'Sam' });
    const tagged = addCard(f.doc, { stageId: f.ids.stage, laneId: f.ids.actions, persona: sam });
    const clip = copySelection(readBoard(f.doc), [tagged])!;
    const [here] = pasteClip(f.doc, clip);
    expect(readBoard(f.doc).cards.find((c) => c.id === here)!.persona).toBe(sam);
    const elsewhere = replicaOf(f.doc);
    elsewhere.getMap('personas').delete(sam);
    const [there] = pasteClip(elsewhere, clip);
    expect(readBoard(elsewhere).cards.find((c) => c.id === there)!.persona).toBeUndefined();
  });
});
