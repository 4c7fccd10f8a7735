/**
 * Attacks found with viewer links against the sync socket (issue 13): each must leave the
 * process up and everyone else served, and must not lock honest clients out.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../../server/server.js';
import { waitFor, whenSynced } from '../../helpers/clients.js';
import { openedClients } from '../../helpers/openedClients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../../helpers/server.js';
import { whenStockSynced } from '../../helpers/stockClients.js';
import { MSG_AUTH, MSG_AWARENESS, awarenessEntries, frame, type RawClient } from './support.js';

const opened = openedClients();

/** A sync step 1 whose state vector lists `entries` clients the board never saw. */
function stateVectorBomb(entries: number): Uint8Array {
  const sv = encoding.createEncoder();
  encoding.writeVarUint(sv, entries);
  for (let i = 0; i < entries; i++) {
    encoding.writeVarUint(sv, 0x10000000 + i);
    encoding.writeVarUint(sv, 1);
  }
  return frame.step1(encoding.toUint8Array(sv));
}

/** Waits until the server has handled everything `client` sent so far (frames are in order). */
async function roundTrip(client: RawClient): Promise<void> {
  const before = client.frames.length;
  client.send(frame.queryAwareness());
  await waitFor(
    () => client.frames.slice(before).some((f) => f[0] === MSG_AWARENESS) || !!client.closeInfo,
    // Generous: 40 sockets each read a query's answer of up to 2 MB on a loaded CI machine.
    15_000,
    'the answer to a query',
  );
}

describe('with a viewer link (default limits)', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir);
    ws = wsUrlOf(server.url);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W11: closes (4400) a socket whose state vector lists a million clients, serving others meanwhile', async () => {
    const [target, other] = await Promise.all([createBoard(server.url), createBoard(server.url)]);
    const editor = opened.ours(ws, other.id, other.tokens.editor);
    const watcher = opened.ours(ws, other.id, other.tokens.viewer);
    await Promise.all([whenSynced(editor), whenSynced(watcher)]);
    const attacker = await opened.raw(ws, target.id, target.tokens.viewer);
    const bomb = stateVectorBomb(1_200_000);
    for (let i = 0; i < 3; i++) attacker.send(bomb);
    editor.doc.getMap('honest').set('edit', 'arrives');
    await waitFor(() => watcher.doc.getMap('honest').get('edit') === 'arrives', 5000, 'the edit');
    expect((await attacker.closed).code).toBe(CloseCode.BAD_MESSAGE);
  }, 60_000);

  it('W12: answers the empty sync step 2 a read-only client sends on connecting without a denial', async () => {
    const board = await createBoard(server.url);
    const viewer = await opened.raw(ws, board.id, board.tokens.viewer);
    viewer.send(frame.step1());
    viewer.send(frame.step2(Y.encodeStateAsUpdate(new Y.Doc())));
    await roundTrip(viewer);
    expect(viewer.frames.filter((f) => f[0] === MSG_AUTH)).toEqual([]);
    // A real write from the same link is still refused, and said so.
    const doc = new Y.Doc();
    doc.getMap('x').set('y', 1);
    viewer.send(frame.update(Y.encodeStateAsUpdate(doc)));
    await roundTrip(viewer);
    expect(viewer.frames.filter((f) => f[0] === MSG_AUTH)).toHaveLength(1);
  });

  it('W32, S20: drops "presenting" from the presence of viewers and commenters, keeps it for editors', async () => {
    const board = await createBoard(server.url);
    const observer = opened.ours(ws, board.id, board.tokens.owner);
    await whenSynced(observer);
    const user = (id: string) => ({ id, name: id, color: '#1d4ed8' });
    const people = (['viewer', 'commenter', 'editor'] as const).map((role) => {
      const client = opened.stock('3.1.0', ws, board.id, board.tokens[role]);
      const awareness = (
        client.provider as unknown as {
          awareness: { setLocalState(s: unknown): void; clientID: number };
        }
      ).awareness;
      return { role, client, awareness };
    });
    await Promise.all(people.map((p) => whenStockSynced(p.client)));
    for (const p of people) p.awareness.setLocalState({ user: user(p.role), presenting: true });
    const stateOf = (role: string) =>
      [...observer.provider.awareness.getStates().values()].find(
        (s) => (s as { user?: { id?: string } }).user?.id === role,
      ) as { presenting?: boolean } | undefined;
    await waitFor(() => people.every((p) => stateOf(p.role) !== undefined), 5000, 'everyone');
    expect(stateOf('viewer')?.presenting).toBeUndefined();
    expect(stateOf('commenter')?.presenting).toBeUndefined();
    expect(stateOf('editor')?.presenting).toBe(true);
  });

  it('W31, S20: keeps the presence a joiner is sent deliverable however many sockets fill theirs', async () => {
    const board = await createBoard(server.url);
    const editor = opened.ours(ws, board.id, board.tokens.editor);
    await whenSynced(editor);
    // 40 viewer sockets × 8 client ids × a 60 KB state each, one state per frame.
    const blob = 'p'.repeat(60 << 10);
    const attackers = await Promise.all(
      Array.from({ length: 40 }, () => opened.raw(ws, board.id, board.tokens.viewer)),
    );
    attackers.forEach((attacker, a) => {
      for (let i = 0; i < 8; i++) {
        const clientId = 1_000_000 + a * 8 + i;
        attacker.send(
          frame.awareness(awarenessEntries([{ clientId, clock: 1, state: `{"b":"${blob}"}` }])),
        );
      }
    });
    await Promise.all(attackers.map(roundTrip));
    const joiner = opened.stock('3.1.0', ws, board.id, board.tokens.editor);
    await whenStockSynced(joiner);
    // A round trip through the board: the joiner is still on its first connection after it.
    editor.doc.getMap('later').set('edit', 1);
    await waitFor(() => joiner.doc.getMap('later').get('edit') === 1, 10_000, 'a later edit');
    expect(joiner.closes).toEqual([]);
    expect(joiner.connections()).toBe(1);
    const held = (
      joiner.provider as unknown as { awareness: { getStates(): Map<number, unknown> } }
    ).awareness.getStates();
    const bytes = [...held.values()].reduce<number>((n, s) => n + JSON.stringify(s).length, 0);
    expect(bytes).toBeLessThanOrEqual(2 << 20);
    expect(held.size).toBeGreaterThan(1); // presence still works, up to the cap
  }, 60_000);
});

describe('a message larger than the server accepts', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, { MAX_MESSAGE_BYTES: String(1 << 20) });
    ws = wsUrlOf(server.url);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W19: is refused for good (4413), so a stock client does not resend it forever', async () => {
    const board = await createBoard(server.url);
    const client = opened.stock('3.1.0', ws, board.id, board.tokens.editor, {
      connect: false,
    });
    client.doc.getMap('offline').set('big', 'b'.repeat(2 << 20));
    const closed = new Promise<number>((resolve) =>
      (
        client.provider as unknown as { on(e: 'closed', f: (ev: { code: number }) => void): void }
      ).on('closed', (event) => resolve(event.code)),
    );
    client.provider.connect();
    expect(await closed).toBe(CloseCode.TOO_LARGE);
    expect(client.closes).toEqual([CloseCode.TOO_LARGE]);
  });
});
