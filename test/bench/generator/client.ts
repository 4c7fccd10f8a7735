/**
 * One simulated participant: a raw `ws` socket speaking the y-websocket protocol (or
 * Hocuspocus' framing of it) with no Y.Doc behind it. It joins with sync step 1 for an empty
 * document, counts as synced when the server's step 2 arrives, and hands every awareness entry
 * and document update it receives to the workload.
 */
import { WebSocket } from 'ws';
import {
  EMPTY_STATE_VECTOR,
  SYNC_STEP2,
  SYNC_UPDATE,
  decodeFrame,
  encodeAwareness,
  encodeHocuspocusAuth,
  encodeSync,
  forEachAwarenessEntry,
  framePrefix,
  SYNC_STEP1,
} from './protocol.js';

/** Where a socket connects and how it frames its messages. */
export interface SocketTarget {
  url: string;
  /** Hocuspocus: the document name every frame starts with; null for plain y-websocket. */
  docName: string | null;
  /** Hocuspocus: the token of the auth message sent first. */
  authToken: string | null;
  /** Whether the server holds the document (answers sync step 1); the relay does not. */
  stateful: boolean;
}

export interface ClientEvents {
  onAwareness?(clientId: number, clock: number, t: number | null, now: number): void;
  onUpdate?(update: Uint8Array, now: number): void;
  /** Every awareness update whole, undecoded (W6 reads it itself); replaces `onAwareness`. */
  onAwarenessUpdate?(update: Uint8Array, now: number): void;
  /** journeyboard, to a socket that opted in: a moves frame after its message type (W328). */
  onPresenceMoves?(payload: Uint8Array, now: number): void;
  /** Every frame, before decoding (join storms time the arrival of step 2 only). */
  onFrame?(bytes: number): void;
}

let nextClientId = 1 + Math.floor(Math.random() * 1_000_000);

/** Client ids unique within this process (Yjs client ids are uint32). */
export function newClientId(): number {
  return nextClientId++;
}

export class BenchClient {
  readonly clientId = newClientId();
  readonly ws: WebSocket;
  readonly startedAt = performance.now();
  /** When the server's sync step 2 arrived (or the socket opened, for the relay). */
  syncedAt: number | null = null;
  /** Set once the socket is closed. */
  closeCode: number | null = null;
  /** The close code when the server (not this client) ended the connection. */
  serverCloseCode: number | null = null;
  private closing = false;
  /** Why the server refused us, if it said so (Hocuspocus permission denied). */
  refusal: string | null = null;
  private clock = 0;
  private readonly prefix: Uint8Array;
  private readonly prefixed: boolean;
  private readonly waiters: ((at: number) => void)[] = [];
  private readonly closeWaiters: ((code: number) => void)[] = [];

  constructor(
    private readonly target: SocketTarget,
    private readonly events: ClientEvents = {},
  ) {
    this.prefixed = target.docName !== null;
    this.prefix = framePrefix(target.docName);
    this.ws = new WebSocket(target.url, { perMessageDeflate: false, maxPayload: 1 << 30 });
    this.ws.binaryType = 'nodebuffer';
    this.ws.on('open', this.onOpen);
    this.ws.on('message', this.onMessage);
    this.ws.on('error', () => undefined);
    this.ws.on('close', (code: number) => {
      this.closeCode = code;
      if (!this.closing) this.serverCloseCode = code;
      for (const wake of this.closeWaiters.splice(0)) wake(code);
    });
  }

  private readonly onOpen = (): void => {
    if (this.target.authToken !== null) {
      this.ws.send(encodeHocuspocusAuth(this.prefix, this.target.authToken));
    }
    if (this.target.stateful) this.ws.send(encodeSync(this.prefix, SYNC_STEP1, EMPTY_STATE_VECTOR));
    else this.markSynced(performance.now());
  };

  private markSynced(now: number): void {
    if (this.syncedAt === null) this.syncedAt = now;
    for (const wake of this.waiters.splice(0)) wake(now);
  }

  private readonly onMessage = (data: Buffer): void => {
    const now = performance.now();
    this.events.onFrame?.(data.byteLength);
    const message = decodeFrame(data, this.prefixed);
    if (message.kind === 'sync') {
      if (message.step === SYNC_STEP2) this.markSynced(now);
      else if (message.step === SYNC_UPDATE) this.events.onUpdate?.(message.payload, now);
    } else if (message.kind === 'awareness' && this.events.onAwarenessUpdate) {
      this.events.onAwarenessUpdate(message.update, now);
    } else if (message.kind === 'awareness') {
      const visit = this.events.onAwareness;
      if (visit) forEachAwarenessEntry(message.update, (id, clock, t) => visit(id, clock, t, now));
    } else if (message.kind === 'moves') {
      this.events.onPresenceMoves?.(message.payload, now);
    } else if (message.kind === 'auth' && message.sub === 1) {
      this.refusal = message.text;
    }
    // A server's step 1 needs no answer: an empty client has nothing the server lacks.
  };

  /** Resolves when synced (at once if it already is); rejects on close or timeout. */
  synced(timeoutMs: number): Promise<number> {
    if (this.syncedAt !== null) return Promise.resolve(this.syncedAt);
    return this.nextStep2(timeoutMs);
  }

  private nextStep2(timeoutMs: number): Promise<number> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(this.why('not synced'))), timeoutMs);
      this.waiters.push((at) => {
        clearTimeout(timer);
        resolve(at);
      });
      this.closeWaiters.push(() => {
        clearTimeout(timer);
        reject(new Error(this.why('closed before sync')));
      });
    });
  }

  private why(what: string): string {
    const code = this.closeCode === null ? '' : ` (close code ${this.closeCode})`;
    const refusal = this.refusal ? ` (refused: ${this.refusal})` : '';
    return `${what}: ${this.target.url}${code}${refusal}`;
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  /** Publishes this client's awareness state (a JSON object text); returns its clock. */
  sendAwareness(stateJson: string): number {
    this.clock++;
    if (this.open) this.ws.send(encodeAwareness(this.prefix, this.clientId, this.clock, stateJson));
    return this.clock;
  }

  sendUpdate(update: Uint8Array): void {
    if (this.open) this.ws.send(encodeSync(this.prefix, SYNC_UPDATE, update));
  }

  /**
   * Sends sync step 1 with `stateVector` and waits for the answer: since a server handles one
   * socket's frames in order, everything sent before has been applied when it arrives.
   */
  async roundTrip(stateVector: Uint8Array, timeoutMs: number): Promise<void> {
    const answered = this.nextStep2(timeoutMs);
    this.ws.send(encodeSync(this.prefix, SYNC_STEP1, stateVector));
    await answered;
  }

  /** Bytes queued in this socket, not yet handed to the kernel. */
  get buffered(): number {
    return this.ws.bufferedAmount;
  }

  close(): Promise<void> {
    this.closing = true;
    if (this.closeCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 2000);
      this.closeWaiters.push(() => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close();
    });
  }
}
