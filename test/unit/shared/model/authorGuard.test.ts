/**
 * S61: the server refuses a comments update that names someone else as author (a message's
 * author, a thread's maker or resolver); what the update does not add is not its concern.
 */
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { findForeignAuthor } from '../../../../shared/model/authorGuard.js';
import {
  createThread,
  deleteMessage,
  editMessage,
  notePerson,
  readThreads,
  reply,
  setResolved,
} from '../../../../shared/model/index.js';
import type { VouchedIdentity } from '../../../../shared/protocol/awareness.js';

const ADA = { id: 'ada0000000001', name: 'Ada Admin' };
const BOB = { id: 'bob0000000002', name: 'Bob Member' };
const asPerson = (p: { id: string; name: string }): VouchedIdentity => ({ kind: 'person', ...p });

/** The server's comments doc with one thread by Ada. */
function setup() {
  const server = new Y.Doc();
  const threadId = createThread(server, {
    anchor: { kind: 'point', x: 1, y: 2 },
    author: ADA,
    body: 'Is this step real?',
  });
  /**
   * A change made on a fresh replica of the server's doc, checked as the server's door checks
   * it, and applied to the server's doc when it passes (as the room would).
   */
  const check = (change: (doc: Y.Doc) => void, as: VouchedIdentity) => {
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    const before = Y.encodeStateVector(client);
    change(client);
    const update = Y.encodeStateAsUpdate(client, before);
    const refused = findForeignAuthor(server, Y.decodeUpdate(update), as);
    if (!refused) Y.applyUpdate(server, update);
    return refused;
  };
  return { server, threadId, check };
}

describe('findForeignAuthor', () => {
  it('lets a person write as themselves: reply, new thread, resolve, edit and delete', () => {
    const { threadId, check, server } = setup();
    expect(
      check((d) => reply(d, threadId, { author: BOB, body: 'Yes' }), asPerson(BOB)),
    ).toBeNull();
    const anchor = { kind: 'point', x: 5, y: 5 } as const;
    expect(
      check((d) => createThread(d, { anchor, author: BOB, body: 'New' }), asPerson(BOB)),
    ).toBeNull();
    expect(check((d) => setResolved(d, threadId, true, BOB), asPerson(BOB))).toBeNull();
    const mine = readThreads(server)
      .find((t) => t.id === threadId)!
      .messages.at(-1)!;
    expect(
      check(
        (d) => editMessage(d, threadId, mine.id, { userId: BOB.id, body: 'Yes, twice' }),
        asPerson(BOB),
      ),
    ).toBeNull();
    expect(check((d) => deleteMessage(d, threadId, mine.id, BOB.id), asPerson(BOB))).toBeNull();
  });

  it('S61: refuses a reply, a thread or a resolution in another person’s name', () => {
    const { threadId, check } = setup();
    expect(
      check((d) => reply(d, threadId, { author: ADA, body: 'I agree' }), asPerson(BOB)),
    ).toMatch(/Ada Admin.*as author; you are Bob Member/);
    const anchor = { kind: 'point', x: 9, y: 9 } as const;
    expect(
      check((d) => createThread(d, { anchor, author: ADA, body: 'x' }), asPerson(BOB)),
    ).not.toBeNull();
    expect(check((d) => setResolved(d, threadId, true, ADA), asPerson(BOB))).not.toBeNull();
    // The right id with another name is another identity too.
    const renamed = { id: BOB.id, name: 'Ada Admin' };
    expect(
      check((d) => reply(d, threadId, { author: renamed, body: 'x' }), asPerson(BOB)),
    ).not.toBeNull();
  });

  it('S61: holds guests to a guest id and name', () => {
    const { threadId, check } = setup();
    const guest = { id: 'guest:k3', name: 'Guest · Zed' };
    expect(
      check((d) => reply(d, threadId, { author: guest, body: 'Hi' }), { kind: 'guest' }),
    ).toBeNull();
    expect(
      check((d) => reply(d, threadId, { author: { id: 'k3', name: 'Zed' }, body: 'Hi' }), {
        kind: 'guest',
      }),
    ).toMatch(/a guest writes as/);
    expect(
      check((d) => reply(d, threadId, { author: ADA, body: 'Hi' }), { kind: 'guest' }),
    ).not.toBeNull();
  });

  it('S61: lets a person and a guest keep their own people record (for @mentions)', () => {
    const { check } = setup();
    expect(check((d) => notePerson(d, BOB), asPerson(BOB))).toBeNull();
    // An hour later the same record's lastSeen is touched.
    const later = new Date(Date.now() + 7_200_000).toISOString();
    expect(check((d) => notePerson(d, BOB, later), asPerson(BOB))).toBeNull();
    const guest = { id: 'guest:k3', name: 'Guest · Zed' };
    expect(check((d) => notePerson(d, guest), { kind: 'guest' })).toBeNull();
  });

  it('S61: refuses a people record for someone else or under another name', () => {
    const { check } = setup();
    expect(check((d) => notePerson(d, ADA), asPerson(BOB))).toMatch(
      /people record of ada0000000001; you are Bob Member/,
    );
    expect(check((d) => notePerson(d, { id: BOB.id, name: 'Ada Admin' }), asPerson(BOB))).toMatch(
      /Ada Admin as your name in people/,
    );
    expect(check((d) => notePerson(d, ADA), { kind: 'guest' })).toMatch(
      /a guest writes the people/,
    );
    expect(
      check((d) => notePerson(d, { id: 'guest:k3', name: 'Ada Admin' }), { kind: 'guest' }),
    ).toMatch(/must start "Guest · "/);
  });

  it('S61: refuses a rename of an existing people record to another name', () => {
    const { check } = setup();
    expect(check((d) => notePerson(d, BOB), asPerson(BOB))).toBeNull();
    expect(
      check((d) => notePerson(d, { ...BOB, name: 'Bob the Admin' }), asPerson(BOB)),
    ).not.toBeNull();
  });
});
