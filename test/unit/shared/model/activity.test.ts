import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  activityEntry,
  changeCount,
  describeActivity,
  focusIdOf,
  readActivity,
  seenBy,
  summarizeActivity,
  writeActivity,
  type ActivityEntry,
} from '../../../../shared/model/activity.js';
import {
  addCard,
  addEvidence,
  addShape,
  addStage,
  addTag,
  deleteCard,
  deleteLane,
  deleteShape,
  deleteStage,
  moveCard,
  renameLane,
  renameStage,
  setCardText,
  setEmotion,
  setMetrics,
  setPersona,
  setShapeText,
  setTitle,
  updateShape,
} from '../../../../shared/model/index.js';
import {
  collectTouched,
  emptyTouched,
  prepareTouched,
  type Touched,
} from '../../../../shared/model/touched.js';
import { Stretches } from '../../../../server/activity/stretches.js';
import { boardWithGrid, sync } from './helpers.js';
import { addPersona, removePersona, updatePersona } from '../../../../shared/model/personas.js';

/** What `edit` touched, as the server sees it: collected from a replica's transaction. */
function touchedBy(doc: Y.Doc, edit: (doc: Y.Doc) => void, into = emptyTouched()): Touched {
  const replica = new Y.Doc();
  sync(doc, replica);
  prepareTouched(replica);
  const collect = (tr: Y.Transaction) => collectTouched(replica, tr, into);
  replica.on('afterTransaction', collect);
  const updates: Uint8Array[] = [];
  const keep = (u: Uint8Array) => updates.push(u);
  doc.on('update', keep);
  edit(doc);
  doc.off('update', keep);
  for (const u of updates) Y.applyUpdate(replica, u, 'socket');
  replica.off('afterTransaction', collect);
  return into;
}

const ids = (t: Touched, kind: keyof Touched['records']) => ({
  added: [...t.records[kind].added],
  changed: [...t.records[kind].changed],
  removed: [...t.records[kind].removed],
});

describe('collectTouched', () => {
  it('sees stages and lanes added, renamed and removed', () => {
    const { doc, s1, s2, l1, l2 } = boardWithGrid();
    const added = touchedBy(doc, (d) => addStage(d, { name: 'Pay' }));
    expect(added.records.stage.added.size).toBe(1);
    expect(
      ids(
        touchedBy(doc, (d) => renameStage(d, s1, 'Find')),
        'stage',
      ),
    ).toEqual({
      added: [],
      changed: [s1],
      removed: [],
    });
    expect(
      ids(
        touchedBy(doc, (d) => renameLane(d, l1, 'Doing')),
        'lane',
      ).changed,
    ).toEqual([l1]);
    expect(
      ids(
        touchedBy(doc, (d) => deleteLane(d, l2)),
        'lane',
      ).removed,
    ).toEqual([l2]);
    expect(
      ids(
        touchedBy(doc, (d) => deleteStage(d, s2)),
        'stage',
      ).removed,
    ).toEqual([s2]);
  });

  it('sees cards added, moved, edited inside (text, metrics, tags, evidence) and removed', () => {
    const { doc, s1, s2, l1 } = boardWithGrid();
    let card = '';
    const added = touchedBy(doc, (d) => (card = addCard(d, { stageId: s1, laneId: l1 })));
    expect(ids(added, 'card')).toEqual({ added: [card], changed: [], removed: [] });
    for (const edit of [
      (d: Y.Doc) => setCardText(d, card, 'Reads the pricing page'),
      (d: Y.Doc) => setMetrics(d, card, { csat: 72 }),
      (d: Y.Doc) => setEmotion(d, card, -1),
      (d: Y.Doc) => addTag(d, card, 'billing'),
      (d: Y.Doc) => addEvidence(d, card, { kind: 'quote', text: 'Too expensive' }),
      (d: Y.Doc) => moveCard(d, card, { stageId: s2, laneId: l1 }),
    ]) {
      expect(ids(touchedBy(doc, edit), 'card')).toEqual({
        added: [],
        changed: [card],
        removed: [],
      });
    }
    const removed = touchedBy(doc, (d) => deleteCard(d, card));
    expect(ids(removed, 'card')).toEqual({ added: [], changed: [], removed: [card] });
  });

  it('counts a stage removal with the cards it takes along', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const card = addCard(doc, { stageId: s1, laneId: l1 });
    const t = touchedBy(doc, (d) => deleteStage(d, s1));
    expect(ids(t, 'stage').removed).toEqual([s1]);
    expect(ids(t, 'card').removed).toEqual([card]);
  });

  it('sees shapes added, moved, relabelled and removed', () => {
    const { doc } = boardWithGrid();
    let shape = '';
    const added = touchedBy(doc, (d) => {
      shape = addShape(d, { type: 'note', x: 0, y: 0, w: 100, h: 80 });
    });
    expect(ids(added, 'shape').added).toEqual([shape]);
    expect(
      ids(
        touchedBy(doc, (d) => updateShape(d, shape, { x: 40 })),
        'shape',
      ).changed,
    ).toEqual([shape]);
    expect(
      ids(
        touchedBy(doc, (d) => setShapeText(d, shape, 'idea')),
        'shape',
      ).changed,
    ).toEqual([shape]);
    expect(
      ids(
        touchedBy(doc, (d) => deleteShape(d, shape)),
        'shape',
      ).removed,
    ).toEqual([shape]);
  });

  it('flags meta edits, nested persona included, and nothing else', () => {
    const { doc } = boardWithGrid();
    const title = touchedBy(doc, (d) => setTitle(d, 'Renewal'));
    expect(title.meta).toBe(true);
    expect(title.records.card.changed.size + title.records.stage.changed.size).toBe(0);
    expect(touchedBy(doc, (d) => setPersona(d, { name: 'Ana' })).meta).toBe(true);
  });

  it('W210: flags personas 2–5 added, renamed or removed as board-wide edits', () => {
    const { doc } = boardWithGrid();
    let sam = '';
    expect(touchedBy(doc, (d) => (sam = addPersona(d, { name: 'Sam' }))).meta).toBe(true);
    expect(touchedBy(doc, (d) => updatePersona(d, sam, { name: 'Samuel' })).meta).toBe(true);
    expect(touchedBy(doc, (d) => removePersona(d, sam)).meta).toBe(true);
  });

  it('keeps one verdict per record over a stretch: added then removed leaves nothing', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const t = emptyTouched();
    let card = '';
    touchedBy(doc, (d) => (card = addCard(d, { stageId: s1, laneId: l1 })), t);
    touchedBy(doc, (d) => setCardText(d, card, 'x'), t);
    expect(ids(t, 'card')).toEqual({ added: [card], changed: [], removed: [] });
    touchedBy(doc, (d) => deleteCard(d, card), t);
    expect(ids(t, 'card')).toEqual({ added: [], changed: [], removed: [] });
  });

  it('records the clocks a reader must have to have seen the change', () => {
    const { doc, s1, l1 } = boardWithGrid();
    const t = touchedBy(doc, (d) => addCard(d, { stageId: s1, laneId: l1 }));
    expect(t.clocks.get(doc.clientID)).toBe(Y.getState(doc.store, doc.clientID));
  });
});

function entry(over: Partial<ActivityEntry> = {}): ActivityEntry {
  const t = emptyTouched();
  t.records.card.added.add('c1');
  t.records.card.added.add('c2');
  t.records.stage.changed.add('s1');
  t.clocks.set(7, 10);
  return {
    ...activityEntry(
      {
        id: 'e1',
        author: { id: 'u1', name: 'Ana', color: '#c2410c' },
        role: 'editor',
        via: 'live',
        start: '2026-01-01T10:00:00.000Z',
        end: '2026-01-01T10:01:00.000Z',
        edits: 3,
        deletedAt: null,
      },
      t,
    ),
    ...over,
  };
}

describe('activity entries', () => {
  it('describe what they did in plain words and point at something to show', () => {
    const e = entry();
    expect(describeActivity(e)).toBe('added 2 cards and changed 1 stage');
    expect(describeActivity({ ...e, via: 'restore' })).toBe(
      'restored a version (added 2 cards and changed 1 stage)',
    );
    expect(changeCount(e)).toBe(3);
    expect(focusIdOf(e)).toBe('c2');
  });

  it('W98: are seen by a state vector covering their clocks, deletions judged by time', () => {
    const e = entry();
    expect(seenBy(e, new Map([[7, 10]]), '2026-01-01T09:00:00.000Z')).toBe(true);
    expect(seenBy(e, new Map([[7, 9]]), '2026-01-02T00:00:00.000Z')).toBe(false);
    expect(seenBy(e, new Map(), '2026-01-02T00:00:00.000Z')).toBe(false);
    const deletedLater = { ...e, deletedAt: '2026-01-01T10:01:00.000Z' };
    expect(seenBy(deletedLater, new Map([[7, 10]]), '2026-01-01T10:00:30.000Z')).toBe(false);
    expect(seenBy(deletedLater, new Map([[7, 10]]), '2026-01-01T10:02:00.000Z')).toBe(true);
    const pureDelete = { ...e, clocks: {}, deletedAt: e.end };
    expect(seenBy(pureDelete, new Map(), '2026-01-01T10:00:00.000Z')).toBe(false);
    expect(seenBy(pureDelete, new Map(), '2026-01-01T11:00:00.000Z')).toBe(true);
  });

  it('W93: round-trip through the activity doc newest first, oldest dropped past the cap', () => {
    const doc = new Y.Doc();
    const list = [1, 2, 3].map((n) => entry({ id: `e${n}`, end: `2026-01-01T10:0${n}:00.000Z` }));
    writeActivity(doc, list, 2);
    expect(readActivity(doc).map((e) => e.id)).toEqual(['e3', 'e2']);
  });

  it('W97: summarise per author, most changes first', () => {
    const ben = { id: 'u2', name: 'Ben', color: '#1d4ed8' };
    const s = summarizeActivity([entry(), entry({ id: 'e2', author: ben, meta: true }), entry()]);
    expect(s).toMatchObject({ entries: 3, changes: 10 });
    expect(s.authors.map((a) => [a.name, a.entries, a.changes])).toEqual([
      ['Ana', 2, 6],
      ['Ben', 1, 4],
    ]);
  });
});

describe('stretches of work', () => {
  const who = {
    author: { id: 'u1', name: 'Ana', color: '#c2410c' },
    role: 'editor',
    via: 'live' as const,
    known: true,
  };
  const limits = { idleMs: 60_000, maxMs: 300_000 };

  it('W91: group edits close in time into one entry, rewritten as it grows', () => {
    const stretches = new Stretches(limits);
    const a = stretches.stretchFor('u1', 0, who);
    a.touched.records.card.added.add('c1');
    stretches.note(a, 0, false);
    const b = stretches.stretchFor('u1', 30_000, who);
    expect(b).toBe(a);
    b.touched.records.card.changed.add('c9');
    stretches.note(b, 30_000, false);
    const [first] = stretches.take(31_000);
    expect(first).toMatchObject({ id: a.id, edits: 2, start: new Date(0).toISOString() });
    expect(stretches.take(32_000)).toEqual([]);
  });

  it('W91: start a new entry after a minute idle or five minutes in all', () => {
    const stretches = new Stretches(limits);
    let t = 0;
    const first = stretches.stretchFor('u1', t, who);
    stretches.note(first, t, false);
    const afterIdle = stretches.stretchFor('u1', (t += 61_000), who);
    expect(afterIdle).not.toBe(first);
    for (let i = 0; i < 10; i++) stretches.note(afterIdle, (t += 30_000), false);
    expect(stretches.stretchFor('u1', t + 30_000, who)).not.toBe(afterIdle);
  });

  it('W91: keep people apart and skip stretches that touched no record', () => {
    const stretches = new Stretches(limits);
    const ana = stretches.stretchFor('u1', 0, who);
    const ben = stretches.stretchFor('u2', 0, { ...who, author: { ...who.author, id: 'u2' } });
    expect(ben).not.toBe(ana);
    ana.touched.meta = true;
    stretches.note(ana, 0, false);
    stretches.note(ben, 0, false);
    expect(stretches.take(1).map((e) => e.author.id)).toEqual(['u1']);
  });

  it('note when a stretch deleted without creating anything', () => {
    const stretches = new Stretches(limits);
    const s = stretches.stretchFor('u1', 0, who);
    s.touched.records.card.removed.add('c1');
    stretches.note(s, 5_000, true);
    expect(stretches.take(6_000)[0]?.deletedAt).toBe(new Date(5_000).toISOString());
  });
});
