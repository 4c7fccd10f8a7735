import * as Y from 'yjs';
import {
  ModelError,
  optStr,
  requireField,
  requireRecord,
  setOrDelete,
  str,
  type YRecord,
} from './doc.js';
import { newId } from './order.js';
import { isPlainObject, isYArray, isYMap } from './read.js';

/**
 * Review comments live in their own doc (room `<boardId>/comments`), so that a commenter can
 * be allowed to write them without being allowed to write the map.
 */

export type CommentAnchor =
  | { kind: 'card' | 'shape' | 'stage' | 'lane'; id: string }
  | { kind: 'point'; x: number; y: number };

export interface CommentAuthor {
  id: string;
  name: string;
  color?: string;
}

export interface CommentMessage {
  id: string;
  author: CommentAuthor;
  body: string;
  /** ISO 8601 */
  createdAt: string;
  editedAt?: string;
  /** Ids of the people @mentioned in the body. */
  mentions: string[];
}

export interface CommentThread {
  id: string;
  anchor: CommentAnchor;
  resolved: boolean;
  resolvedBy?: CommentAuthor;
  createdAt: string;
  createdBy: CommentAuthor;
  messages: CommentMessage[];
  /** createdAt/editedAt of the newest message: threads sort by it. */
  lastActivity: string;
}

/** Someone who has been on the board: who @mentions can name. */
export interface Person extends CommentAuthor {
  lastSeen: string;
}

export const COMMENT_MAX = 10_000;

/** Values are `unknown`: any client can store anything there, so every use checks. */
function roots(doc: Y.Doc) {
  return { threads: doc.getMap<unknown>('threads'), people: doc.getMap<unknown>('people') };
}

function cleanBody(body: string): string {
  const trimmed = body.trim();
  if (!trimmed) throw new ModelError('a comment must not be empty', 'body');
  if (trimmed.length > COMMENT_MAX)
    throw new ModelError(`a comment is longer than ${COMMENT_MAX} characters`, 'body');
  return trimmed;
}

function assertAnchor(anchor: CommentAnchor): void {
  if (anchor.kind === 'point') {
    if (!Number.isFinite(anchor.x) || !Number.isFinite(anchor.y)) {
      throw new ModelError('a point anchor needs finite x and y', 'anchor');
    }
  } else if (!['card', 'shape', 'stage', 'lane'].includes(anchor.kind) || !anchor.id) {
    throw new ModelError('an anchor is a card, shape, stage or lane id, or a point', 'anchor');
  }
}

function messageRecord(
  author: CommentAuthor,
  body: string,
  mentions: string[],
  now: string,
): YRecord {
  const message = new Y.Map<unknown>();
  message.set('id', newId());
  message.set('author', { ...author });
  message.set('body', cleanBody(body));
  message.set('createdAt', now);
  message.set('mentions', [...new Set(mentions)]);
  return message;
}

/** Starts a thread with its first message; returns the thread id. */
export function createThread(
  doc: Y.Doc,
  input: {
    anchor: CommentAnchor;
    author: CommentAuthor;
    body: string;
    mentions?: string[];
    now?: string;
  },
): string {
  assertAnchor(input.anchor);
  const now = input.now ?? new Date().toISOString();
  const first = messageRecord(input.author, input.body, input.mentions ?? [], now);
  const id = newId();
  doc.transact(() => {
    const thread = new Y.Map<unknown>();
    thread.set('anchor', { ...input.anchor });
    thread.set('resolved', false);
    thread.set('createdAt', now);
    thread.set('createdBy', { ...input.author });
    thread.set('messages', Y.Array.from([first]));
    roots(doc).threads.set(id, thread);
  });
  return id;
}

function thread(doc: Y.Doc, id: string): YRecord {
  return requireRecord(roots(doc).threads, id, 'thread');
}

function messagesOf(doc: Y.Doc, threadId: string): Y.Array<unknown> {
  const field = `threads.${threadId}.messages`;
  return requireField(thread(doc, threadId), 'messages', isYArray, 'a Y.Array', field);
}

export function reply(
  doc: Y.Doc,
  threadId: string,
  input: { author: CommentAuthor; body: string; mentions?: string[]; now?: string },
): string {
  const messages = messagesOf(doc, threadId);
  const message = messageRecord(
    input.author,
    input.body,
    input.mentions ?? [],
    input.now ?? new Date().toISOString(),
  );
  doc.transact(() => messages.push([message]));
  return message.get('id') as string;
}

function findMessage(doc: Y.Doc, threadId: string, messageId: string) {
  const messages = messagesOf(doc, threadId);
  const index = messages.toArray().findIndex((m) => isYMap(m) && m.get('id') === messageId);
  if (index < 0)
    throw new ModelError(`message '${messageId}' does not exist`, `threads.${threadId}.messages`);
  return { messages, index, message: messages.get(index) as YRecord };
}

/** Only the author may edit or delete a message. */
function assertAuthor(message: YRecord, userId: string): void {
  const author = message.get('author');
  if (!isPlainObject(author) || author.id !== userId)
    throw new ModelError('only the author can change a message', 'author');
}

export function editMessage(
  doc: Y.Doc,
  threadId: string,
  messageId: string,
  input: { userId: string; body: string; mentions?: string[]; now?: string },
): void {
  const { message } = findMessage(doc, threadId, messageId);
  assertAuthor(message, input.userId);
  const body = cleanBody(input.body);
  doc.transact(() => {
    message.set('body', body);
    message.set('mentions', [...new Set(input.mentions ?? [])]);
    message.set('editedAt', input.now ?? new Date().toISOString());
  });
}

/** Deletes a message; deleting the only message deletes the thread. */
export function deleteMessage(
  doc: Y.Doc,
  threadId: string,
  messageId: string,
  userId: string,
): void {
  const { messages, index, message } = findMessage(doc, threadId, messageId);
  assertAuthor(message, userId);
  doc.transact(() => {
    if (messages.length === 1) roots(doc).threads.delete(threadId);
    else messages.delete(index, 1);
  });
}

export function setResolved(
  doc: Y.Doc,
  threadId: string,
  resolved: boolean,
  by: CommentAuthor,
): void {
  const record = thread(doc, threadId);
  doc.transact(() => {
    record.set('resolved', resolved);
    if (resolved) record.set('resolvedBy', { ...by });
    else record.delete('resolvedBy');
  });
}

/** Moves a thread's pin (a point anchor) or re-anchors it. */
export function setAnchor(doc: Y.Doc, threadId: string, anchor: CommentAnchor): void {
  assertAnchor(anchor);
  const record = thread(doc, threadId);
  doc.transact(() => record.set('anchor', { ...anchor }));
}

/** Records that someone is on the board (for @mention suggestions). */
export function notePerson(
  doc: Y.Doc,
  person: CommentAuthor,
  now = new Date().toISOString(),
): void {
  const { people } = roots(doc);
  // A record another client made unreadable is replaced: it is this person's own.
  const stored = people.get(person.id);
  const known = isYMap(stored) ? stored : undefined;
  if (known && str(known, 'name') === person.name && optStr(known, 'color') === person.color) {
    // Touch lastSeen at most hourly: presence is not worth an update per page view.
    if (Date.parse(now) - Date.parse(str(known, 'lastSeen')) < 3_600_000) return;
  }
  doc.transact(() => {
    // Attach a new record first: a detached Y.Map must not be read.
    const record = known ?? people.set(person.id, new Y.Map<unknown>());
    record.set('name', person.name);
    setOrDelete(record, 'color', person.color);
    record.set('lastSeen', now);
  });
}

const NAME_CHAR = /[\p{L}\p{N}_-]/u;

/**
 * @mentions in a body: at each `@`, the longest known name that follows it and ends at a word
 * boundary (`@Ann Lee` names Ann Lee, not Ann; `@Annabel` does not name Ann).
 */
export function findMentions(body: string, people: readonly CommentAuthor[]): string[] {
  const found = new Set<string>();
  const lower = body.toLowerCase();
  const byLength = [...people].filter((p) => p.name).sort((a, b) => b.name.length - a.name.length);
  for (let at = lower.indexOf('@'); at !== -1; at = lower.indexOf('@', at + 1)) {
    const match = byLength.find((person) => {
      const name = person.name.toLowerCase();
      const next = lower[at + 1 + name.length];
      return lower.startsWith(name, at + 1) && (next === undefined || !NAME_CHAR.test(next));
    });
    if (match) found.add(match.id);
  }
  return [...found];
}
