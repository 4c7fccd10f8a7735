/**
 * Reading the comments doc (see comments.ts), total like every reader: threads, messages and
 * people another client stored in a form this version cannot read are skipped or read as their
 * defaults, and noted.
 */
import type * as Y from 'yjs';
import type {
  CommentAnchor,
  CommentAuthor,
  CommentMessage,
  CommentThread,
  Person,
} from './comments.js';
import {
  describeValue,
  eachRecord,
  FieldReader,
  isPlainObject,
  isYMap,
  note,
  wrongKind,
  type Unreadable,
  type UnreadableSink,
} from './read.js';

const threadsOf = (doc: Y.Doc) => doc.getMap<unknown>('threads');
const peopleOf = (doc: Y.Doc) => doc.getMap<unknown>('people');

const UNKNOWN_AUTHOR: CommentAuthor = { id: '', name: 'Unknown' };
const ANCHOR_IDS = ['card', 'shape', 'stage', 'lane'];
const FALLBACK_ANCHOR: CommentAnchor = { kind: 'point', x: 0, y: 0 };

/** An author as a fresh object (never the stored one: views must not change the doc's). */
function authorOf(value: unknown): CommentAuthor | null {
  if (!isPlainObject(value) || typeof value.id !== 'string' || typeof value.name !== 'string')
    return null;
  const author: CommentAuthor = { id: value.id, name: value.name };
  if (typeof value.color === 'string') author.color = value.color;
  else if (value.color !== undefined) return null;
  return author;
}

function anchorOf(value: unknown): CommentAnchor | null {
  if (!isPlainObject(value)) return null;
  const { kind } = value;
  if (kind === 'point') {
    const { x, y } = value;
    return typeof x === 'number' &&
      Number.isFinite(x) &&
      typeof y === 'number' &&
      Number.isFinite(y)
      ? { kind, x, y }
      : null;
  }
  return typeof kind === 'string' && ANCHOR_IDS.includes(kind) && typeof value.id === 'string'
    ? { kind: kind as 'card', id: value.id }
    : null;
}

/** A plain field parsed by `parse`, else `fallback` (noted when the field is there). */
function plain<T>(
  r: FieldReader,
  key: string,
  parse: (v: unknown) => T | null,
  expected: string,
  fallback: T,
): T {
  const value = r.raw(key);
  const parsed = parse(value);
  if (parsed !== null) return parsed;
  if (value !== undefined || r.record.has(key)) r.note(key, wrongKind(expected, value));
  return fallback;
}

const AUTHOR = 'an object with a string id and name';

function readMessage(r: FieldReader, into: UnreadableSink): CommentMessage | null {
  const id = r.raw('id');
  if (typeof id !== 'string') {
    note(into, r.path, `needs a string id; got ${describeValue(id)}`);
    return null;
  }
  const mentions = r.raw('mentions');
  const message: CommentMessage = {
    id,
    author: plain(r, 'author', authorOf, AUTHOR, UNKNOWN_AUTHOR),
    body: r.string('body', true) ?? '',
    createdAt: r.string('createdAt', true) ?? '',
    mentions: [],
  };
  if (Array.isArray(mentions)) {
    mentions.forEach((m: unknown, i) => {
      if (typeof m === 'string') message.mentions.push(m);
      else note(into, `${r.path}.mentions[${i}]`, wrongKind('a string', m));
    });
  } else if (mentions !== undefined || r.record.has('mentions')) {
    r.note('mentions', wrongKind('an array of strings', mentions));
  }
  const editedAt = r.string('editedAt');
  if (editedAt) message.editedAt = editedAt;
  return message;
}

function readMessages(r: FieldReader, into: UnreadableSink): CommentMessage[] {
  const list = r.array('messages', true);
  const messages: CommentMessage[] = [];
  list?.forEach((value, i) => {
    const path = `${r.path}.messages[${i}]`;
    if (!isYMap(value)) return note(into, path, wrongKind('a Y.Map', value));
    const message = readMessage(new FieldReader(value, path, into), into);
    if (message) messages.push(message);
  });
  return messages;
}

/** Every readable thread, most recent activity first; the others are noted in `into`. */
export function readThreads(doc: Y.Doc, into?: UnreadableSink): CommentThread[] {
  const threads: CommentThread[] = [];
  eachRecord(
    threadsOf(doc),
    'threads',
    into,
    (r, id) => {
      const messages = readMessages(r, into);
      const createdAt = r.string('createdAt', true) ?? '';
      const lastActivity = messages.reduce((latest, m) => {
        const t = m.editedAt && m.editedAt > m.createdAt ? m.editedAt : m.createdAt;
        return t > latest ? t : latest;
      }, createdAt);
      const t: CommentThread = {
        id,
        anchor: plain(
          r,
          'anchor',
          anchorOf,
          'a card, shape, stage, lane or point anchor',
          FALLBACK_ANCHOR,
        ),
        resolved: r.boolean('resolved') ?? false,
        createdAt,
        createdBy: plain(r, 'createdBy', authorOf, AUTHOR, UNKNOWN_AUTHOR),
        messages,
        lastActivity,
      };
      const resolvedBy = plain(r, 'resolvedBy', authorOf, AUTHOR, null);
      if (resolvedBy) t.resolvedBy = resolvedBy;
      threads.push(t);
    },
    true,
  );
  return threads.sort((a, b) =>
    a.lastActivity < b.lastActivity
      ? 1
      : a.lastActivity > b.lastActivity
        ? -1
        : a.id < b.id
          ? -1
          : 1,
  );
}

export function readPeople(doc: Y.Doc, into?: UnreadableSink): Person[] {
  const people: Person[] = [];
  eachRecord(
    peopleOf(doc),
    'people',
    into,
    (r, id) => {
      const person: Person = {
        id,
        name: r.string('name', true) ?? '',
        lastSeen: r.string('lastSeen', true) ?? '',
      };
      const color = r.string('color');
      if (color) person.color = color;
      people.push(person);
    },
    true,
  );
  return people.sort((a, b) => a.name.localeCompare(b.name));
}

/** The comments doc as plain data, and what of it could not be read. */
export interface CheckedComments {
  threads: CommentThread[];
  people: Person[];
  unreadable: Unreadable[];
}

/** Threads and people (see readThreads, readPeople), never throwing, with what was skipped. */
export function readCommentsChecked(doc: Y.Doc): CheckedComments {
  const unreadable: Unreadable[] = [];
  const threads = readThreads(doc, unreadable);
  return { threads, people: readPeople(doc, unreadable), unreadable };
}
