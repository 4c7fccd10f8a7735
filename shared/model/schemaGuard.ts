/**
 * The schema guard at the server's door: whether an update writes a value of the wrong *type*
 * at a known key of a board or comments doc (a number where a card belongs, a string where a
 * card's Y.Text belongs, an evidence item `{}`), read from the update's structs before it is
 * applied. It runs on every update, so it costs in proportion to the update: each new item is
 * placed by walking up its parents (in the update, else in the doc) a few levels, never by
 * reading the doc. Unknown roots and keys pass (newer clients may add some); deletions always
 * pass; so does anything below a value of the wrong type that the doc already holds.
 *
 * How an item says where it goes (yjs 13.6): `parent` is a root name with `parentSub` (a map
 * key) or null (list content), or the id of the item holding the parent type; when `origin` or
 * `rightOrigin` is set, parent and key are those of that neighbour (an overwrite of a map key
 * has the previous value as origin). Ids resolve against the doc (when it holds that clock),
 * else against the update itself; one resolving nowhere waits as pending, and the room drops
 * pending structs, so it is not checked.
 */
import * as Y from 'yjs';
import { describeValue, pathKey } from './read.js';

import {
  AUTHOR,
  PEOPLE,
  PERSON_NAME,
  SCHEMAS,
  type Expect,
  type GuardedDocKind,
} from './guardedSchema.js';

export type { GuardedDocKind };
/** A place of the schema: what belongs there and its path (`cards.<id>.tags[]`). */
interface Slot {
  expect: Expect;
  path: string;
  /** Below `people` in a comments doc: the person's id (the entry's key). */
  person?: string;
}
/** List content written straight into a map of the schema (which reads only keys). */
interface ListInMap {
  listIn: string;
}
type Placed = Slot | ListInMap | null;

/** Where an item goes: a root by name, or the item holding its parent type; and its key. */
interface Place {
  parent: string | Y.Item;
  sub: string | null;
}

/** A key's schema node; keys like `constructor` are unknown keys, not Object.prototype's. */
const own = <T>(table: Readonly<Record<string, T>>, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;

/** Types deeper than this below a root are deeper than any schema path: not checked. */
const MAX_DEPTH = 12;

const TYPE_OF: Partial<Record<Expect['kind'], unknown>> = {
  map: Y.Map,
  array: Y.Array,
  text: Y.Text,
};

function describeContent(content: Y.Item['content']): string {
  if (content instanceof Y.ContentType) return describeValue(content.type);
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    const values = content.arr as unknown[];
    return values.length === 1 ? describeValue(values[0]) : `${values.length} values`;
  }
  if (content instanceof Y.ContentString) return 'string content';
  if (content instanceof Y.ContentBinary) return 'binary data';
  if (content instanceof Y.ContentEmbed) return 'an embed';
  if (content instanceof Y.ContentFormat) return 'a format mark';
  if (content instanceof Y.ContentDoc) return 'a Y.Doc';
  return 'unknown content';
}

function expected(expect: Expect): string {
  if (expect.kind === 'value') return expect.what;
  return expect.kind === 'map' ? 'a Y.Map' : expect.kind === 'array' ? 'a Y.Array' : 'a Y.Text';
}

/** What `content` is when `expect` asks for something else; null when it fits. */
function misfit(content: Y.Item['content'], expect: Expect): string | null {
  if (content instanceof Y.ContentDeleted) return null;
  if (expect.kind !== 'value') {
    const fits =
      content instanceof Y.ContentType && content.type.constructor === TYPE_OF[expect.kind];
    return fits ? null : describeContent(content);
  }
  if (content instanceof Y.ContentAny || content instanceof Y.ContentJSON) {
    const values = content.arr as unknown[];
    const wrong = values.findIndex((v) => !expect.accepts(v));
    return wrong < 0 ? null : describeValue(values[wrong]);
  }
  // Yjs reads a string item in a map or list as its characters: strings after all.
  if (content instanceof Y.ContentString) return expect.accepts(content.str) ? null : 'a string';
  return describeContent(content);
}

/** Finds the items of one update and the doc it is about to be applied to, by id. */
class Resolver {
  private readonly byClient = new Map<number, (Y.Item | Y.GC | Y.Skip)[]>();
  private readonly places = new Map<Y.Item, Place | null>();
  private readonly slots = new Map<Y.Item, Placed>();
  private readonly rootNames = new Map<unknown, string>();

  constructor(
    private readonly doc: Y.Doc,
    private readonly schema: Readonly<Record<string, Expect>>,
    structs: readonly (Y.Item | Y.GC | Y.Skip)[],
  ) {
    for (const struct of structs) {
      const list = this.byClient.get(struct.id.client);
      if (list) list.push(struct);
      else this.byClient.set(struct.id.client, [struct]);
    }
    for (const name of Object.keys(schema)) {
      const root = doc.share.get(name);
      if (root) this.rootNames.set(root, name);
    }
  }

  /** Whether the doc already holds all of `struct` (a resend: Yjs skips it). */
  held(struct: Y.Item): boolean {
    return struct.id.clock + struct.length <= Y.getState(this.doc.store, struct.id.client);
  }

  /** The struct holding `id`: in the doc when it has that clock, else in the update. */
  private lookup(id: Y.ID): Y.Item | Y.GC | null {
    if (id.clock < Y.getState(this.doc.store, id.client)) {
      try {
        return Y.getItem(this.doc.store, id);
      } catch {
        return null;
      }
    }
    const structs = this.byClient.get(id.client);
    if (!structs) return null;
    let [low, high] = [0, structs.length - 1];
    while (low <= high) {
      const mid = (low + high) >>> 1;
      const struct = structs[mid]!;
      if (id.clock < struct.id.clock) high = mid - 1;
      else if (id.clock >= struct.id.clock + struct.length) low = mid + 1;
      else return struct instanceof Y.Skip ? null : struct;
    }
    return null;
  }

  /** Where `start` goes, following neighbours for items that inherit it (iteratively). */
  private placeOf(start: Y.Item): Place | null {
    const walked: Y.Item[] = [];
    const seen = new Set<Y.Item>();
    let item = start;
    let place: Place | null | undefined;
    while (place === undefined) {
      const known = this.places.get(item);
      if (known !== undefined) {
        place = known;
        break;
      }
      walked.push(item);
      seen.add(item);
      const parent: unknown = item.parent;
      if (parent instanceof Y.AbstractType) {
        const holder = parent._item;
        const root = holder ? undefined : this.rootNames.get(parent);
        place = holder
          ? { parent: holder, sub: item.parentSub }
          : root !== undefined
            ? { parent: root, sub: item.parentSub }
            : null;
      } else if (typeof parent === 'string') {
        place = { parent, sub: item.parentSub };
      } else if (parent instanceof Y.ID) {
        const holder = this.lookup(parent);
        place = holder instanceof Y.Item ? { parent: holder, sub: item.parentSub } : null;
      } else {
        // Parent and key are the neighbour's; a GC neighbour makes Yjs drop the item.
        const left = item.origin && this.lookup(item.origin);
        const right = item.rightOrigin && this.lookup(item.rightOrigin);
        const next = left ?? right;
        if (left instanceof Y.GC || right instanceof Y.GC || !(next instanceof Y.Item))
          place = null;
        else if (seen.has(next)) place = null;
        else item = next;
      }
    }
    for (const done of walked) this.places.set(done, place);
    return place;
  }

  /** The schema node and path of the type `item` holds, when it is of the expected type. */
  private typeSlot(item: Y.Item, placed: Placed): Slot | null {
    if (placed === null || !('expect' in placed)) return null;
    const type = TYPE_OF[placed.expect.kind];
    return type !== undefined &&
      item.content instanceof Y.ContentType &&
      item.content.type.constructor === type
      ? placed
      : null;
  }

  private child(slot: Slot | null, sub: string | null): Placed {
    if (slot === null) return null;
    const { expect, path } = slot;
    if (expect.kind === 'map') {
      if (sub === null) return { listIn: path };
      const next = (expect.fields && own(expect.fields, sub)) ?? expect.entries;
      if (!next) return null;
      const person = expect === PEOPLE ? sub : slot.person;
      return {
        expect: next,
        path: `${path}.${pathKey(sub)}`,
        ...(person === undefined ? {} : { person }),
      };
    }
    if (expect.kind === 'array' && sub === null)
      return { ...slot, expect: expect.items, path: `${path}[]` };
    return null; // Inside a text, or a key of a list: nothing the schema reads.
  }

  /** Where `start` sits in the schema: walks up its types, then fills the answers down. */
  placed(start: Y.Item): Placed {
    const known = this.slots.get(start);
    if (known !== undefined) return known;
    const chain: { item: Y.Item; place: Place | null }[] = [];
    let slot: Slot | null = null;
    for (let item = start; ;) {
      if (chain.length === MAX_DEPTH) return null;
      const place = this.placeOf(item);
      chain.push({ item, place });
      if (place === null) break;
      if (typeof place.parent === 'string') {
        const root = own(this.schema, place.parent);
        slot = root ? { expect: root, path: place.parent } : null;
        break;
      }
      const above = this.slots.get(place.parent);
      if (above !== undefined) {
        slot = this.typeSlot(place.parent, above);
        break;
      }
      item = place.parent;
    }
    let placed: Placed = null;
    for (let i = chain.length - 1; i >= 0; i--) {
      const { item, place } = chain[i]!;
      placed = place === null ? null : this.child(slot, place.sub);
      this.slots.set(item, placed);
      slot = this.typeSlot(item, placed);
    }
    return placed;
  }
}

/** An item of an update placed at a known slot of the schema (or straight into a map as a list). */
export type PlacedItem = { item: Y.Item; placed: Slot | ListInMap };

/** The items of `decoded` (not yet applied to `doc`) that land at known places of the schema. */
export function* placedItems(
  doc: Y.Doc,
  kind: GuardedDocKind,
  decoded: ReturnType<typeof Y.decodeUpdate>,
): Generator<PlacedItem> {
  const resolver = new Resolver(doc, SCHEMAS[kind], decoded.structs);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item) || resolver.held(struct)) continue;
    const placed = resolver.placed(struct);
    if (placed === null || struct.content instanceof Y.ContentDeleted) continue;
    yield { item: struct, placed };
  }
}

/** Whether a placed item is an author object (a message's, a thread's maker or resolver). */
export const isAuthorSlot = ({ placed }: PlacedItem): boolean =>
  'expect' in placed && placed.expect === AUTHOR;

/**
 * For an item written into a person's record of a comments doc (`people.<id>` or below): that
 * id, and whether the item is the record's `name`; null for any other item.
 */
export function personSlotOf({ placed }: PlacedItem): { id: string; isName: boolean } | null {
  if (!('expect' in placed) || placed.person === undefined) return null;
  return { id: placed.person, isName: placed.expect === PERSON_NAME };
}

/**
 * Where `update` (already decoded, not yet applied to `doc`) writes a value of the wrong type at
 * a known schema key; null when it writes none. The answer names the path and what belongs
 * there, e.g. `cards.V1StGXR8_Z5j.text must be a Y.Text; got a number`.
 */
export function findSchemaViolation(
  doc: Y.Doc,
  kind: GuardedDocKind,
  decoded: ReturnType<typeof Y.decodeUpdate>,
): string | null {
  for (const { item, placed } of placedItems(doc, kind, decoded)) {
    if ('listIn' in placed)
      return `${placed.listIn} must hold entries by key; got list content (${describeContent(item.content)})`;
    const got = misfit(item.content, placed.expect);
    if (got !== null) return `${placed.path} must be ${expected(placed.expect)}; got ${got}`;
  }
  return null;
}
