/**
 * Review comments over the real sync server: the comments doc of a board is the room
 * `<boardId>/comments`, synced and persisted like the board doc but kept apart from it.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  createThread,
  notePerson,
  readBoard,
  readPeople,
  readThreads,
  reply,
  setResolved,
  type CommentAuthor,
  type CommentThread,
} from '../../shared/model/index.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../server/server.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import {
  ADMIN_TOKEN,
  adminAuth,
  authFor,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

const ADA: CommentAuthor = { id: 'u-ada', name: 'Ada', color: '#e11d48' };
const BOB: CommentAuthor = { id: 'u-bob', name: 'Bob', color: '#2563eb' };

let dataDir: string;
let server: RunningServer;
let clients: Client[];

beforeEach(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
  clients = [];
});

afterEach(async () => {
  disconnectAll(clients);
  await server.stop();
  removeDir(dataDir);
});

function join(room: string): Client {
  const client = connectClient(wsUrlOf(server.url), room);
  clients.push(client);
  return client;
}

const commentsRoom = (boardId: string) => `${boardId}/comments`;

function thread(doc: Y.Doc, id: string): CommentThread | undefined {
  return readThreads(doc).find((t) => t.id === id);
}

const json = (value: unknown) => JSON.stringify(value);

describe('comments over the sync server', () => {
  it('W38: syncs a thread, a reply and a resolve between two clients', async () => {
    const { id } = await createBoard(server.url);
    const a = join(commentsRoom(id));
    const b = join(commentsRoom(id));
    await Promise.all([whenSynced(a), whenSynced(b)]);
    expect(readThreads(a.doc)).toEqual([]);

    notePerson(a.doc, ADA);
    const threadId = createThread(a.doc, {
      anchor: { kind: 'point', x: 320, y: 180 },
      author: ADA,
      body: 'Why do we ask for the phone number here? @Bob',
      mentions: [BOB.id],
    });
    await waitFor(() => thread(b.doc, threadId) !== undefined, 5000, 'thread on B');
    const onB = thread(b.doc, threadId)!;
    expect(onB.anchor).toEqual({ kind: 'point', x: 320, y: 180 });
    expect(onB.createdBy).toEqual(ADA);
    expect(onB.resolved).toBe(false);
    expect(onB.messages.map((m) => m.body)).toEqual([
      'Why do we ask for the phone number here? @Bob',
    ]);
    expect(onB.messages[0]!.mentions).toEqual([BOB.id]);
    await waitFor(() => readPeople(b.doc).length === 1, 5000, 'Ada known on B');
    expect(readPeople(b.doc)[0]).toMatchObject(ADA);

    notePerson(b.doc, BOB);
    const replyId = reply(b.doc, threadId, {
      author: BOB,
      body: 'Support needs it for callbacks.',
    });
    await waitFor(() => thread(a.doc, threadId)?.messages.length === 2, 5000, 'reply on A');
    expect(thread(a.doc, threadId)!.messages[1]).toMatchObject({
      id: replyId,
      author: BOB,
      body: 'Support needs it for callbacks.',
    });

    setResolved(a.doc, threadId, true, ADA);
    await waitFor(() => thread(b.doc, threadId)?.resolved === true, 5000, 'resolved on B');
    expect(thread(b.doc, threadId)!.resolvedBy).toEqual(ADA);
    await waitFor(
      () => json(readThreads(a.doc)) === json(readThreads(b.doc)),
      5000,
      'identical threads',
    );
    expect(readPeople(a.doc).map((p) => p.name)).toEqual(['Ada', 'Bob']);
  });

  it('W3: leaves the board doc untouched, and keeps board content out of the comments doc', async () => {
    const { id } = await createBoard(server.url);
    const boardBefore = join(id);
    await whenSynced(boardBefore);
    const before = json(readBoard(boardBefore.doc));

    const a = join(commentsRoom(id));
    await whenSynced(a);
    const threadId = createThread(a.doc, {
      anchor: { kind: 'stage', id: readBoard(boardBefore.doc).stages[0]!.id },
      author: ADA,
      body: 'This stage is too broad.',
    });
    notePerson(a.doc, ADA);
    const b = join(commentsRoom(id));
    await whenSynced(b);
    await waitFor(() => thread(b.doc, threadId) !== undefined, 5000, 'thread on B');

    const board = join(id);
    await whenSynced(board);
    // Nothing of the comments doc reached the board doc: no root types were even created.
    expect(board.doc.share.has('threads')).toBe(false);
    expect(board.doc.share.has('people')).toBe(false);
    expect(json(readBoard(board.doc))).toBe(before);
    expect(json(readBoard(boardBefore.doc))).toBe(before);
    // ...and nothing of the board reached the comments doc.
    for (const key of ['meta', 'stages', 'lanes', 'cards', 'shapes'])
      expect(b.doc.share.has(key)).toBe(false);
  });

  it('keeps comments across a server restart on the same data directory', async () => {
    const { id } = await createBoard(server.url);
    const a = join(commentsRoom(id));
    const b = join(commentsRoom(id));
    await Promise.all([whenSynced(a), whenSynced(b)]);
    const threadId = createThread(a.doc, {
      anchor: { kind: 'card', id: 'someCard' },
      author: ADA,
      body: 'First message',
    });
    await waitFor(() => thread(b.doc, threadId) !== undefined, 5000, 'thread on B');
    reply(b.doc, threadId, { author: BOB, body: 'Second message' });
    await waitFor(() => thread(a.doc, threadId)?.messages.length === 2, 5000, 'reply on A');
    setResolved(a.doc, threadId, true, ADA);
    await waitFor(() => thread(b.doc, threadId)?.resolved === true, 5000, 'resolved on B');
    const before = json(readThreads(a.doc));
    await new Promise((r) => setTimeout(r, 100));
    disconnectAll(clients.splice(0));
    await server.stop();

    server = await startTestServer(dataDir);
    const fresh = join(commentsRoom(id));
    await whenSynced(fresh);
    await waitFor(() => readThreads(fresh.doc).length === 1, 5000, 'thread after restart');
    const after = thread(fresh.doc, threadId)!;
    expect(after.messages.map((m) => [m.author.id, m.body])).toEqual([
      [ADA.id, 'First message'],
      [BOB.id, 'Second message'],
    ]);
    expect(after.resolved).toBe(true);
    expect(after.resolvedBy).toEqual(ADA);
    expect(json(readThreads(fresh.doc))).toBe(before);

    const board = join(id);
    await whenSynced(board);
    expect(board.doc.share.has('threads')).toBe(false);
  });

  it('W5, W51: closes with 4404 for the comments of an unknown or deleted board', async () => {
    // The admin token is valid everywhere, so only the board's absence can refuse it.
    const unknown = connectClient(
      wsUrlOf(server.url),
      commentsRoom('doesNotExist1'),
      undefined,
      ADMIN_TOKEN,
    );
    clients.push(unknown);
    expect(await unknown.closed).toBe(CloseCode.NOT_FOUND);
    expect(
      (await fetch(`${server.url}/api/boards/doesNotExist1`, { headers: adminAuth })).status,
    ).toBe(404);

    const { id } = await createBoard(server.url);
    const del = await fetch(`${server.url}/api/boards/${id}`, {
      method: 'DELETE',
      headers: authFor(id, 'owner'),
    });
    expect(del.ok).toBe(true);
    const deleted = join(commentsRoom(id));
    expect(await deleted.closed).toBe(CloseCode.NOT_FOUND);

    const { boards } = (await (
      await fetch(`${server.url}/api/boards`, { headers: adminAuth })
    ).json()) as {
      boards: unknown[];
    };
    expect(boards).toHaveLength(0);
  });
});
