/** Shared fixtures for the model unit tests (not a test file itself). */
import { expect } from 'vitest';
import * as Y from 'yjs';
import { addLane, addStage, initBoard, ModelError } from '../../../../shared/model/index.js';

export const CREATED_AT = '2024-05-01T09:30:00.000Z';

/** A fresh doc with board meta written. */
export function newBoard(title = 'Onboarding journey'): Y.Doc {
  const doc = new Y.Doc();
  initBoard(doc, { title, mapType: 'current-state', createdAt: CREATED_AT });
  return doc;
}

/** A board with two stages and two lanes, the ids named for readability. */
export function boardWithGrid() {
  const doc = newBoard();
  const s1 = addStage(doc, { name: 'Discover' });
  const s2 = addStage(doc, { name: 'Sign up' });
  const l1 = addLane(doc, { name: 'Actions', kind: 'actions' });
  const l2 = addLane(doc, { name: 'Feelings', kind: 'emotions' });
  return { doc, s1, s2, l1, l2 };
}

/** Exchanges the full state of two docs in both directions. */
export function sync(a: Y.Doc, b: Y.Doc): void {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

/** Sends every doc's state to every other doc. */
export function syncAll(docs: readonly Y.Doc[]): void {
  for (const from of docs) {
    for (const to of docs) {
      if (from !== to) Y.applyUpdate(to, Y.encodeStateAsUpdate(from, Y.encodeStateVector(to)));
    }
  }
}

/** A second replica that starts from the current state of `doc`. */
export function replicaOf(doc: Y.Doc): Y.Doc {
  const copy = new Y.Doc();
  Y.applyUpdate(copy, Y.encodeStateAsUpdate(doc));
  return copy;
}

/** How many `update` events (i.e. transactions that changed something) `run` emits on `doc`. */
export function countUpdates(doc: Y.Doc, run: () => void): number {
  let count = 0;
  const onUpdate = () => count++;
  doc.on('update', onUpdate);
  try {
    run();
  } finally {
    doc.off('update', onUpdate);
  }
  return count;
}

/** Asserts that `run` throws a ModelError, optionally with the given `field`; returns it. */
export function expectModelError(run: () => unknown, field?: string): ModelError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(ModelError);
  const error = caught as ModelError;
  if (field !== undefined) expect(error.field).toBe(field);
  return error;
}
