import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { createThread, editMessage, reply, setResolved } from '../../../shared/model/comments.js';
import {
  commentEventsOf,
  prepareCommentEvents,
  type CommentEvent,
} from '../../../server/inbox/commentEvents.js';

const ANN = { id: 'ann', name: 'Ann' };
const BEA = { id: 'bea', name: 'Bea' };
const POINT = { kind: 'point', x: 0, y: 0 } as const;

/** A client's doc and the server's copy, which collects the events of what it receives. */
function pair() {
  const client = new Y.Doc();
  const server = new Y.Doc();
  const events: CommentEvent[] = [];
  prepareCommentEvents(server);
  server.on('afterTransaction', (tr: Y.Transaction) => {
    if (tr.origin === 'socket') events.push(...commentEventsOf(server, tr));
  });
  client.on('update', (update: Uint8Array) => Y.applyUpdate(server, update, 'socket'));
  return { client, server, events };
}

describe('commentEventsOf', () => {
  it('reads a new thread, a reply, an edit’s mentions, a resolve and a reopen', () => {
    const { client, events } = pair();
    const threadId = createThread(client, {
      anchor: POINT,
      author: ANN,
      body: 'First',
      mentions: ['bea'],
    });
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'message',
        threadId,
        author: ANN,
        mentions: ['bea'],
        edited: false,
        writers: ['ann'],
      }),
    ]);
    const replyId = reply(client, threadId, { author: BEA, body: 'Second' });
    expect(events[1]).toMatchObject({ kind: 'message', messageId: replyId, writers: ['ann'] });
    editMessage(client, threadId, replyId, { userId: 'bea', body: 'Second @Cy', mentions: ['cy'] });
    expect(events[2]).toMatchObject({
      kind: 'message',
      messageId: replyId,
      edited: true,
      mentions: ['cy'],
    });
    setResolved(client, threadId, true, BEA);
    setResolved(client, threadId, false, BEA);
    expect(events.slice(3)).toMatchObject([
      { kind: 'resolved', threadId, body: 'First', writers: ['ann', 'bea'] },
      { kind: 'reopened', threadId },
    ]);
    expect(events[3]).not.toEqual(events[4]);
  });

  it('reads nothing from an update the doc already had', () => {
    const { client, server, events } = pair();
    createThread(client, { anchor: POINT, author: ANN, body: 'Once' });
    Y.applyUpdate(server, Y.encodeStateAsUpdate(client), 'socket');
    expect(events).toHaveLength(1);
  });
});
