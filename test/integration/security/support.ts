/**
 * Helpers shared by the security tests: raw WebSocket clients that speak the y-websocket
 * protocol byte by byte, frame builders, permission-denied tracking for real providers, and a
 * read-only view of what the server stored in SQLite.
 */
import { waitFor } from '../../helpers/clients.js';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import Database from 'better-sqlite3';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { WebSocket, type ClientOptions } from 'ws';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { applyStoredDoc } from '../../../server/storage/compaction.js';
import type { StoredDoc } from '../../../server/storage/storage.js';

export const MSG_SYNC = 0;
export const MSG_AWARENESS = 1;
export const MSG_AUTH = 2;
export const MSG_QUERY_AWARENESS = 3;
export const SYNC_STEP1 = 0;
export const SYNC_STEP2 = 1;
export const SYNC_UPDATE = 2;

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

export interface CloseInfo {
  code: number;
  reason: string;
}

/** A bare `ws` client: every frame it receives is kept, its close code is observable. */
export interface RawClient {
  ws: WebSocket;
  frames: Uint8Array[];
  opened: Promise<void>;
  closed: Promise<CloseInfo>;
  /** The close, once it happened. */
  closeInfo: CloseInfo | null;
  send(frame: Uint8Array): void;
}

export function roomUrl(wsBase: string, room: string, token?: string): string {
  return `${wsBase}/${room}${token === undefined ? '' : `?token=${encodeURIComponent(token)}`}`;
}

export function rawConnect(
  wsBase: string,
  room: string,
  token?: string,
  options: ClientOptions = {},
): RawClient {
  const ws = new WebSocket(roomUrl(wsBase, room, token), options);
  const frames: Uint8Array[] = [];
  const client: RawClient = {
    ws,
    frames,
    closeInfo: null,
    opened: new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('close', () => reject(new Error('closed before it opened')));
    }),
    closed: new Promise<CloseInfo>((resolve) =>
      ws.once('close', (code, reason) => {
        client.closeInfo = { code, reason: reason.toString() };
        resolve(client.closeInfo);
      }),
    ),
    send(frame) {
      if (ws.readyState === WebSocket.OPEN) ws.send(frame);
    },
  };
  // The rejection of `opened` is for callers awaiting it; nobody waiting is fine too.
  client.opened.catch(() => {});
  ws.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  ws.on('error', () => {});
  return client;
}

/** Opens a raw client and waits until its room is joined (the server's sync step 1 arrived). */
export async function rawJoin(
  wsBase: string,
  room: string,
  token?: string,
  options: ClientOptions = {},
): Promise<RawClient> {
  const client = rawConnect(wsBase, room, token, options);
  await client.opened;
  await waitFor(
    () => client.frames.some((f) => f[0] === MSG_SYNC && f[1] === SYNC_STEP1) || !!client.closeInfo,
    5000,
    'the server sync step 1',
  );
  if (client.closeInfo)
    throw new Error(`closed while joining: ${client.closeInfo.code} ${client.closeInfo.reason}`);
  return client;
}

/** The close code the server answers a connection attempt with. */
export async function closeCodeOf(
  wsBase: string,
  room: string,
  token?: string,
  options: ClientOptions = {},
  timeoutMs = 5000,
): Promise<number> {
  const client = rawConnect(wsBase, room, token, options);
  const timer = sleep(timeoutMs).then(() => -1);
  const code = await Promise.race([client.closed.then((c) => c.code), timer]);
  client.ws.terminate();
  return code;
}

// ---- frames ----

const build = (fill: (e: encoding.Encoder) => void): Uint8Array => {
  const e = encoding.createEncoder();
  fill(e);
  return encoding.toUint8Array(e);
};

export const frame = {
  update: (update: Uint8Array) =>
    build((e) => {
      encoding.writeVarUint(e, MSG_SYNC);
      encoding.writeVarUint(e, SYNC_UPDATE);
      encoding.writeVarUint8Array(e, update);
    }),
  step2: (update: Uint8Array) =>
    build((e) => {
      encoding.writeVarUint(e, MSG_SYNC);
      encoding.writeVarUint(e, SYNC_STEP2);
      encoding.writeVarUint8Array(e, update);
    }),
  step1: (stateVector: Uint8Array = Y.encodeStateVector(new Y.Doc())) =>
    build((e) => {
      encoding.writeVarUint(e, MSG_SYNC);
      encoding.writeVarUint(e, SYNC_STEP1);
      encoding.writeVarUint8Array(e, stateVector);
    }),
  awareness: (update: Uint8Array) =>
    build((e) => {
      encoding.writeVarUint(e, MSG_AWARENESS);
      encoding.writeVarUint8Array(e, update);
    }),
  queryAwareness: () => Uint8Array.of(MSG_QUERY_AWARENESS),
};

/** An awareness update written entry by entry (any client id, clock and state string). */
export function awarenessEntries(
  entries: readonly { clientId: number; clock: number; state: string }[],
): Uint8Array {
  return build((e) => {
    encoding.writeVarUint(e, entries.length);
    for (const { clientId, clock, state } of entries) {
      encoding.writeVarUint(e, clientId);
      encoding.writeVarUint(e, clock);
      encoding.writeVarString(e, state);
    }
  });
}

/** The reason of a y-protocols permission-denied auth message, or null for any other frame. */
export function permissionDeniedReason(data: Uint8Array): string | null {
  try {
    const d = decoding.createDecoder(data);
    if (decoding.readVarUint(d) !== MSG_AUTH) return null;
    if (decoding.readVarUint(d) !== 0) return null;
    const reason = decoding.readVarString(d);
    return decoding.hasContent(d) ? null : reason;
  } catch {
    return null;
  }
}

/**
 * Records the permission-denied messages a real y-websocket provider receives (replacing its
 * handler, which would only console.warn).
 */
export function trackDenials(provider: WebsocketProvider): string[] {
  const reasons: string[] = [];
  provider.messageHandlers[MSG_AUTH] = (_encoder, decoder) => {
    if (decoding.readVarUint(decoder) === 0) reasons.push(decoding.readVarString(decoder));
  };
  return reasons;
}

// ---- storage ----

/** What SQLite holds of one document (snapshot + log), opened read-only beside the server. */
export function loadStored(dataDir: string, docName: string): StoredDoc {
  const db = new Database(path.join(dataDir, 'journeyboard.db'), {
    readonly: true,
    fileMustExist: true,
  });
  try {
    return db.transaction((): StoredDoc => {
      const snap = db
        .prepare<[string], { snapshot: Uint8Array; up_to_seq: number }>(
          'SELECT snapshot, up_to_seq FROM doc_snapshots WHERE doc_name = ?',
        )
        .get(docName);
      let lastSeq = snap?.up_to_seq ?? 0;
      const updates = db
        .prepare<[string, number], { seq: number; update: Uint8Array }>(
          'SELECT seq, "update" FROM doc_updates WHERE doc_name = ? AND seq > ? ORDER BY seq',
        )
        .all(docName, lastSeq)
        .map((r) => {
          lastSeq = r.seq;
          return new Uint8Array(r.update);
        });
      return { snapshot: snap ? new Uint8Array(snap.snapshot) : null, updates, lastSeq };
    })();
  } finally {
    db.close();
  }
}

/** A fresh Y.Doc built from what storage holds of `docName`. */
export function storedDoc(dataDir: string, docName: string): Y.Doc {
  const doc = new Y.Doc();
  applyStoredDoc(doc, loadStored(dataDir, docName), null);
  return doc;
}

/** JSON with object keys sorted at every level (Y.Map key order depends on arrival order). */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (v instanceof Y.AbstractType) return v.toJSON() as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v) && !(v instanceof Uint8Array))
      return Object.fromEntries(
        Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)),
      );
    return v;
  });
}

/** Every root type of a doc as canonical JSON (independent of the order roots were made). */
export function docJson(doc: Y.Doc): string {
  const out: Record<string, unknown> = {};
  for (const [key, type] of doc.share) {
    // A root only known from remote content is a bare AbstractType: read it as a map and a list.
    const asMap: Record<string, unknown> = {};
    for (const [k, item] of type._map) if (!item.deleted) asMap[k] = item.content.getContent();
    const list: unknown[] = [];
    for (let item = type._start; item; item = item.right)
      if (!item.deleted) list.push(...item.content.getContent());
    // An empty root says nothing: decoding an update creates the roots it names, even for
    // content that is deleted (and garbage-collected out of later encodings).
    if (Object.keys(asMap).length > 0 || list.length > 0) out[key] = { map: asMap, list };
  }
  return canonicalJson(out);
}

/** The state vector of a doc as a sorted plain object (comparable with toEqual). */
export function stateVectorOf(doc: Y.Doc): Record<string, number> {
  const sv = Y.decodeStateVector(Y.encodeStateVector(doc));
  return Object.fromEntries([...sv.entries()].sort(([a], [b]) => a - b).map(([k, v]) => [k, v]));
}

/** Parses Prometheus text for one unlabelled sample. */
export function metricValue(text: string, name: string): number {
  const match = new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+-]+)$`, 'm').exec(text);
  if (!match) throw new Error(`metric ${name} not found`);
  return Number(match[1]);
}

/** NODE_OPTIONS for a spawned server: a full GC every 50 ms, so /metrics shows what is retained. */
export const GC_EVERY_50_MS = `${process.env.NODE_OPTIONS ?? ''} --expose-gc --import=data:text/javascript,setInterval(()=>globalThis.gc(),50).unref()`;

/** What a (spawned) server's /metrics says of its memory and connections. */
export async function serverMemory(url: string) {
  const text = await (await fetch(`${url}/metrics`)).text();
  return {
    /** Heap in use plus Buffers outside it (where queued socket writes live), MiB, after GC. */
    memory:
      (metricValue(text, 'journeyboard_nodejs_heap_size_used_bytes') +
        metricValue(text, 'journeyboard_nodejs_external_memory_bytes')) /
      2 ** 20,
    rss: metricValue(text, 'journeyboard_process_resident_memory_bytes') / 2 ** 20,
    connections: metricValue(text, 'journeyboard_connections'),
    /** Accepted updates not yet written: they are held until the group commit lands. */
    pending: metricValue(text, 'journeyboard_pending_updates'),
  };
}

/** Where two strings first differ, with some context of each (for failure messages). */
export function firstDifference(a: string, b: string, context = 160): string | null {
  if (a === b) return null;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  const around = (s: string) => s.slice(Math.max(0, i - context), i + context);
  return `at character ${i}:\n  ${around(a)}\nvs\n  ${around(b)}`;
}

/** A client-to-server WebSocket frame (binary, FIN, masked as RFC 6455 requires). */
export function maskedFrame(payload: Uint8Array, opcode = 0x2): Buffer {
  const mask = randomBytes(4);
  const len = payload.byteLength;
  const header =
    len < 126
      ? Buffer.from([0x80 | opcode, 0x80 | len])
      : len < 65536
        ? Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 0xff])
        : Buffer.concat([
            Buffer.from([0x80 | opcode, 0x80 | 127]),
            (() => {
              const b = Buffer.alloc(8);
              b.writeBigUInt64BE(BigInt(len));
              return b;
            })(),
          ]);
  const body = Buffer.from(payload);
  for (let i = 0; i < body.length; i++) body[i]! ^= mask[i & 3]!;
  return Buffer.concat([header, mask, body]);
}

export interface TcpSession {
  socket: net.Socket;
  /** The HTTP status line of the handshake answer. */
  status: Promise<string>;
  /** The code of the server's close frame, or -1 if the connection ended without one. */
  closeCode: Promise<number>;
}

/**
 * A WebSocket spoken over a bare TCP socket: the upgrade request and `frames` go out in one
 * write, so the frames reach the server before it could have finished checking the token.
 */
export function rawTcpSession(
  httpUrl: string,
  pathAndQuery: string,
  frames: readonly Uint8Array[],
  headers: Record<string, string> = {},
): Promise<TcpSession> {
  const { hostname, port } = new URL(httpUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => {
      const request = [
        `GET ${pathAndQuery} HTTP/1.1`,
        `Host: ${hostname}:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`),
        '',
        '',
      ].join('\r\n');
      socket.write(Buffer.concat([Buffer.from(request), ...frames.map((f) => maskedFrame(f))]));
      let data = Buffer.alloc(0);
      let resolveStatus: (s: string) => void = () => {};
      let resolveClose: (c: number) => void = () => {};
      const status = new Promise<string>((r) => (resolveStatus = r));
      const closeCode = new Promise<number>((r) => (resolveClose = r));
      socket.on('data', (chunk: Buffer) => {
        data = Buffer.concat([data, chunk]);
        const end = data.indexOf('\r\n\r\n');
        if (end === -1) return;
        resolveStatus(data.subarray(0, data.indexOf('\r\n')).toString());
        // Server frames are unmasked: walk them looking for a close (opcode 8).
        let at = end + 4;
        while (at + 2 <= data.length) {
          const opcode = data[at]! & 0x0f;
          let len = data[at + 1]! & 0x7f;
          let head = 2;
          if (len === 126) {
            if (at + 4 > data.length) break;
            len = data.readUInt16BE(at + 2);
            head = 4;
          } else if (len === 127) {
            if (at + 10 > data.length) break;
            len = Number(data.readBigUInt64BE(at + 2));
            head = 10;
          }
          if (at + head + len > data.length) break;
          if (opcode === 8) resolveClose(len >= 2 ? data.readUInt16BE(at + head) : 1005);
          at += head + len;
        }
      });
      socket.on('close', () => {
        resolveStatus('');
        resolveClose(-1);
      });
      socket.on('error', () => {});
      resolve({ socket, status, closeCode });
    });
    socket.once('error', reject);
  });
}
