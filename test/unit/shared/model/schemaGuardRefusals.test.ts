/**
 * What the schema guard refuses, and how it answers: the path and what belongs there; and that
 * it passes resends and parts that wait on content the doc lacks, and follows deep nesting and
 * long chains without throwing. What it lets through is in schemaGuard.test.ts.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { applyTemplate, createThread, readBoard } from '../../../../shared/model/index.js';
import { findSchemaViolation, type GuardedDocKind } from '../../../../shared/model/schemaGuard.js';

describe('findSchemaViolation refuses wrong types at known keys', () => {
  /** The update `write` makes on a copy of `server`, and what the guard says of it. */
  function verdict(server: Y.Doc, write: (doc: Y.Doc) => void, kind: GuardedDocKind = 'board') {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(server);
    write(client);
    const update = Y.encodeStateAsUpdate(client, before);
    return { update, violation: findSchemaViolation(server, kind, Y.decodeUpdate(update)) };
  }

  function board() {
    const doc = new Y.Doc();
    applyTemplate(doc, 'current-state', { title: 'Journey' });
    const card = readBoard(doc).cards[0]!.id;
    return { doc, card };
  }

  it('W17: names the path and what belongs there', () => {
    const { doc, card } = board();
    const cards = (d: Y.Doc) => d.getMap<Y.Map<unknown>>('cards');
    expect(verdict(doc, (d) => cards(d).get(card)!.set('text', 42)).violation).toBe(
      `cards.${card}.text must be a Y.Text; got a number`,
    );
    expect(verdict(doc, (d) => d.getMap('cards').set('V1StGXR8_Z5j', 42)).violation).toBe(
      'cards.V1StGXR8_Z5j must be a Y.Map; got a number',
    );
    expect(verdict(doc, (d) => d.getMap('stages').set('x', 'str')).violation).toBe(
      'stages.x must be a Y.Map; got a string',
    );
    expect(
      verdict(doc, (d) => (cards(d).get(card)!.get('evidence') as Y.Array<unknown>).push([{}]))
        .violation,
    ).toBe(
      `cards.${card}.evidence[] must be an evidence object with a string id, kind and text; got an object`,
    );
    expect(verdict(doc, (d) => d.getMap('meta').set('persona', 'Priya')).violation).toBe(
      'meta.persona must be a Y.Map; got a string',
    );
    expect(verdict(new Y.Doc(), (d) => d.getArray('cards').push([1])).violation).toBe(
      'cards must hold entries by key; got list content (a number)',
    );
    const comments = new Y.Doc();
    const thread = createThread(comments, {
      anchor: { kind: 'point', x: 0, y: 0 },
      author: { id: 'u', name: 'U' },
      body: 'Hi',
    });
    const messages = (d: Y.Doc) =>
      d.getMap<Y.Map<unknown>>('threads').get(thread)!.get('messages') as Y.Array<unknown>;
    expect(verdict(comments, (d) => messages(d).push(['hello']), 'comments').violation).toBe(
      `threads.${thread}.messages[] must be a Y.Map; got a string`,
    );
  });

  it('passes a resend of what the doc holds, and parts that wait on unknown content', () => {
    const { doc, card } = board();
    // A board stored before the guard existed: the foreign value is already in the doc.
    const { update } = verdict(doc, (d) =>
      d.getMap<Y.Map<unknown>>('cards').get(card)!.set('text', 1),
    );
    Y.applyUpdate(doc, update);
    expect(findSchemaViolation(doc, 'board', Y.decodeUpdate(update))).toBeNull();
    // Built on content this doc lacks: it would wait as pending (and the room drops it).
    const elsewhere = new Y.Doc();
    const { update: missing } = verdict(elsewhere, (d) => d.getMap('cards').set('c', new Y.Map()));
    const child = new Y.Doc();
    Y.applyUpdate(child, missing);
    const { update: below } = verdict(child, (d) =>
      d.getMap<Y.Map<unknown>>('cards').get('c')!.set('text', 5),
    );
    expect(findSchemaViolation(doc, 'board', Y.decodeUpdate(below))).toBeNull();
    expect(findSchemaViolation(child, 'board', Y.decodeUpdate(below))).toBe(
      'cards.c.text must be a Y.Text; got a number',
    );
  });

  it('answers for deep nesting and long chains without throwing', () => {
    const deep = new Y.Doc();
    deep.transact(() => {
      let map = deep.getMap<unknown>('cards');
      for (let i = 0; i < 3000; i++) {
        const next = new Y.Map<unknown>();
        map.set('k', next);
        map = next;
      }
      const ytext = new Y.Text();
      deep.getMap('meta').set('scenario', ytext);
      // Each character's neighbour is the one before it: a long chain to follow.
      for (let i = 0; i < 3000; i++) ytext.insert(0, 'x');
    });
    const update = Y.decodeUpdate(Y.encodeStateAsUpdate(deep));
    expect(findSchemaViolation(new Y.Doc(), 'board', update)).toBe(
      'meta.scenario must be a string; got a Y.Text',
    );
  });
});
