/**
 * A crowd on one board, played from Node: `count` simulated people over real WebSockets to the
 * real server, each with a client id and presence state of their own. A connection may own 8
 * client ids (server/sync/awarenessFilter.ts), so people share sockets eight at a time, and a
 * socket sends its people's states together in one awareness frame per tick: 300 people at
 * 30 Hz are 38 sockets × 30 frames a second, within the server's default rate per connection.
 * Once synced, the sockets stop reading: the server then stops sending them presence past its
 * slow-socket threshold (SLOW_SOCKET_SOFT_BYTES), so neither it nor this process spends a 2-core
 * machine's CPU on 38 copies of everyone's cursors that nobody looks at; the browser under test
 * is the one that pays for receiving everyone's presence. A socket that does not read answers
 * no ping either, so a crowd lasts less than two ping intervals (60 s by default).
 */
import * as encoding from 'lib0/encoding';
import { WebSocket } from 'ws';

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
/** Client ids one connection may own (the server's limit). */
export const IDS_PER_SOCKET = 8;

export interface CrowdPerson {
  index: number;
  clientId: number;
  name: string;
  cursor: { x: number; y: number } | null;
  clock: number;
}

export interface CrowdOptions {
  /** The board's sync URL with its token, e.g. `ws://host/sync/<board>?token=…`. */
  url: string;
  count: number;
  /** Where person `index` points at first (board units). */
  place(index: number): { x: number; y: number } | null;
  name?(index: number): string;
  /** The first client id (ids are consecutive). */
  firstClientId?: number;
}

const COLORS = ['#1d4ed8', '#b91c1c', '#047857', '#7e22ce', '#a16207', '#0e7490'];

function stateOf(p: CrowdPerson): string {
  return JSON.stringify({
    user: { id: `crowd-${p.index}`, name: p.name, color: COLORS[p.index % COLORS.length] },
    cursor: p.cursor,
    selection: [],
    editing: null,
    following: null,
    presenting: false,
  });
}

function awarenessFrame(people: readonly CrowdPerson[]): Uint8Array {
  const inner = encoding.createEncoder();
  encoding.writeVarUint(inner, people.length);
  for (const p of people) {
    encoding.writeVarUint(inner, p.clientId);
    encoding.writeVarUint(inner, p.clock);
    encoding.writeVarString(inner, stateOf(p));
  }
  const outer = encoding.createEncoder();
  encoding.writeVarUint(outer, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(outer, encoding.toUint8Array(inner));
  return encoding.toUint8Array(outer);
}

function syncStep1(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, SYNC_STEP1);
  encoding.writeVarUint8Array(encoder, new Uint8Array([0]));
  return encoding.toUint8Array(encoder);
}

/** Opens a socket and resolves once the server's sync step 2 arrived. */
function openSocket(url: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    ws.binaryType = 'nodebuffer';
    const onMessage = (data: Buffer) => {
      if (data[0] === MESSAGE_SYNC && data[1] === SYNC_STEP2) {
        ws.off('message', onMessage);
        ws.pause();
        resolve(ws);
      }
    };
    ws.on('message', onMessage);
    ws.on('open', () => ws.send(syncStep1()));
    ws.once('close', (code) => reject(new Error(`crowd socket closed (${code}) before sync`)));
    ws.on('error', () => undefined);
  });
}

export class Crowd {
  readonly people: CrowdPerson[];
  private timer: ReturnType<typeof setInterval> | null = null;
  private waiters: { tick: number; wake(): void }[] = [];
  /** Ticks of the running `start` so far. */
  tick = 0;
  /** Frames sent (one per socket per tick). */
  framesSent = 0;

  private constructor(
    private readonly sockets: WebSocket[],
    people: CrowdPerson[],
  ) {
    this.people = people;
  }

  /** Connects everyone and publishes their first states; resolves when all sockets synced. */
  static async join(options: CrowdOptions): Promise<Crowd> {
    const first = options.firstClientId ?? 1_000_000 + Math.floor(Math.random() * 1_000_000);
    const people = Array.from({ length: options.count }, (_, index) => ({
      index,
      clientId: first + index,
      name: options.name?.(index) ?? `Crowd ${String(index + 1).padStart(3, '0')}`,
      cursor: options.place(index),
      clock: 0,
    }));
    const socketCount = Math.ceil(options.count / IDS_PER_SOCKET);
    const sockets: WebSocket[] = [];
    // A few at a time: a 2-core machine answers 38 joins at once slowly, not wrongly.
    for (let i = 0; i < socketCount; i += 8) {
      const batch = Array.from({ length: Math.min(8, socketCount - i) }, () =>
        openSocket(options.url),
      );
      sockets.push(...(await Promise.all(batch)));
    }
    const crowd = new Crowd(sockets, people);
    crowd.send();
    return crowd;
  }

  /** Sends every person's current state (one frame per socket), each with a new clock. */
  send(): void {
    for (const p of this.people) p.clock++;
    this.sockets.forEach((ws, s) => {
      const mine = this.people.slice(s * IDS_PER_SOCKET, (s + 1) * IDS_PER_SOCKET);
      if (ws.readyState !== WebSocket.OPEN || mine.length === 0) return;
      ws.send(awarenessFrame(mine));
      this.framesSent++;
    });
  }

  /** Moves everyone with `move` and sends it, `hz` times a second, until `stop()`. */
  start(hz: number, move: (p: CrowdPerson, tick: number) => void): void {
    this.stop();
    this.tick = 0;
    this.timer = setInterval(() => {
      const tick = ++this.tick;
      for (const p of this.people) move(p, tick);
      this.send();
      this.waiters = this.waiters.filter((w) => (w.tick <= tick ? (w.wake(), false) : true));
    }, 1000 / hz);
  }

  /** Resolves once the running `start` has sent `tick` ticks. */
  ticks(tick: number): Promise<void> {
    if (this.tick >= tick) return Promise.resolve();
    return new Promise((wake) => this.waiters.push({ tick, wake }));
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /** Whether every socket is still open (the server dropped none for its rate or size). */
  get open(): boolean {
    return this.sockets.every((ws) => ws.readyState === WebSocket.OPEN);
  }

  async close(): Promise<void> {
    this.stop();
    await Promise.all(
      this.sockets.map(
        (ws) =>
          new Promise<void>((resolve) => {
            if (ws.readyState === WebSocket.CLOSED) return resolve();
            ws.once('close', () => resolve());
            // Unread frames stand before the server's close frame: drop the connection.
            ws.terminate();
          }),
      ),
    );
  }
}
