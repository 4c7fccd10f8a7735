import fc from 'fast-check';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as authProtocol from 'y-protocols/auth';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it, vi } from 'vitest';
import * as Y from 'yjs';
import {
  MESSAGE_AUTH,
  MESSAGE_AWARENESS,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  applySyncUpdate,
  awarenessFrame,
  openFrame,
  peekSyncKind,
  peekSyncPayload,
  permissionDeniedFrame,
  queryAwarenessFrame,
  readAwarenessEntries,
  readAwarenessUpdate,
  stateVectorLength,
  syncStep1AnswerFrame,
  syncStep1Frame,
  syncStep2Frame,
  syncUpdateFrame,
} from '../../../../server/sync/frames.js';
import { awarenessUpdate } from './awarenessUpdate.js';

/** A doc holding `n` entries (more when given one to add to), each written by its own client. */
function docWith(n: number, prefix = 'k', doc = new Y.Doc()): Y.Doc {
  for (let i = 0; i < n; i++) {
    const writer = new Y.Doc();
    writer.getMap('m').set(`${prefix}${i}`, i);
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(writer));
  }
  return doc;
}

const json = (doc: Y.Doc) => doc.getMap('m').toJSON();

/** What a y-websocket client does with a sync frame: y-protocols' own reader. */
function clientReadsSync(frame: Uint8Array, doc: Y.Doc) {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SYNC);
  const answer = encoding.createEncoder();
  const kind = syncProtocol.readSyncMessage(decoder, answer, doc, 'server');
  return { kind, answer: encoding.toUint8Array(answer), rest: decoding.hasContent(decoder) };
}

/** A y-websocket client's sync step 1, as y-protocols writes it. */
function clientStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

describe('outgoing frames, read back with y-protocols', () => {
  it('sync step 1 carries the state vector, and the client answers with what the server lacks', () => {
    const server = docWith(3);
    const client = docWith(2, 'c');
    const frame = syncStep1Frame(server);
    const read = clientReadsSync(frame, client);
    expect(read.kind).toBe(syncProtocol.messageYjsSyncStep1);
    expect(read.rest).toBe(false);
    // The client's answer (a step 2) holds exactly what the server lacks.
    const step2 = decoding.createDecoder(read.answer);
    expect(decoding.readVarUint(step2)).toBe(syncProtocol.messageYjsSyncStep2);
    Y.applyUpdate(server, decoding.readVarUint8Array(step2));
    expect(json(server)).toEqual({ k0: 0, k1: 1, k2: 2, c0: 0, c1: 1 });
  });

  it('sync step 2 and update frames apply the update they carry', () => {
    const source = docWith(4);
    const update = Y.encodeStateAsUpdate(source);
    for (const [frame, kind] of [
      [syncStep2Frame(update), syncProtocol.messageYjsSyncStep2],
      [syncUpdateFrame(update), syncProtocol.messageYjsUpdate],
    ] as const) {
      const client = new Y.Doc();
      const read = clientReadsSync(frame, client);
      expect(read.kind).toBe(kind);
      expect(read.answer).toHaveLength(0);
      expect(json(client)).toEqual(json(source));
    }
  });

  it('builds the same bytes y-protocols does', () => {
    const doc = docWith(3);
    const update = Y.encodeStateAsUpdate(doc);
    const ours = (write: (e: encoding.Encoder) => void) => {
      const e = encoding.createEncoder();
      write(e);
      return encoding.toUint8Array(e);
    };
    expect(new Uint8Array(syncStep1Frame(doc))).toEqual(clientStep1(doc));
    expect(new Uint8Array(syncUpdateFrame(update))).toEqual(
      ours((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.writeUpdate(e, update);
      }),
    );
    expect(new Uint8Array(syncStep2Frame(update))).toEqual(
      ours((e) => {
        encoding.writeVarUint(e, MESSAGE_SYNC);
        syncProtocol.writeSyncStep2(e, doc, new Uint8Array([0]));
      }),
    );
  });

  it("answers a client's sync step 1 with what it lacks, as y-protocols would", () => {
    const server = docWith(2);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(server));
    docWith(3, 'later', server);
    const { type, decoder } = openFrame(clientStep1(client));
    expect(type).toBe(MESSAGE_SYNC);
    const reference = decoding.clone(decoder);
    const answer = syncStep1AnswerFrame(decoder, server);

    const expected = encoding.createEncoder();
    encoding.writeVarUint(expected, MESSAGE_SYNC);
    syncProtocol.readSyncMessage(reference, expected, server, null);
    expect(new Uint8Array(answer)).toEqual(encoding.toUint8Array(expected));

    expect(clientReadsSync(answer, client).kind).toBe(syncProtocol.messageYjsSyncStep2);
    expect(json(client)).toEqual(json(server));
  });

  it('awareness frames carry updates y-protocols applies, byte for byte its own encoding', () => {
    const source = new awarenessProtocol.Awareness(new Y.Doc());
    source.setLocalState({ user: { name: 'Ann' }, cursor: { x: 1, y: 2 } });
    const { clientID } = source;
    const clock = source.meta.get(clientID)!.clock;
    const update = awarenessUpdate([
      { clientId: clientID, clock, json: JSON.stringify(source.getLocalState()) },
    ]);
    expect(update).toEqual(awarenessProtocol.encodeAwarenessUpdate(source, [clientID]));

    const frame = awarenessFrame(update);
    const decoder = decoding.createDecoder(frame);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
    const target = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(target, decoding.readVarUint8Array(decoder), 'server');
    expect(target.getStates().get(clientID)).toEqual(source.getLocalState());
    expect(decoding.hasContent(decoder)).toBe(false);
  });

  it('encodes a removal (null) that y-protocols applies as one', () => {
    const target = new awarenessProtocol.Awareness(new Y.Doc());
    awarenessProtocol.applyAwarenessUpdate(
      target,
      awarenessUpdate([{ clientId: 7, clock: 1, json: '{"a":1}' }]),
      null,
    );
    expect(target.getStates().has(7)).toBe(true);
    awarenessProtocol.applyAwarenessUpdate(
      target,
      awarenessUpdate([{ clientId: 7, clock: 2, json: 'null' }]),
      null,
    );
    expect(target.getStates().has(7)).toBe(false);
  });

  it('query-awareness is the bare message type', () => {
    expect([...queryAwarenessFrame()]).toEqual([MESSAGE_QUERY_AWARENESS]);
  });

  it('permission-denied is the auth message y-protocols reads, with its reason', () => {
    const frame = permissionDeniedFrame('this link can only read this document');
    const decoder = decoding.createDecoder(frame);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AUTH);
    const denied = vi.fn();
    authProtocol.readAuthMessage(decoder, new Y.Doc(), (_doc, reason) => denied(reason));
    expect(denied).toHaveBeenCalledWith('this link can only read this document');
  });

  it('every frame is a Buffer, so ws sends it without wrapping it again', () => {
    const doc = docWith(1);
    const update = Y.encodeStateAsUpdate(doc);
    for (const frame of [
      syncStep1Frame(doc),
      syncStep2Frame(update),
      syncUpdateFrame(update),
      awarenessFrame(awarenessUpdate([])),
      queryAwarenessFrame(),
      permissionDeniedFrame('no'),
    ])
      expect(Buffer.isBuffer(frame)).toBe(true);
  });
});

describe('incoming frames', () => {
  it('peeks at the sync kind and payload without moving the decoder', () => {
    const client = docWith(3);
    const { type, decoder } = openFrame(clientStep1(client));
    expect(type).toBe(MESSAGE_SYNC);
    const at = decoder.pos;
    expect(peekSyncKind(decoder)).toBe(SYNC_STEP1);
    const stateVector = peekSyncPayload(decoder);
    expect(stateVector).toEqual(Y.encodeStateVector(client));
    expect(stateVectorLength(stateVector)).toBe(3);
    expect(decoder.pos).toBe(at);
  });

  it('reads the sync kind as a number, however the varUint is spelled', () => {
    // 0x80 0x00 is a two-byte spelling of 0 (step 1).
    const { decoder } = openFrame(new Uint8Array([MESSAGE_SYNC, 0x80, 0x00, 0x00]));
    expect(peekSyncKind(decoder)).toBe(SYNC_STEP1);
  });

  it('applies a step 2 or update with the given origin, and refuses any other sync kind', () => {
    const source = docWith(2);
    const doc = new Y.Doc();
    const origins: unknown[] = [];
    doc.on('update', (_u: Uint8Array, origin: unknown) => origins.push(origin));
    const origin = { kind: 'test' };
    const onError = vi.fn();
    const { decoder } = openFrame(syncUpdateFrame(Y.encodeStateAsUpdate(source)));
    applySyncUpdate(decoder, doc, origin, onError);
    expect(json(doc)).toEqual(json(source));
    expect(origins).toEqual([origin]);
    expect(onError).not.toHaveBeenCalled();

    const unknownKind = openFrame(new Uint8Array([MESSAGE_SYNC, 7, 0]));
    expect(() => applySyncUpdate(unknownKind.decoder, doc, origin, onError)).toThrow(
      'Unknown message type',
    );
  });

  it('hands an update that fails while applied to onError', () => {
    const doc = new Y.Doc();
    doc.on('update', () => {
      throw new Error('observer failed');
    });
    const errors: Error[] = [];
    const { decoder } = openFrame(syncUpdateFrame(Y.encodeStateAsUpdate(docWith(1))));
    const silenced = vi.spyOn(console, 'error').mockImplementation(() => {});
    applySyncUpdate(decoder, doc, null, (e) => errors.push(e));
    silenced.mockRestore();
    expect(errors.map((e) => e.message)).toEqual(['observer failed']);
  });

  it("reads an awareness frame's update and visits its entries as y-protocols wrote them", () => {
    const source = new awarenessProtocol.Awareness(new Y.Doc());
    source.setLocalState({ name: 'Bo' });
    const frame = awarenessFrame(
      awarenessProtocol.encodeAwarenessUpdate(source, [source.clientID]),
    );
    const { type, decoder } = openFrame(frame);
    expect(type).toBe(MESSAGE_AWARENESS);
    const seen: [number, number, string][] = [];
    readAwarenessEntries(readAwarenessUpdate(decoder), (id, clock, state) =>
      seen.push([id, clock, state]),
    );
    expect(seen).toEqual([[source.clientID, 1, '{"name":"Bo"}']]);
  });

  it('round-trips any awareness entries, and refuses trailing bytes', () => {
    const entry = fc.record({
      clientId: fc.nat(),
      clock: fc.nat(),
      json: fc.jsonValue().map((v) => JSON.stringify(v)),
    });
    fc.assert(
      fc.property(
        fc.uniqueArray(entry, { selector: (e) => e.clientId, maxLength: 8 }),
        (entries) => {
          const update = awarenessUpdate(entries);
          const seen: typeof entries = [];
          readAwarenessEntries(update, (clientId, clock, json) =>
            seen.push({ clientId, clock, json }),
          );
          expect(seen).toEqual(entries);
          expect(() => readAwarenessEntries(new Uint8Array([...update, 0]), () => {})).toThrow(
            'trailing bytes',
          );
        },
      ),
    );
  });

  it('throws on a truncated frame', () => {
    expect(() => openFrame(new Uint8Array([]))).toThrow();
    const { decoder } = openFrame(new Uint8Array([MESSAGE_SYNC, 0, 5, 1]));
    expect(() => peekSyncPayload(decoder)).toThrow();
    expect(() => readAwarenessEntries(new Uint8Array([2, 1, 1]), () => {})).toThrow();
  });
});
