import * as Y from 'yjs';
import { boardRoots, ModelError, str } from './doc.js';
import { MAP_TYPES, SCHEMA_VERSION, type BoardMeta, type MapType, type Persona } from './schema.js';

export const TITLE_MAX = 200;

export function assertMapType(value: string): asserts value is MapType {
  if (!(MAP_TYPES as readonly string[]).includes(value)) {
    throw new ModelError(
      `mapType must be one of ${MAP_TYPES.join(', ')}; got '${value}'`,
      'meta.mapType',
    );
  }
}

function cleanTitle(title: string): string {
  const trimmed = title.trim();
  if (trimmed.length === 0) throw new ModelError('title must not be empty', 'meta.title');
  if (trimmed.length > TITLE_MAX)
    throw new ModelError(`title is longer than ${TITLE_MAX} characters`, 'meta.title');
  return trimmed;
}

export interface NewBoardMeta {
  title: string;
  mapType: MapType;
  scenario?: string;
  persona?: Partial<Persona>;
  createdAt?: string;
}

/** Writes the meta of a new, empty board. */
export function initBoard(doc: Y.Doc, input: NewBoardMeta): void {
  const title = cleanTitle(input.title);
  assertMapType(input.mapType);
  doc.transact(() => {
    const { meta } = boardRoots(doc);
    meta.set('title', title);
    meta.set('mapType', input.mapType);
    meta.set('scenario', input.scenario ?? '');
    const persona = new Y.Map<string>();
    persona.set('name', input.persona?.name ?? '');
    persona.set('description', input.persona?.description ?? '');
    meta.set('persona', persona);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('createdAt', input.createdAt ?? new Date().toISOString());
  });
}

export function readMeta(doc: Y.Doc): BoardMeta {
  const { meta } = boardRoots(doc);
  const persona = meta.get('persona');
  const mapType = meta.get('mapType');
  const schemaVersion = meta.get('schemaVersion');
  return {
    title: typeof meta.get('title') === 'string' ? (meta.get('title') as string) : '',
    mapType: (MAP_TYPES as readonly unknown[]).includes(mapType)
      ? (mapType as MapType)
      : 'current-state',
    scenario: typeof meta.get('scenario') === 'string' ? (meta.get('scenario') as string) : '',
    persona: {
      name: persona instanceof Y.Map ? str(persona, 'name') : '',
      description: persona instanceof Y.Map ? str(persona, 'description') : '',
    },
    schemaVersion: typeof schemaVersion === 'number' ? schemaVersion : SCHEMA_VERSION,
    createdAt: typeof meta.get('createdAt') === 'string' ? (meta.get('createdAt') as string) : '',
  };
}

export function setTitle(doc: Y.Doc, title: string): void {
  const clean = cleanTitle(title);
  doc.transact(() => boardRoots(doc).meta.set('title', clean));
}

export function setMapType(doc: Y.Doc, mapType: MapType): void {
  assertMapType(mapType);
  doc.transact(() => boardRoots(doc).meta.set('mapType', mapType));
}

export function setScenario(doc: Y.Doc, scenario: string): void {
  doc.transact(() => boardRoots(doc).meta.set('scenario', scenario));
}

/** Updates the given persona fields only, so two people editing name and description both win. */
export function setPersona(doc: Y.Doc, patch: Partial<Persona>): void {
  doc.transact(() => {
    const { meta } = boardRoots(doc);
    let persona = meta.get('persona');
    if (!(persona instanceof Y.Map)) {
      persona = new Y.Map<string>();
      meta.set('persona', persona);
    }
    const target = persona as Y.Map<string>;
    if (patch.name !== undefined) target.set('name', patch.name);
    if (patch.description !== undefined) target.set('description', patch.description);
  });
}
