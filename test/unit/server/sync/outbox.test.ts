import * as decoding from 'lib0/decoding';
import type { WebSocket } from 'ws';
import * as awarenessProtocol from 'y-protocols/awareness';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../../../server/sync/frames.js';
import { Outbox, encodePresence } from '../../../../server/sync/outbox.js';
import { Presence } from '../../../../server/sync/presence.js';

/** Sockets are only compared and handed back to `send`: any object stands in for one. */
const socket = (name: string) => ({ name }) as unknown as WebSocket;

interface Sent {
  to: WebSocket;
  frame: Uint8Array;
  droppable: boolean;
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

function outbox(sockets: WebSocket[], awarenessBatchMs = 5) {
  const awareness = new awarenessProtocol.Awareness(new Y.Doc());
  awareness.setLocalState(null);
  const presence = new Presence(awareness);
  const sent: Sent[] = [];
  const box = new Outbox(
    {
      presence,
      sockets: () => sockets,
      send: (to, frame, droppable) => sent.push({ to, frame, droppable }) > 0,
    },
    awarenessBatchMs,
  );
  cleanups.push(() => {
    box.close();
    awareness.destroy();
  });
  return { box, presence, sent };
}

/** The update a sync update frame carries. */
function carried(frame: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
  expect(decoding.readVarUint(decoder)).toBe(2); // update
  return decoding.readVarUint8Array(decoder);
}

function updates(n: number): Uint8Array[] {
  const doc = new Y.Doc();
  const out: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => out.push(u));
  for (let i = 0; i < n; i++) doc.getMap('m').set(`k${i}`, i);
  return out;
}

const keys = (update: Uint8Array) => {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return [...doc.getMap('m').keys()].sort();
};

describe('Outbox', () => {
  const [a, b, c] = [socket('a'), socket('b'), socket('c')];

  it('merges the updates of one turn into one frame, the same buffer for everyone but their sender', async () => {
    const { box, sent } = outbox([a, b, c]);
    const [u1, u2] = updates(2);
    box.queueUpdate(u1!, a);
    box.queueUpdate(u2!, a);
    expect(sent).toHaveLength(0);
    await nextTurn();
    expect(sent.map((s) => s.to)).toEqual([b, c]);
    expect(sent[0]!.frame).toBe(sent[1]!.frame);
    expect(sent.every((s) => !s.droppable)).toBe(true);
    expect(keys(carried(sent[0]!.frame))).toEqual(['k0', 'k1']);
  });

  it('sends everyone the lot when several sockets (or the server) sent the updates', async () => {
    const { box, sent } = outbox([a, b]);
    const [u1, u2] = updates(2);
    box.queueUpdate(u1!, a);
    box.queueUpdate(u2!, null);
    await nextTurn();
    expect(sent.map((s) => s.to)).toEqual([a, b]);
  });

  it('gathers presence changes for the batch time into one droppable frame for everyone', async () => {
    const { box, presence, sent } = outbox([a, b]);
    presence.apply([{ clientId: 1, clock: 1, state: { x: 1 }, json: '{"x":1}' }], null);
    presence.apply([{ clientId: 2, clock: 1, state: { x: 2 }, json: '{"x":2}' }], null);
    box.queueAwareness([1]);
    box.queueAwareness([2, 1]);
    await nextTurn();
    expect(sent).toHaveLength(0);
    await sleep(20);
    expect(sent.map((s) => [s.to, s.droppable])).toEqual([
      [a, true],
      [b, true],
    ]);
    expect(new Uint8Array(sent[0]!.frame)).toEqual(
      new Uint8Array(encodePresence(presence, [1, 2])),
    );
    const decoder = decoding.createDecoder(sent[0]!.frame);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
  });

  it('leaves out ids the awareness never held', async () => {
    const { box, sent } = outbox([a]);
    box.queueAwareness([99]);
    await sleep(20);
    expect(sent).toHaveLength(0);
  });

  it('sends what is queued at once on flush, and nothing after close', async () => {
    const { box, presence, sent } = outbox([a], 10_000);
    presence.apply([{ clientId: 1, clock: 1, state: {}, json: '{}' }], null);
    box.queueAwareness([1]);
    box.queueUpdate(updates(1)[0]!, null);
    box.flush();
    expect(sent.map((s) => s.droppable)).toEqual([false, true]);
    box.close();
    box.queueUpdate(updates(1)[0]!, null);
    box.queueAwareness([1]);
    await nextTurn();
    expect(sent).toHaveLength(2);
  });
});
