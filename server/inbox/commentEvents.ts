import type * as Y from 'yjs';
import { isPlainObject, isYArray, isYMap } from '../../shared/model/read.js';

/**
 * What one accepted transaction of a comments doc did that someone may want to hear of: a new
 * message (a new thread's first one included), the mentions of an edited message, a thread
 * resolved or reopened. Read from the transaction itself (what it inserted), so an update
 * that only repeats what the doc already had produces nothing.
 */
export type CommentEvent =
  | {
      kind: 'message';
      threadId: string;
      messageId: string;
      author: { id: string; name: string };
      body: string;
      mentions: string[];
      /** An edit: only its mentions count (a reply was told when it was written). */
      edited: boolean;
      /** Everyone who wrote in the thread before this message, the starter first. */
      writers: string[];
    }
  | {
      kind: 'resolved' | 'reopened';
      threadId: string;
      /** The Yjs id of the `resolved` value written: one per resolve or reopen. */
      change: string;
      /** The thread's first message, to say which thread. */
      body: string;
      writers: string[];
    };

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any shared type of the doc
type AnyType = Y.AbstractType<any>;

/** Inserted by this transaction (its clock is past what the doc had before it). */
function isNew(item: Y.Item | null | undefined, tr: Y.Transaction): boolean {
  return !!item && item.id.clock >= (tr.beforeState.get(item.id.client) ?? 0);
}

function person(value: unknown): { id: string; name: string } | null {
  return isPlainObject(value) && typeof value.id === 'string' && typeof value.name === 'string'
    ? { id: value.id, name: value.name }
    : null;
}

function messageOf(value: unknown) {
  if (!isYMap(value)) return null;
  const id = value.get('id');
  const author = person(value.get('author'));
  const body = value.get('body');
  const mentions = value.get('mentions');
  if (typeof id !== 'string' || !author || typeof body !== 'string') return null;
  return {
    id,
    author,
    body,
    mentions: Array.isArray(mentions)
      ? mentions.filter((m): m is string => typeof m === 'string')
      : [],
  };
}

/** The thread's writers, in order, each once (the starter first). */
function writersOf(thread: Y.Map<unknown>, upTo: number): string[] {
  const ids = new Set<string>();
  const starter = person(thread.get('createdBy'));
  if (starter) ids.add(starter.id);
  const messages = thread.get('messages');
  if (isYArray(messages))
    for (const m of messages.toArray().slice(0, upTo)) {
      const author = isYMap(m) ? person(m.get('author')) : null;
      if (author) ids.add(author.id);
    }
  return [...ids];
}

function firstBody(thread: Y.Map<unknown>): string {
  const messages = thread.get('messages');
  const first = isYArray(messages) ? messageOf(messages.get(0)) : null;
  return first?.body ?? '';
}

/** The thread map and its id a type belongs to (the thread itself, its messages, a message). */
function threadOf(type: AnyType, threads: Y.Map<unknown>) {
  let current: AnyType | null = type;
  for (let depth = 0; current && depth < 3; depth++) {
    const item: Y.Item | null = current._item;
    if (!item) return null;
    if (item.parent === threads && typeof item.parentSub === 'string')
      return { threadId: item.parentSub, thread: current as unknown as Y.Map<unknown> };
    current = item.parent as AnyType | null;
  }
  return null;
}

/**
 * Call once before the doc's first transaction is read: a root that arrives in a remote update
 * before anyone asked for it is a placeholder type, and `tr.changed` would name that one.
 */
export function prepareCommentEvents(doc: Y.Doc): void {
  doc.getMap('threads');
}

/** The events of one transaction on a comments doc, in the order they happened. */
export function commentEventsOf(doc: Y.Doc, tr: Y.Transaction): CommentEvent[] {
  const threads = doc.getMap<unknown>('threads');
  const events: CommentEvent[] = [];
  const seenThreads = new Set<string>();
  const addMessages = (threadId: string, thread: Y.Map<unknown>) => {
    const messages = thread.get('messages');
    if (!isYArray(messages)) return;
    messages.toArray().forEach((value, index) => {
      if (!isYMap(value) || !isNew(value._item, tr)) return;
      const message = messageOf(value);
      if (!message) return;
      events.push({
        kind: 'message',
        threadId,
        messageId: message.id,
        author: message.author,
        body: message.body,
        mentions: message.mentions,
        edited: false,
        writers: writersOf(thread, index),
      });
    });
  };
  for (const [type, keys] of tr.changed) {
    if ((type as unknown) === threads) {
      for (const key of keys) {
        const thread = key === null ? undefined : threads.get(key);
        if (key === null || !isYMap(thread) || !isNew(thread._item, tr) || seenThreads.has(key))
          continue;
        seenThreads.add(key);
        addMessages(key, thread);
      }
      continue;
    }
    const found = threadOf(type, threads);
    if (!found || isNew(found.thread._item, tr)) continue;
    const { threadId, thread } = found;
    if ((type as unknown) === thread) {
      const resolved = thread._map.get('resolved');
      if (!keys.has('resolved') || !isNew(resolved, tr) || resolved?.deleted) continue;
      const value = thread.get('resolved');
      if (typeof value !== 'boolean') continue;
      // Who resolved or reopened is the socket's person (reopening removes `resolvedBy`).
      events.push({
        kind: value ? 'resolved' : 'reopened',
        threadId,
        change: `${resolved!.id.client}:${resolved!.id.clock}`,
        body: firstBody(thread),
        writers: writersOf(thread, Number.MAX_SAFE_INTEGER),
      });
    } else if ((type as unknown) === thread.get('messages')) {
      if (!seenThreads.has(threadId)) {
        seenThreads.add(threadId);
        addMessages(threadId, thread);
      }
    } else if (isYMap(type) && keys.has('mentions') && !isNew(type._item, tr)) {
      const message = messageOf(type);
      if (message)
        events.push({
          kind: 'message',
          threadId,
          messageId: message.id,
          author: message.author,
          body: message.body,
          mentions: message.mentions,
          edited: true,
          writers: [],
        });
    }
  }
  return events;
}
