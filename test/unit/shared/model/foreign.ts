/**
 * Foreign values for the schema fuzz test (not a test file itself): every kind of Yjs content,
 * nested Y types and plain values, written at a place of a board or comments doc with the raw
 * Y API (bypassing the model), as any client speaking the Yjs protocol could.
 */
import fc from 'fast-check';
import * as Y from 'yjs';

/** What belongs at a place of the schema, as DESIGN.md section 3 and docs/WIRE.md say. */
export type Expected =
  | 'map'
  | 'array'
  | 'text'
  | 'string'
  | 'number'
  | 'boolean'
  | 'evidence'
  | 'author'
  | 'anchor'
  | 'strings'
  | 'point'
  /** A card's metric series: a Y.Map whose every key holds a point, so an empty one. */
  | 'seriesMap'
  | 'unknown';

export interface Foreign {
  /** For messages. */
  label: string;
  /** The places this value is of the right type for ('unknown' keys take anything). */
  fits: readonly Expected[];
  /** A deletion (always allowed). */
  deletion?: true;
  /** Content Yjs lists skip (a format mark): invisible to readers of a list. */
  invisibleInList?: true;
  /** The value for Y.Map#set / Y.Array#insert (built fresh: a Y type integrates once). */
  make(): unknown;
  /** Content no Y API writes at a key or in a list: swapped in after writing a placeholder. */
  content?(): Y.Item['content'];
}

const plain = (label: string, fits: Expected[], value: () => unknown): Foreign => ({
  label,
  fits,
  make: value,
});

/** Content kinds only Y.Text writes, or only old Yjs wrote, forced into a map or list. */
const swapped = (label: string, fits: Expected[], content: () => Y.Item['content']): Foreign => ({
  label,
  fits,
  make: () => 0,
  content,
});

/** Random plain values nested a little (what a "any" item may hold). */
const anyValue: fc.Arbitrary<unknown> = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.string({ maxLength: 6 }),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 3, noNullPrototype: true }),
  ),
})).value;

/** A Y type holding more foreign content, `depth` levels down. */
function nestedType(
  kind: number,
  seed: number,
  depth: number,
): Y.Map<unknown> | Y.Array<unknown> | Y.Text {
  const inner = () => (depth > 0 ? nestedType(seed % 3, seed + 1, depth - 1) : seed);
  switch (kind % 3) {
    case 0: {
      const map = new Y.Map<unknown>();
      // Keys no schema map has: the oracle stays simple (what is nested is not checked).
      map.set('inner', inner());
      map.set(`zz${seed}`, { nested: [seed] });
      return map;
    }
    case 1: {
      const list = new Y.Array<unknown>();
      list.push([inner(), 'str', { id: 'x' }]);
      return list;
    }
    default: {
      const text = new Y.Text();
      text.insert(0, 'foreign', { bold: true });
      text.insertEmbed(3, { image: seed });
      return text;
    }
  }
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' &&
  v !== null &&
  !Array.isArray(v) &&
  Object.getPrototypeOf(v) === Object.prototype;
const optionalString = (v: unknown) => v === undefined || typeof v === 'string';

/** The places a random plain value fits, as the schema describes them. */
function fitsOf(v: unknown): Expected[] {
  if (typeof v === 'string') return ['string'];
  if (typeof v === 'number') return Number.isFinite(v) ? ['number'] : [];
  if (typeof v === 'boolean') return ['boolean'];
  if (Array.isArray(v)) return v.every((x) => typeof x === 'string') ? ['strings'] : [];
  if (!isObject(v)) return [];
  const fits: Expected[] = [];
  const [id, name, kind] = [v.id, v.name, v.kind];
  if (typeof id === 'string' && typeof kind === 'string' && typeof v.text === 'string')
    if (optionalString(v.source) && optionalString(v.date) && optionalString(v.url))
      fits.push('evidence');
  if (typeof id === 'string' && typeof name === 'string' && optionalString(v.color))
    fits.push('author');
  const finiteNumber = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
  const strings = ['metric', 'periodStart', 'periodEnd', 'source', 'writtenAt'];
  if (
    strings.every((k) => typeof v[k] === 'string') &&
    finiteNumber(v.value) &&
    (v.n === undefined || finiteNumber(v.n))
  )
    fits.push('point');
  if (typeof kind === 'string') {
    const known = ['card', 'shape', 'stage', 'lane'].includes(kind);
    const point = kind === 'point';
    const finite = (n: unknown) => typeof n === 'number' && Number.isFinite(n);
    if (point ? finite(v.x) && finite(v.y) : !known || typeof id === 'string') fits.push('anchor');
  }
  return fits;
}

const VALID_EVIDENCE = { id: 'ev-foreign', kind: 'quote', text: 'A real quote' };
const VALID_POINT = {
  metric: 'csat',
  value: 70,
  periodStart: '2024-01-01',
  periodEnd: '2024-01-31',
  source: 'foreign',
  writtenAt: '2024-02-01T00:00:00.000Z',
};

export const foreign: fc.Arbitrary<Foreign> = fc.oneof(
  fc.string({ maxLength: 8 }).map((s) => plain('a string', ['string'], () => s)),
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((n) => plain('a number', ['number'], () => n)),
  fc.constantFrom(NaN, Infinity, -Infinity).map((n) => plain(`${n}`, [], () => n)),
  fc.boolean().map((b) => plain('a boolean', ['boolean'], () => b)),
  // No Y API writes a bigint, but the encoding carries one.
  fc.bigInt().map((b) => swapped('a bigint', [], () => new Y.ContentAny([b]))),
  fc.constantFrom(
    plain('null', [], () => null),
    // Y.Array#insert refuses undefined; the encoding carries it.
    swapped('undefined', [], () => new Y.ContentAny([undefined])),
    plain('{}', [], () => ({})),
    // Its kind is no anchor kind this version knows: anchors from newer clients pass.
    plain('an evidence object', ['evidence', 'anchor'], () => ({ ...VALID_EVIDENCE })),
    // An anchor kind a newer client may add: anchors take it, evidence needs a text.
    plain('an evidence without text', ['anchor'], () => ({ id: 'e', kind: 'quote' })),
    plain('an author', ['author'], () => ({ id: 'u9', name: 'Zoe' })),
    plain('a metric point', ['point'], () => ({ ...VALID_POINT })),
    // Of the right types, but CSAT 300 on a day that does not exist: readers skip it.
    plain('an unsound metric point', ['point'], () => ({
      ...VALID_POINT,
      value: 300,
      periodEnd: '2024-02-30',
    })),
    plain('a point anchor', ['anchor'], () => ({ kind: 'point', x: 1, y: 2 })),
    plain('a card anchor without id', [], () => ({ kind: 'card' })),
    plain('strings', ['strings'], () => ['a', 'b']),
    plain('numbers', [], () => [1, 2]),
    plain('binary', [], () => new Uint8Array([1, 2, 3])),
    plain('a Y.Map', ['map', 'seriesMap'], () => new Y.Map()),
    plain('a Y.Array', ['array'], () => new Y.Array()),
    plain('a Y.Text', ['text'], () => new Y.Text('x')),
    plain('a Y.XmlText', [], () => new Y.XmlText('x')),
    plain('a Y.XmlElement', [], () => new Y.XmlElement('p')),
    plain('a Y.XmlFragment', [], () => new Y.XmlFragment()),
    plain('a Y.XmlHook', [], () => new Y.XmlHook('hook')),
    plain('a Y.Doc', [], () => new Y.Doc()),
    swapped('string content', ['string'], () => new Y.ContentString('s')),
    swapped('a JSON string', ['string'], () => new Y.ContentJSON(['json'])),
    swapped('a JSON number', ['number'], () => new Y.ContentJSON([7])),
    swapped('an embed', [], () => new Y.ContentEmbed({})),
    {
      ...swapped('a format mark', [], () => new Y.ContentFormat('bold', true)),
      invisibleInList: true,
    },
    { ...swapped('deleted content', [], () => new Y.ContentDeleted(1)), deletion: true },
  ),
  fc.tuple(fc.nat(2), fc.nat(100), fc.nat(2)).map(([kind, seed, depth]) =>
    plain(
      `nested ${['Y.Map', 'Y.Array', 'Y.Text'][kind]}`,
      // A nested list holds non-strings and non-evidence: no list of the schema takes it.
      ([['map'], [], ['text']] as Expected[][])[kind]!,
      () => nestedType(kind, seed, depth),
    ),
  ),
  anyValue.map((v) => plain('a plain value', fitsOf(v), () => v)),
);

/** Whether `value` is of the right type at a place expecting `expected`. */
export const fitsPlace = (value: Foreign, expected: Expected): boolean =>
  expected === 'unknown' || value.deletion === true || value.fits.includes(expected);

/**
 * Writes `value` into `parent` (a Y.Map at `key`, or a Y.Array at `index` when key is null),
 * with content swapped in where no Y API writes it, in one transaction of `doc`.
 */
export function writeForeign(
  doc: Y.Doc,
  parent: Y.Map<unknown> | Y.Array<unknown>,
  key: string | null,
  index: number,
  value: Foreign,
): void {
  const clock = Y.getState(doc.store, doc.clientID);
  doc.transact(() => {
    const made = value.make();
    if (parent instanceof Y.Map) parent.set(key ?? 'k', made);
    else parent.insert(Math.min(index, parent.length), [made]);
  });
  if (value.content) {
    const item = Y.getItem(doc.store, Y.createID(doc.clientID, clock));
    item.content = value.content();
  }
}
