import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addPersona,
  diffBoards,
  docFromJson,
  exportBoard,
  FIRST_PERSONA_ID,
  parseBoardJson,
  PERSONA_COLORS,
  PERSONAS_MAX,
  personaEmotionDeltas,
  personaEmotions,
  personasOf,
  readBoard,
  readBoardChecked,
  readMeta,
  reconcile,
  removePersona,
  setCardPersona,
  setEmotion,
  setPersona,
  updatePersona,
} from '../../../../shared/model/index.js';
import { parseCsv } from '../../../../shared/model/csv.js';
import { pictureIdsOf } from '../../../../shared/model/images.js';
import { findSchemaViolation } from '../../../../shared/model/schemaGuard.js';
import { boardToCsv } from '../../../../shared/model/csvExport.js';
import { boardWithGrid, expectModelError, replicaOf, sync } from './helpers.js';

/** A board as every board was before issue 17: one persona, emotion cards untagged. */
function oldBoard() {
  const grid = boardWithGrid();
  setPersona(grid.doc, { name: 'Priya', description: 'First-time buyer' });
  const low = addCard(grid.doc, { stageId: grid.s1, laneId: grid.l2, text: 'Lost', emotion: -2 });
  const high = addCard(grid.doc, { stageId: grid.s2, laneId: grid.l2, text: 'Done', emotion: 1 });
  return { ...grid, low, high };
}

describe('personas: reading old boards (the migration)', () => {
  it('W210: an old board reads as one persona with the fixed id, and nothing is written', () => {
    const { doc } = oldBoard();
    const before = Y.encodeStateAsUpdate(doc);
    const meta = readMeta(doc);
    expect(meta.personas).toBeUndefined();
    expect(personasOf(meta)).toEqual([
      {
        id: FIRST_PERSONA_ID,
        name: 'Priya',
        description: 'First-time buyer',
        color: PERSONA_COLORS[0],
      },
    ]);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  });

  it('W210, W213: an old board keeps its snapshot and JSON shape exactly', () => {
    const { doc } = oldBoard();
    const json = exportBoard(doc);
    expect(Object.keys(json.meta).sort()).toEqual([
      'createdAt',
      'mapType',
      'persona',
      'scenario',
      'title',
    ]);
    expect(json.meta.persona).toEqual({ name: 'Priya', description: 'First-time buyer' });
    expect(json.cards.every((c) => !('persona' in c))).toBe(true);
    expect(exportBoard(docFromJson(json))).toEqual(json);
  });

  it('W212: untagged emotion cards count for persona 1', () => {
    const { doc } = oldBoard();
    const [only] = personaEmotions(readBoard(doc));
    expect(only!.personaId).toBe(FIRST_PERSONA_ID);
    expect(only!.stages.map((s) => s.mean)).toEqual([-2, 1]);
    expect(only!.lowest?.name).toBe('Discover');
  });

  it('W210: two clients adding personas to an old board at once, while a third renames persona 1, converge with every change', () => {
    const { doc } = oldBoard();
    const [a, b, c] = [replicaOf(doc), replicaOf(doc), replicaOf(doc)];
    const sam = addPersona(a, { name: 'Sam' });
    const kim = addPersona(b, { name: 'Kim' });
    setPersona(c, { name: 'Priya K.' });
    sync(a, b);
    sync(b, c);
    sync(a, c);
    const read = readMeta(a);
    expect(readMeta(b)).toEqual(read);
    expect(readMeta(c)).toEqual(read);
    expect(read.persona.name).toBe('Priya K.');
    expect(personasOf(read).map((p) => p.id)).toEqual(
      expect.arrayContaining([FIRST_PERSONA_ID, sam, kim]),
    );
    expect(personasOf(read)[0]).toMatchObject({ id: FIRST_PERSONA_ID, name: 'Priya K.' });
    expect(readBoardChecked(a).unreadable).toEqual([]);
  });
});

describe('personas: writing', () => {
  it('W210: a new persona gets the next unused palette colour, in one transaction', () => {
    const { doc } = oldBoard();
    let updates = 0;
    doc.on('update', () => updates++);
    const sam = addPersona(doc, { name: ' Sam ', description: 'Returning' });
    expect(updates).toBe(1);
    expect(readMeta(doc).personas).toEqual([
      {
        id: FIRST_PERSONA_ID,
        name: 'Priya',
        description: 'First-time buyer',
        color: PERSONA_COLORS[0],
      },
      { id: sam, name: 'Sam', description: 'Returning', color: PERSONA_COLORS[1] },
    ]);
  });

  it(`W211: a board holds at most ${PERSONAS_MAX} personas; the next is refused with a clear error`, () => {
    const { doc } = oldBoard();
    for (let i = 2; i <= PERSONAS_MAX; i++) addPersona(doc, { name: `P${i}` });
    const error = expectModelError(() => addPersona(doc, { name: 'Sixth' }), 'personas');
    expect(error.message).toBe('A board has at most 5 personas; remove one to add another.');
    expect(personasOf(readMeta(doc))).toHaveLength(PERSONAS_MAX);
    expect(new Set(personasOf(readMeta(doc)).map((p) => p.color)).size).toBe(PERSONAS_MAX);
  });

  it('W211: six stored by two clients racing for the fifth read as the same five everywhere', () => {
    const { doc } = oldBoard();
    for (let i = 2; i < PERSONAS_MAX; i++) addPersona(doc, { name: `P${i}` });
    const other = replicaOf(doc);
    addPersona(doc, { name: 'Mine' });
    addPersona(other, { name: 'Theirs' });
    sync(doc, other);
    expect(personasOf(readMeta(doc))).toHaveLength(PERSONAS_MAX);
    expect(readMeta(doc)).toEqual(readMeta(other));
    expect(parseBoardJson(exportBoard(doc)).ok).toBe(true);
  });

  it('W211: persona 1 cannot be removed; bad colours and unknown ids are refused', () => {
    const { doc } = oldBoard();
    expectModelError(() => removePersona(doc, FIRST_PERSONA_ID), 'meta.persona');
    expectModelError(() => updatePersona(doc, FIRST_PERSONA_ID, { color: 'red' }));
    expectModelError(() => addPersona(doc, { color: 'url(x)' }));
    expectModelError(() => removePersona(doc, 'nope'));
    expectModelError(() => addPersona(doc, { id: FIRST_PERSONA_ID }));
  });

  it('W212: a card is tagged for an existing persona only; removing the persona untags it', () => {
    const { doc, low, high } = oldBoard();
    const sam = addPersona(doc, { name: 'Sam' });
    setCardPersona(doc, low, sam);
    expectModelError(() => setCardPersona(doc, high, 'ghost'), `cards.${high}.persona`);
    expectModelError(() => addCard(doc, { ...cellOf(doc, high), persona: 'ghost' }));
    const emotions = personaEmotions(readBoard(doc));
    expect(emotions.map((p) => p.stages.map((s) => s.stageId).length)).toEqual([1, 1]);
    removePersona(doc, sam);
    expect(readBoard(doc).cards.find((c) => c.id === low)!.persona).toBeUndefined();
    expect(readMeta(doc).personas).toBeUndefined();
  });

  it('W212: a tag for a persona another client removed reads as none', () => {
    const { doc, low } = oldBoard();
    const sam = addPersona(doc, { name: 'Sam' });
    const other = replicaOf(doc);
    removePersona(doc, sam);
    setCardPersona(other, low, sam);
    sync(doc, other);
    expect(readBoard(doc).cards.find((c) => c.id === low)!.persona).toBeUndefined();
    expect(parseBoardJson(exportBoard(doc)).ok).toBe(true);
  });

  it('W210, S102: malformed persona records are noted and skipped, never thrown; a colour is only ever #rrggbb', () => {
    const { doc } = oldBoard();
    const root = doc.getMap<unknown>('personas');
    root.set('num', 5);
    const bad = new Y.Map<unknown>();
    root.set('noOrder', bad);
    bad.set('name', 'x');
    const odd = new Y.Map<unknown>();
    root.set('odd', odd);
    odd.set('order', 'a0');
    odd.set('name', 7);
    odd.set('color', 'javascript:alert(1)');
    const { board, unreadable } = readBoardChecked(doc);
    expect(personasOf(board.meta).map((p) => p.id)).toEqual([FIRST_PERSONA_ID, 'odd']);
    expect(personasOf(board.meta)[1]).toMatchObject({ name: '', color: PERSONA_COLORS[1] });
    expect(unreadable.map((u) => u.path).sort()).toEqual([
      'personas.noOrder.order',
      'personas.num',
      'personas.odd.color',
      'personas.odd.name',
    ]);
  });
});

function cellOf(doc: Y.Doc, cardId: string) {
  const card = readBoard(doc).cards.find((c) => c.id === cardId)!;
  return { stageId: card.stageId, laneId: card.laneId };
}

describe('personas: JSON, restore, diff, insights, CSV', () => {
  function twoPersonas() {
    const board = oldBoard();
    const sam = addPersona(board.doc, { name: 'Sam', color: '#cc79a7' });
    const samLow = addCard(board.doc, {
      stageId: board.s2,
      laneId: board.l2,
      text: 'Confused',
      emotion: -1,
      persona: sam,
    });
    return { ...board, sam, samLow };
  }

  it('W213: a board with several personas exports `personas` (persona 1 first) and round-trips', () => {
    const { doc, sam } = twoPersonas();
    const json = exportBoard(doc);
    expect(json.meta.persona).toEqual({ name: 'Priya', description: 'First-time buyer' });
    expect(json.meta.personas!.map((p) => p.id)).toEqual([FIRST_PERSONA_ID, sam]);
    expect(exportBoard(docFromJson(json))).toEqual(json);
  });

  it('W213: import takes `personas` alone (the first becomes persona 1) and refuses bad ones at the field', () => {
    const { doc } = twoPersonas();
    const json = exportBoard(doc);
    const { persona: _old, ...meta } = json.meta;
    const renamed = {
      ...json,
      meta: {
        ...meta,
        personas: json.meta.personas!.map((p, i) => (i === 0 ? { ...p, id: 'main' } : p)),
      },
      cards: json.cards.map((c) =>
        c.persona === undefined && c.emotion !== undefined ? { ...c, persona: 'main' } : c,
      ),
    };
    const parsed = parseBoardJson(renamed);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const imported = readBoard(docFromJson(parsed.board));
    expect(imported.meta.persona).toEqual({
      name: 'Priya',
      description: 'First-time buyer',
      color: PERSONA_COLORS[0],
    });
    expect(imported.meta.personas!.map((p) => p.id)[0]).toBe(FIRST_PERSONA_ID);
    expect(imported.cards.filter((c) => c.persona === FIRST_PERSONA_ID)).toHaveLength(2);

    const ghost = { ...json, cards: json.cards.map((c) => ({ ...c, persona: 'ghost' })) };
    const refused = parseBoardJson(ghost);
    expect(refused.ok).toBe(false);
    if (!refused.ok)
      expect(refused.issues[0]).toEqual({
        path: 'cards[0].persona',
        message: "unknown persona 'ghost'",
      });
    const six = {
      ...json,
      meta: {
        ...json.meta,
        personas: [1, 2, 3, 4, 5, 6].map((i) => ({
          id: `p${i}`,
          name: '',
          description: '',
          color: '#000000',
        })),
      },
    };
    const tooMany = parseBoardJson(six);
    expect(tooMany.ok).toBe(false);
    if (!tooMany.ok) expect(tooMany.issues[0]!.message).toBe('a board has at most 5 personas');
  });

  it('W213: restoring a version brings its personas and tags back', () => {
    const { doc, sam, low } = twoPersonas();
    const version = replicaOf(doc);
    updatePersona(doc, sam, { name: 'Samuel' });
    setCardPersona(doc, low, sam);
    addPersona(doc, { name: 'Extra' });
    removePersona(doc, sam);
    reconcile(doc, version);
    expect(readBoard(doc)).toEqual(readBoard(version));
    reconcile(version, oldBoard().doc);
    expect(readMeta(version).personas).toBeUndefined();
  });

  it('W214: the diff names personas added, removed, renamed and a card now for another persona', () => {
    const { doc, sam, low } = twoPersonas();
    const before = replicaOf(doc);
    updatePersona(doc, sam, { name: 'Samuel' });
    const kim = addPersona(doc, { name: 'Kim' });
    setCardPersona(doc, low, kim);
    const labels = diffBoards(before, doc).changes.map((c) => [c.kind, c.label]);
    expect(labels).toEqual([
      ['persona-changed', 'Persona "Sam" renamed to "Samuel"'],
      ['persona-added', 'Persona "Kim" added'],
      ['card-persona-changed', 'Card "Lost" now for persona "Kim" (was "Priya")'],
    ]);
    removePersona(doc, kim);
    const removed = diffBoards(before, doc).changes.map((c) => c.kind);
    expect(removed).toEqual(['persona-changed']);
    const old = oldBoard().doc;
    expect(diffBoards(old, replicaOf(old)).changes).toEqual([]);
  });

  it('W214: insights give each persona its stages, lowest stage and how its means moved', () => {
    const { doc, sam, samLow, high } = twoPersonas();
    const before = readBoard(doc);
    const [priya, samEmotion] = personaEmotions(before);
    expect(priya!.lowest).toMatchObject({ name: 'Discover', mean: -2 });
    expect(samEmotion).toMatchObject({ personaId: sam, label: 'Sam', color: '#cc79a7' });
    expect(samEmotion!.lowest).toMatchObject({ name: 'Sign up', mean: -1, cards: 1 });
    setEmotion(doc, samLow, 2);
    setCardPersona(doc, high, sam);
    expect(personaEmotionDeltas(before, readBoard(doc))).toEqual([
      {
        personaId: FIRST_PERSONA_ID,
        label: 'Priya',
        stageId: expect.any(String),
        name: 'Sign up',
        before: 1,
        after: null,
        delta: null,
      },
      {
        personaId: sam,
        label: 'Sam',
        stageId: expect.any(String),
        name: 'Sign up',
        before: -1,
        after: 1.5,
        delta: 2.5,
      },
    ]);
  });

  it('W214: the CSV names the persona each card is for', () => {
    const { doc } = twoPersonas();
    const table = parseCsv(boardToCsv(readBoard(doc)));
    const header = table.records[0]!.fields.map((f) => f.value);
    const at = header.indexOf('persona');
    expect(at).toBe(header.indexOf('emotion') + 1);
    const personas = table.records.slice(1).map((r) => r.fields[at]!.value);
    expect(personas.sort()).toEqual(['Priya', 'Priya', 'Sam']);
  });
});

describe('personas: foreign tags', () => {
  it('W212, S102: an empty persona tag a foreign client wrote reads as none, and the JSON export still imports', () => {
    const { doc, low } = oldBoard();
    addPersona(doc, { name: 'Sam' });
    doc.getMap<Y.Map<unknown>>('cards').get(low)!.set('persona', '');
    expect(readBoard(doc).cards.find((c) => c.id === low)!.persona).toBeUndefined();
    expect(parseBoardJson(exportBoard(doc)).ok).toBe(true);
  });
});

describe('personas: photos (W240)', () => {
  const PHOTO = 'p'.repeat(43);
  const OTHER = 'q'.repeat(43);

  it('W240: a persona gets a photo, loses it, and a photo is only ever an image id', () => {
    const { doc } = oldBoard();
    const sam = addPersona(doc, { name: 'Sam' });
    updatePersona(doc, FIRST_PERSONA_ID, { photo: PHOTO });
    updatePersona(doc, sam, { photo: OTHER });
    const meta = readBoard(doc).meta;
    expect(personasOf(meta).map((p) => p.photo)).toEqual([PHOTO, OTHER]);
    expect(meta.persona.photo).toBe(PHOTO);
    expect(pictureIdsOf(readBoard(doc))).toEqual([PHOTO, OTHER]);
    updatePersona(doc, sam, { photo: null });
    expect(personasOf(readBoard(doc).meta)[1]!.photo).toBeUndefined();
    expectModelError(
      () => updatePersona(doc, sam, { photo: '../etc/passwd' }),
      `personas.${sam}.photo`,
    );
  });

  it('W240: a photo round-trips through JSON and reconcile; a stored non-id is noted, not read', () => {
    const { doc } = oldBoard();
    addPersona(doc, { name: 'Sam' });
    updatePersona(doc, FIRST_PERSONA_ID, { photo: PHOTO });
    const json = exportBoard(doc);
    expect(json.meta.persona.photo).toBe(PHOTO);
    expect(exportBoard(docFromJson(json))).toEqual(json);
    const stale = docFromJson(json);
    updatePersona(stale, FIRST_PERSONA_ID, { photo: null });
    reconcile(stale, readBoard(doc));
    expect(readBoard(stale).meta.persona.photo).toBe(PHOTO);

    const bad = doc.getMap<Y.Map<unknown>>('meta').get('persona')!;
    bad.set('photo', 'javascript:alert(1)');
    const { board, unreadable } = readBoardChecked(doc);
    expect(board.meta.persona.photo).toBeUndefined();
    expect(unreadable.map((u) => u.path)).toContain('meta.persona.photo');
  });

  it('W240, S102: the server refuses a photo of the wrong type at the door', () => {
    const { doc } = oldBoard();
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(doc);
    client.getMap<Y.Map<unknown>>('meta').get('persona')!.set('photo', 42);
    const update = Y.encodeStateAsUpdate(client, before);
    expect(findSchemaViolation(doc, 'board', Y.decodeUpdate(update))).toMatch(/photo/);
  });
});
