import * as Y from 'yjs';
import { boardRoots, ModelError } from './doc.js';
import { FieldReader, type UnreadableSink } from './read.js';
import { imageIdCheck } from './images.js';
import { PERSONA_COLOR, readPersonasMeta, writeFirstPersona } from './personas.js';
import {
  CES_METHODS,
  MAP_TYPES,
  SCHEMA_VERSION,
  type BoardMeta,
  type CesMethod,
  type MapType,
  type Persona,
} from './schema.js';

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
  cesMethod?: CesMethod;
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
    if (input.persona?.color !== undefined) persona.set('color', input.persona.color);
    if (input.persona?.photo !== undefined) persona.set('photo', input.persona.photo);
    meta.set('persona', persona);
    meta.set('schemaVersion', SCHEMA_VERSION);
    meta.set('createdAt', input.createdAt ?? new Date().toISOString());
    if (input.cesMethod === 'top2box') meta.set('cesMethod', input.cesMethod);
  });
}

/** What a title reads as when another client stored something that is not one. */
export const FALLBACK_TITLE = 'Untitled map';

/**
 * The board's meta. Absent fields (a doc not yet synced) read as empty quietly; malformed ones
 * read as their default and are noted in `into`.
 */
export function readMeta(doc: Y.Doc, into?: UnreadableSink): BoardMeta {
  const m = new FieldReader(boardRoots(doc).meta, 'meta', into);
  // An empty meta is a doc not yet synced; a board's meta always has a title.
  const title = m.string('title', m.record.size > 0);
  const cleanTitle =
    title !== undefined ? checkedTitle(m, title) : m.record.size > 0 ? FALLBACK_TITLE : '';
  const mapType = m.string('mapType', false, (t) =>
    (MAP_TYPES as readonly string[]).includes(t) ? null : 'is not a map type this version knows',
  );
  const personaMap = m.map('persona');
  const persona = personaMap && m.nested(personaMap, 'persona');
  const first: Persona = {
    name: persona?.string('name') ?? '',
    description: persona?.string('description') ?? '',
  };
  const color = persona?.string('color', false, (c) =>
    PERSONA_COLOR.test(c) ? null : 'is not a #rrggbb colour',
  );
  if (color !== undefined) first.color = color;
  const photo = persona?.string('photo', false, imageIdCheck);
  if (photo !== undefined) first.photo = photo;
  const personas = readPersonasMeta(doc, first, into);
  const read: BoardMeta = {
    title: cleanTitle,
    mapType: (mapType as MapType | undefined) ?? 'current-state',
    scenario: m.string('scenario') ?? '',
    persona: first,
    schemaVersion: m.number('schemaVersion') ?? SCHEMA_VERSION,
    createdAt: m.string('createdAt') ?? '',
  };
  if (personas) read.personas = personas;
  const cesMethod = m.string('cesMethod', false, (v) =>
    (CES_METHODS as readonly string[]).includes(v) ? null : 'is not mean or top2box',
  );
  if (cesMethod === 'top2box') read.cesMethod = cesMethod;
  return read;
}

/** What the boards listing keeps of a board's meta (the page lists without opening docs). */
export function listingMeta(doc: Y.Doc) {
  const { title, mapType, persona, createdAt } = readMeta(doc);
  return { title, mapType, persona: persona.name.trim(), createdAt };
}

/** A stored title the open format can carry (1–200 characters, not blank), else noted. */
function checkedTitle(m: FieldReader, title: string): string {
  if (!title.trim()) {
    m.note('title', 'must not be blank');
    return FALLBACK_TITLE;
  }
  if (title.length > TITLE_MAX) {
    m.note('title', `is longer than ${TITLE_MAX} characters`);
    return title.slice(0, TITLE_MAX);
  }
  return title;
}

export function setTitle(doc: Y.Doc, title: string): void {
  const clean = cleanTitle(title);
  doc.transact(() => boardRoots(doc).meta.set('title', clean));
}

export function setMapType(doc: Y.Doc, mapType: MapType): void {
  assertMapType(mapType);
  doc.transact(() => boardRoots(doc).meta.set('mapType', mapType));
}

/**
 * W246: how the board computes CES from now on. Points keep the method they were computed with
 * (W247), so switching never reinterprets them. `mean` is the default, stored as no key.
 */
export function setCesMethod(doc: Y.Doc, method: CesMethod): void {
  if (!(CES_METHODS as readonly string[]).includes(method))
    throw new ModelError(`cesMethod must be one of ${CES_METHODS.join(', ')}`, 'meta.cesMethod');
  doc.transact(() => {
    const { meta } = boardRoots(doc);
    if (method === 'mean') {
      if (meta.has('cesMethod')) meta.delete('cesMethod');
    } else if (meta.get('cesMethod') !== method) meta.set('cesMethod', method);
  });
}

/** The board's CES method (W246): `mean` unless it says `top2box`. */
export const cesMethodOf = (meta: Pick<BoardMeta, 'cesMethod'>): CesMethod =>
  meta.cesMethod ?? 'mean';

export function setScenario(doc: Y.Doc, scenario: string): void {
  doc.transact(() => boardRoots(doc).meta.set('scenario', scenario));
}

/** Updates the given fields of persona 1 only, so two people editing name and description both win. */
export function setPersona(doc: Y.Doc, patch: Partial<Persona>): void {
  writeFirstPersona(doc, patch);
}
