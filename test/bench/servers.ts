/**
 * The four servers of the benchmark, each in its own child process pinned to core 1:
 * journeyboard (dist/server/main.js), the reference y-websocket 1.5.4 server, Hocuspocus 3.4,
 * and a plain `ws` relay (the floor). Every one gets a fresh process (and data directory).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SocketTarget } from './generator/client.js';
import {
  spawnServer,
  type HeapReading,
  type ServerLog,
  type Spawned,
  type StartOptions,
} from './spawn.js';

export { ROOT, SERVER_CORE } from './spawn.js';
export type { HeapReading, ServerLog, StartOptions } from './spawn.js';

export const SERVER_NAMES = ['journeyboard', 'y-websocket', 'hocuspocus', 'relay'] as const;
export type ServerName = (typeof SERVER_NAMES)[number];

export const ADMIN_TOKEN = 'bench-admin-token-0123456789';

/** A board (journeyboard) or plain room name, and the token that joins it. */
export interface RoomRef {
  id: string;
  token: string | null;
  /** journeyboard: the owner's token (the browser benchmark opens the board with it). */
  ownerToken?: string;
  /** journeyboard: the viewer link's token (the abuse case attacks with it). */
  viewerToken?: string;
}

export type DocKind = 'board' | 'comments';

export interface BenchServer {
  name: ServerName;
  readonly pid: number;
  readonly port: number;
  /** Whether it holds documents (answers sync step 1); the relay does not. */
  stateful: boolean;
  newRoom(): Promise<RoomRef>;
  /** journeyboard only: a new board made from open JSON (`POST /api/boards/import`). */
  importBoard?(json: unknown): Promise<RoomRef>;
  /** journeyboard only: documents loaded in memory (the `journeyboard_rooms` gauge). */
  loadedRooms?(): Promise<number>;
  /** journeyboard only: a fresh process on the same data (boards and tokens survive). */
  restart?(): Promise<void>;
  /** journeyboard only: whether the process is still running (an attack may have ended it). */
  running?(): boolean;
  target(room: RoomRef, doc?: DocKind): SocketTarget;
  readonly log: ServerLog;
  /** Runs a full garbage collection in the process; resolves with its memory right after. */
  collectGarbage(): Promise<HeapReading>;
  /** SIGTERM, then SIGKILL after a grace period; resolves once the process is gone. */
  stop(): Promise<void>;
}

let roomCounter = 0;
const plainRoom = (): RoomRef => ({ id: `bench-room-${++roomCounter}`, token: null });

async function postJson(url: string, body: unknown): Promise<RoomRef> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
    body: JSON.stringify(body),
  });
  if (res.status !== 201) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  const created = (await res.json()) as {
    id: string;
    tokens: { viewer: string; editor: string; owner: string };
  };
  return {
    id: created.id,
    token: created.tokens.editor,
    ownerToken: created.tokens.owner,
    viewerToken: created.tokens.viewer,
  };
}

/** Limits raised so the workloads are measured, not refused. */
const JOURNEYBOARD_ENV = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  ADMIN_TOKEN,
  // The peers have no accounts: boards are made and opened with links, as in open mode.
  AUTH_MODE: 'open',
  MAX_CONNECTIONS_PER_IP: '1000000',
  MAX_CONNECTIONS_PER_BOARD: '1000000',
  RATE_DOC_PER_SEC: '1000000',
  RATE_AWARENESS_PER_SEC: '1000000',
  JSON_BODY_LIMIT_BYTES: String(256 << 20),
  MAX_MESSAGE_BYTES: String(256 << 20),
  MAX_BOARD_BYTES: String(1 << 30),
  // Cold joins (W4) wait for their room to unload after seeding.
  ROOM_UNLOAD_GRACE_MS: '300',
};

/** What a deployment runs with: only the address, the log level and the admin token (for setup). */
const JOURNEYBOARD_DEFAULT_ENV = {
  HOST: '127.0.0.1',
  LOG_LEVEL: 'warn',
  ADMIN_TOKEN,
  AUTH_MODE: 'open',
};

export interface ServerOptions extends StartOptions {
  /** journeyboard with its default limits instead of raised ones (the abuse case). */
  defaultLimits?: boolean;
  /** journeyboard: settings added to (or replacing) the bench's (a cluster's, or W8's `DATABASE_URL`). */
  env?: Record<string, string>;
}

async function startJourneyboard(options: ServerOptions): Promise<BenchServer> {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'journeyboard-bench-'));
  const limits = options.defaultLimits ? JOURNEYBOARD_DEFAULT_ENV : JOURNEYBOARD_ENV;
  const env = { ...limits, DATA_DIR: dataDir, ...options.env };
  let spawned = await spawnServer('dist/server/main.js', env, options);
  const http = () => `http://127.0.0.1:${spawned.port}`;
  return {
    name: 'journeyboard',
    get pid() {
      return spawned.child.pid!;
    },
    get port() {
      return spawned.port;
    },
    stateful: true,
    newRoom: () =>
      postJson(`${http()}/api/boards`, { title: 'Bench board', mapType: 'current-state' }),
    importBoard: (json) => postJson(`${http()}/api/boards/import`, json),
    loadedRooms: async () => {
      const text = await (await fetch(`${http()}/metrics`)).text();
      return Number(/^journeyboard_rooms(?:\{[^}]*\})? (\d+)/m.exec(text)?.[1] ?? NaN);
    },
    restart: async () => {
      await spawned.stop();
      spawned = await spawnServer('dist/server/main.js', env, options, spawned.log);
    },
    running: () => spawned.child.exitCode === null && spawned.child.signalCode === null,
    target: (room, doc = 'board') => ({
      url: `ws://127.0.0.1:${spawned.port}/sync/${room.id}${doc === 'comments' ? '/comments' : ''}?token=${room.token}`,
      docName: null,
      authToken: null,
      stateful: true,
    }),
    get log() {
      return spawned.log;
    },
    collectGarbage: () => spawned.collectGarbage(),
    stop: async () => {
      await spawned.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function plainServer(
  name: ServerName,
  spawned: Spawned,
  framing: 'plain' | 'hocuspocus',
): BenchServer {
  const stateful = name !== 'relay';
  return {
    name,
    pid: spawned.child.pid!,
    port: spawned.port,
    stateful,
    newRoom: () => Promise.resolve(plainRoom()),
    target: (room, doc = 'board') => {
      const docName = doc === 'comments' ? `${room.id}/comments` : room.id;
      return framing === 'hocuspocus'
        ? { url: `ws://127.0.0.1:${spawned.port}`, docName, authToken: 'bench', stateful }
        : {
            url: `ws://127.0.0.1:${spawned.port}/${docName}`,
            docName: null,
            authToken: null,
            stateful,
          };
    },
    log: spawned.log,
    collectGarbage: spawned.collectGarbage,
    stop: spawned.stop,
  };
}

const SCRIPT = (file: string) => `--import tsx test/bench/servers/${file}`;

export async function startServer(
  name: ServerName,
  options: ServerOptions = {},
): Promise<BenchServer> {
  switch (name) {
    case 'journeyboard':
      return startJourneyboard(options);
    case 'y-websocket':
      return plainServer(name, await spawnServer(SCRIPT('reference.ts'), {}, options), 'plain');
    case 'hocuspocus':
      return plainServer(
        name,
        await spawnServer(SCRIPT('hocuspocus.ts'), {}, options),
        'hocuspocus',
      );
    case 'relay':
      return plainServer(name, await spawnServer(SCRIPT('relay.ts'), {}, options), 'plain');
  }
}
