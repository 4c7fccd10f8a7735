import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  initBoard,
  MAP_TYPES,
  readMeta,
  SCHEMA_VERSION,
  setMapType,
  setPersona,
  setScenario,
  setTitle,
  TITLE_MAX,
  type MapType,
} from '../../../../shared/model/index.js';
import { countUpdates, CREATED_AT, expectModelError, newBoard } from './helpers.js';

describe('initBoard / readMeta', () => {
  it('writes every meta field in one transaction', () => {
    const doc = new Y.Doc();
    const updates = countUpdates(doc, () =>
      initBoard(doc, {
        title: '  Claims journey  ',
        mapType: 'service-blueprint',
        scenario: 'Filing a claim after a storm',
        persona: { name: 'Dana', description: 'Homeowner, 42' },
        createdAt: CREATED_AT,
      }),
    );
    expect(updates).toBe(1);
    expect(readMeta(doc)).toEqual({
      title: 'Claims journey',
      mapType: 'service-blueprint',
      scenario: 'Filing a claim after a storm',
      persona: { name: 'Dana', description: 'Homeowner, 42' },
      schemaVersion: SCHEMA_VERSION,
      createdAt: CREATED_AT,
    });
  });

  it('defaults scenario, persona and createdAt', () => {
    const doc = new Y.Doc();
    const before = Date.now();
    initBoard(doc, { title: 'T', mapType: 'current-state' });
    const meta = readMeta(doc);
    expect(meta.scenario).toBe('');
    expect(meta.persona).toEqual({ name: '', description: '' });
    const created = Date.parse(meta.createdAt);
    expect(created).toBeGreaterThanOrEqual(before - 1000);
    expect(created).toBeLessThanOrEqual(Date.now() + 1000);
  });

  it('fills in a persona given only in part', () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'T', mapType: 'current-state', persona: { name: 'Sam' } });
    expect(readMeta(doc).persona).toEqual({ name: 'Sam', description: '' });
  });

  it('rejects an empty title and a bad map type without writing anything', () => {
    const doc = new Y.Doc();
    const updates = countUpdates(doc, () => {
      expectModelError(
        () => initBoard(doc, { title: '   ', mapType: 'current-state' }),
        'meta.title',
      );
      expectModelError(
        () => initBoard(doc, { title: 'T', mapType: 'nope' as MapType }),
        'meta.mapType',
      );
    });
    expect(updates).toBe(0);
  });

  it('reads an empty doc as defaults', () => {
    expect(readMeta(new Y.Doc())).toEqual({
      title: '',
      mapType: 'current-state',
      scenario: '',
      persona: { name: '', description: '' },
      schemaVersion: SCHEMA_VERSION,
      createdAt: '',
    });
  });
});

describe('setTitle', () => {
  it('trims and stores the title in one transaction', () => {
    const doc = newBoard();
    expect(countUpdates(doc, () => setTitle(doc, '  New title '))).toBe(1);
    expect(readMeta(doc).title).toBe('New title');
  });

  it('accepts exactly TITLE_MAX characters and rejects one more', () => {
    const doc = newBoard();
    setTitle(doc, 'x'.repeat(TITLE_MAX));
    expect(readMeta(doc).title).toHaveLength(TITLE_MAX);
    const error = expectModelError(() => setTitle(doc, 'y'.repeat(TITLE_MAX + 1)), 'meta.title');
    expect(error.message).toContain(String(TITLE_MAX));
    expect(readMeta(doc).title).toBe('x'.repeat(TITLE_MAX));
  });

  it.each(['', '   ', '\n\t'])('rejects the empty title %j with field meta.title', (title) => {
    const doc = newBoard('Kept');
    expect(
      countUpdates(doc, () => expectModelError(() => setTitle(doc, title), 'meta.title')),
    ).toBe(0);
    expect(readMeta(doc).title).toBe('Kept');
  });
});

describe('setMapType', () => {
  it.each(MAP_TYPES)('stores %s in one transaction', (mapType) => {
    const doc = newBoard();
    expect(countUpdates(doc, () => setMapType(doc, mapType))).toBe(1);
    expect(readMeta(doc).mapType).toBe(mapType);
  });

  it('rejects an unknown map type with field meta.mapType', () => {
    const doc = newBoard();
    setMapType(doc, 'future-state');
    const error = expectModelError(() => setMapType(doc, 'wishful' as MapType), 'meta.mapType');
    expect(error.name).toBe('ModelError');
    expect(error.message).toContain('wishful');
    expect(readMeta(doc).mapType).toBe('future-state');
  });
});

describe('setScenario', () => {
  it('stores the scenario, including an empty one, in one transaction', () => {
    const doc = newBoard();
    expect(countUpdates(doc, () => setScenario(doc, 'Renewing a policy online'))).toBe(1);
    expect(readMeta(doc).scenario).toBe('Renewing a policy online');
    setScenario(doc, '');
    expect(readMeta(doc).scenario).toBe('');
  });
});

describe('setPersona', () => {
  it('patches only the given fields, in one transaction', () => {
    const doc = newBoard();
    expect(countUpdates(doc, () => setPersona(doc, { name: 'Ana', description: 'Nurse' }))).toBe(1);
    setPersona(doc, { description: 'Night-shift nurse' });
    expect(readMeta(doc).persona).toEqual({ name: 'Ana', description: 'Night-shift nurse' });
    setPersona(doc, { name: 'Ana B.' });
    expect(readMeta(doc).persona).toEqual({ name: 'Ana B.', description: 'Night-shift nurse' });
  });

  it('creates the persona on a doc that has none', () => {
    const doc = new Y.Doc();
    setPersona(doc, { name: 'Lee' });
    expect(readMeta(doc).persona).toEqual({ name: 'Lee', description: '' });
  });
});
