import type { Decoder } from 'lib0/decoding';
import { WebSocket } from 'ws';
import { Awareness, removeAwarenessStates } from 'y-protocols/awareness';
import type * as Y from 'yjs';
import type { RoomName } from '../../shared/protocol/boardId.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { applyStoredDoc } from '../storage/compaction.js';
import type { StoredDoc } from '../storage/storage.js';
import { SERVER_ORIGIN, STORAGE_ORIGIN, originOf, writtenHere } from '../updateOrigin.js';
import {
  MESSAGE_AWARENESS,
  MESSAGE_NAMES,
  MESSAGE_QUERY_AWARENESS,
  MESSAGE_SYNC,
  SYNC_STEP1,
  applySyncUpdate,
  openFrame,
  peekSyncKind,
  permissionDeniedFrame,
  queryAwarenessFrame,
  readAwarenessUpdate,
  syncStep1AnswerFrame,
  syncStep1Frame,
} from './frames.js';
import { FullStateCache } from './fullState.js';
import type { InboundFlow } from './inboundFlow.js';
import {
  ProtocolError,
  asksFromNothing,
  decodeCarriedUpdate,
  addsContent,
  isEmptyUpdate,
  wantsWholeDocument,
  type DecodedUpdate,
} from './incoming.js';
import { Outbox, encodePresence } from './outbox.js';
import { Presence } from './presence.js';
import { presenceToApply } from './presenceIntake.js';
import { MoveRecipients } from './presenceMoves.js';
import { LazyDoc } from './lazyDoc.js';
import { identityOf, newConnection, sendUnlessSlow, type Connection } from './roomConnection.js';
import type { Grant, RoomDeps, SocketIdentity } from './roomContract.js';

export { ProtocolError } from './incoming.js';
export type { Grant, RoomDeps, RoomLimits, RoomPolicy, SocketIdentity } from './roomContract.js';

/**
 * One loaded document and everyone connected to it. Knows nothing of journeys: it speaks
 * y-protocols for any Y.Doc, enforces each connection's grant (read-only connections cannot
 * change the doc) and budgets, asks its policy about content, and hands every accepted update
 * to the writer. Its doc holds what storage held only once something needs it (lazyDoc.ts):
 * until then clients with nothing are answered from the stored bytes, and every update after
 * them reaches every socket (W313).
 */
export class Room {
  private readonly lazy: LazyDoc;
  readonly awareness: Awareness;
  readonly presence: Presence;
  private readonly moves: MoveRecipients;
  private readonly conns = new Map<WebSocket, Connection>();
  private readonly fullState: FullStateCache;
  private readonly outbox: Outbox;
  /** Log entries and bytes written since the last snapshot, to decide when to compact. */
  logEntries: number;
  logBytes: number;
  /**
   * Encoded size of the document: exact whenever it is encoded (a joiner, a compaction), plus
   * what each update since added. Resent copies add nothing, so they never fill a board.
   */
  private size: number;
  /** Sockets that joined before the doc was integrated: its sync step 1 is sent them then. */
  private readonly awaitingStep1 = new Set<WebSocket>();

  constructor(
    readonly name: RoomName,
    stored: StoredDoc,
    private readonly deps: RoomDeps,
  ) {
    this.lazy = new LazyDoc(stored, this.onIntegrated, this.onBrokenDoc);
    this.awareness = new Awareness(this.lazy.ydoc);
    this.presence = new Presence(this.awareness);
    this.moves = new MoveRecipients(this.awareness.states);
    this.logEntries = stored.updates.length;
    this.logBytes = stored.updates.reduce((n, u) => n + u.byteLength, 0);
    this.size = this.logBytes + (stored.snapshot?.byteLength ?? 0);
    this.fullState = new FullStateCache(
      () => this.doc,
      (bytes) => (this.size = bytes),
    );
    this.fullState.seed(stored.snapshot, stored.updates);
    this.awareness.setLocalState(null);
    this.outbox = new Outbox(
      {
        presence: this.presence,
        sockets: () => this.conns.keys(),
        send: (ws, frame, droppable) => this.send(ws, frame, droppable),
        ownedBy: (ws) => this.conns.get(ws)?.owned,
        moves: this.moves,
      },
      deps.limits.awarenessBatchMs,
      deps.limits.presenceInterest,
    );
    this.awareness.on('update', this.onAwareness);
  }

  /** The document, with everything storage held (integrated on first use: lazyDoc.ts). */
  get doc(): Y.Doc {
    return this.lazy.doc;
  }

  private readonly onIntegrated = (ms: number): void => {
    this.lazy.ydoc.on('update', this.onUpdate);
    this.deps.onIntegrated?.();
    this.deps.metrics.roomIntegrations.inc();
    const step1 = syncStep1Frame(this.lazy.ydoc);
    for (const ws of this.awaitingStep1) this.send(ws, step1);
    this.awaitingStep1.clear();
    this.deps.log.debug({ docName: this.name.docName, ms }, 'room document integrated');
  };

  get connectionCount(): number {
    return this.conns.size;
  }

  /** The document's size as last measured (bytes of its encoding). */
  get sizeBytes(): number {
    return this.size;
  }

  /** A compaction begins reading storage (see `compacted`). */
  compacting = (): void => this.fullState.beginRebase();

  /**
   * A compaction built `snapshot` from storage, which lacked `unwritten` when it began: the
   * snapshot becomes what joiners are sent (null: it did not finish).
   */
  compacted(snapshot: Uint8Array | null, unwritten: readonly Uint8Array[]): void {
    if (snapshot) this.fullState.rebase(snapshot, unwritten);
    else this.fullState.cancelRebase();
  }

  /** A compaction measured what the document takes now: deleted content no longer counts. */
  measured(bytes: number): void {
    this.size = bytes;
  }

  /**
   * An update (or what storage held, integrated lazily) that failed while being applied may have
   * left part of itself in the doc: the room no longer matches storage, so it is given up (everyone
   * reconnects and resyncs from a fresh load) and the sender, if any, is closed.
   */
  private readonly onBrokenDoc = (error: unknown): never => {
    this.deps.log.error(
      { err: error, docName: this.name.docName },
      'an update (or what storage held) failed half-applied; reloading the room',
    );
    this.deps.onBroken();
    throw new ProtocolError(`update could not be applied: ${(error as Error).message}`);
  };

  /** Applies content read back from storage (a resync), telling the clients what was new. */
  applyStored(stored: StoredDoc): void {
    applyStoredDoc(this.doc, stored, STORAGE_ORIGIN);
  }

  /**
   * Asks every client to send its presence again (y-websocket answers a query with every state
   * it knows; the filter keeps its own). Used when states this room held for clients elsewhere
   * were dropped: a client that moved here meanwhile could not introduce its id until now.
   */
  queryAwareness(): void {
    // Clients first learn what was removed, so their answers do not carry it back.
    this.outbox.flush();
    this.broadcast(queryAwarenessFrame(), undefined, true);
  }

  /** The signed-in person the server vouched for when `ws` joined; null for others. */
  personOf(ws: WebSocket): Grant['person'] {
    return this.conns.get(ws)?.person ?? null;
  }

  /** Who sent what arrived from `ws` (see roomConnection.ts); null for a socket not here. */
  identityOf(ws: WebSocket): SocketIdentity | null {
    const conn = this.conns.get(ws);
    return conn ? identityOf(conn, this.awareness) : null;
  }

  /** Awareness client ids introduced by this instance's own connections. */
  localAwarenessIds(): number[] {
    const ids: number[] = [];
    for (const conn of this.conns.values()) ids.push(...conn.owned);
    return ids;
  }

  /**
   * Every update is written by each instance that holds the room, those relayed from other
   * instances included: the instance a client sent it to may die before its group commit, and
   * the client, reconnecting here, would not resend what this room already holds.
   */
  private readonly onUpdate = (update: Uint8Array, rawOrigin: unknown): void => {
    const { boardId, docName } = this.name;
    const origin = originOf(rawOrigin);
    this.size += update.byteLength;
    this.fullState.noteUpdate(update);
    if (writtenHere(origin)) this.deps.writer.enqueue({ boardId, docName, update });
    this.outbox.queueUpdate(update, origin.kind === 'client' ? origin.socket : null);
  };

  private readonly onAwareness = (
    { added, updated, removed }: { added: number[]; updated: number[]; removed: number[] },
    rawOrigin: unknown,
  ): void => {
    const origin = originOf(rawOrigin);
    const owned = origin.kind === 'client' ? this.conns.get(origin.socket)?.owned : undefined;
    if (owned) for (const id of removed) owned.delete(id);
    for (const id of removed) this.presence.forget(id);
    this.outbox.queueAwareness(added.concat(updated, removed));
  };

  /** Sends one encoded frame to every socket but `except`; `droppable` frames skip slow ones. */
  broadcast(frame: Uint8Array, except?: unknown, droppable = false): void {
    for (const ws of this.conns.keys()) if (ws !== except) this.send(ws, frame, droppable);
  }

  /** Sends a frame unless the socket stopped reading (sendUnlessSlow); false when skipped. */
  send(ws: WebSocket, frame: Uint8Array, droppable = false): boolean {
    const sent = sendUnlessSlow(ws, frame, droppable, this.deps.limits, this.conns.get(ws));
    if (sent) this.deps.metrics.messagesOut.inc();
    return sent;
  }

  /** `presenceMoves`: the socket opted in to presence moves (W327). */
  join(ws: WebSocket, grant: Grant, flow: InboundFlow, presenceMoves = false): void {
    const { awareness } = this;
    const { rateAwarenessPerSec } = this.deps.limits;
    this.conns.set(ws, newConnection(ws, grant, flow, awareness, rateAwarenessPerSec));
    if (this.lazy.integrated) this.send(ws, syncStep1Frame(this.lazy.ydoc));
    else {
      this.awaitingStep1.add(ws);
      this.lazy.integrateWhenIdle(this.awaitingStep1);
    }
    const present = [...awareness.states.keys()];
    if (present.length > 0) this.send(ws, encodePresence(this.presence, present));
    if (presenceMoves) this.moves.add(ws);
  }

  leave(ws: WebSocket): void {
    const conn = this.conns.get(ws);
    if (!conn) return;
    this.conns.delete(ws);
    this.awaitingStep1.delete(ws);
    this.moves.delete(ws);
    if (conn.owned.size > 0) {
      // Their clocks stay: a client coming back is stamped above them (awarenessFilter.ts).
      removeAwarenessStates(this.awareness, [...conn.owned], SERVER_ORIGIN);
    }
  }

  closeAll(code: number, reason: string): void {
    for (const ws of [...this.conns.keys()]) ws.close(code, reason);
  }

  /** Closes the sockets of one signed-in person. */
  closeUser(userId: string, code: number, reason: string): void {
    for (const [ws, conn] of this.conns) if (conn.person?.id === userId) ws.close(code, reason);
  }

  /** Closes the sockets a credential admitted (Grant.credentials), e.g. a session signed out. */
  closeCredential(credential: string, code: number, reason: string): void {
    for (const [ws, conn] of this.conns)
      if (conn.credentials.includes(credential)) ws.close(code, reason);
  }

  /** Closes the sockets opened with share links older than `keyVersion`. */
  closeStaleKeys(keyVersion: number): void {
    for (const [ws, conn] of this.conns) {
      if (conn.keyVersion < keyVersion)
        ws.close(CloseCode.UNAUTHORIZED, 'the share link was replaced');
    }
  }

  /**
   * Answers a sync step 1. A client with nothing of the board, or lacking much of it, gets the
   * shared full state (a superset of its diff: Yjs skips what it has), so a join storm or a
   * socket asking again and again costs one encoding, not one each. Answers after a
   * connection's first count as work against its budget.
   */
  private answerStep1(ws: WebSocket, conn: Connection, decoder: Decoder): void {
    // A client with nothing is answered from the stored bytes: the doc need not be integrated.
    const fresh = asksFromNothing(decoder) || wantsWholeDocument(this.doc, decoder);
    let sent = 0;
    if (fresh) {
      if (!this.lazy.integrated) this.deps.metrics.joinsFromStorage.inc();
      const frames = this.fullState.frames();
      for (const frame of frames) sent += frame.byteLength;
      if (!conn.step1Answered) conn.joinBytes = sent;
      for (const frame of frames) this.send(ws, frame);
    } else {
      const answer = syncStep1AnswerFrame(decoder, this.doc);
      this.send(ws, answer);
      sent = answer.byteLength;
    }
    conn.flow.syncMessage(conn.step1Answered ? sent : 0);
    conn.step1Answered = true;
  }

  /** Applies a sync step 2 or update from a connection that may write. */
  private applyWrite(
    ws: WebSocket,
    conn: Connection,
    decoder: Decoder,
    update: DecodedUpdate,
    byteLength: number,
  ): void {
    // Checked before it is applied, at the message's full size (what it adds is known only
    // after); copies of what the board holds and deletions pass, so a full board can be
    // cleaned up and a client resending what it sent before is never refused.
    const { maxBoardBytes } = this.deps.limits;
    if (this.size + byteLength > maxBoardBytes && addsContent(this.doc, update)) {
      throw new ProtocolError('the board is full', CloseCode.BOARD_FULL);
    }
    const violation = this.deps.policy.checkUpdate?.(this.name, this.doc, update);
    if (violation) throw new ProtocolError(violation);
    const denied = this.deps.policy.deniedUpdate?.(this.name, this.doc, update, conn);
    if (denied) {
      this.deps.metrics.updatesDenied.inc();
      this.send(ws, permissionDeniedFrame(denied));
      return;
    }
    applySyncUpdate(decoder, this.doc, conn.origin, this.onBrokenDoc);
    // Parts of an update whose dependencies this doc lacks would wait in memory, unstored
    // and unbounded: they are dropped, and the sender is sent our state vector, so its
    // answer carries them again with what they depend on. Honest clients get here right
    // after reconnecting to an instance that lost their latest edits (a crash, a fail-over).
    const { store } = this.doc;
    if (store.pendingStructs !== null || store.pendingDs !== null) {
      store.pendingStructs = null;
      store.pendingDs = null;
      this.deps.metrics.updatesMissingDependencies.inc();
      this.send(ws, syncStep1Frame(this.doc));
    }
  }

  /** Handles one frame from `ws`; throws ProtocolError (or a decoding error) on a bad frame. */
  receive(ws: WebSocket, frame: Uint8Array): void {
    const conn = this.conns.get(ws);
    // Frames that arrive after the one that got this socket closed count for nothing.
    if (!conn || ws.readyState !== WebSocket.OPEN) return;
    const { type, decoder } = openFrame(frame);
    this.deps.metrics.messagesIn.inc({ type: MESSAGE_NAMES[type] ?? 'unknown' });
    switch (type) {
      case MESSAGE_SYNC: {
        if (peekSyncKind(decoder) === SYNC_STEP1) {
          this.answerStep1(ws, conn, decoder);
          break;
        }
        const update = decodeCarriedUpdate(decoder);
        conn.flow.syncMessage();
        // Every client answers our step 1, most with an empty step 2: nothing to apply.
        if (isEmptyUpdate(update)) break;
        if (conn.canWrite) this.applyWrite(ws, conn, decoder, update, frame.byteLength);
        else this.send(ws, permissionDeniedFrame('this link can only read this document'));
        break;
      }
      case MESSAGE_AWARENESS: {
        const update = readAwarenessUpdate(decoder);
        const entries = presenceToApply(update, conn, this.presence, this.deps);
        if (entries) this.presence.apply(entries, conn.origin);
        break;
      }
      case MESSAGE_QUERY_AWARENESS: {
        // Each answer carries every state in the room: it spends presence budget, and is work.
        if (!conn.awarenessBudget.take()) return;
        const answer = encodePresence(this.presence, [...this.awareness.states.keys()]);
        if (this.send(ws, answer)) this.moves.sentAll(ws);
        conn.flow.syncMessage(answer.byteLength);
        break;
      }
      default:
        throw new ProtocolError(`unsupported message type ${type}`);
    }
  }

  destroy(): void {
    this.outbox.close();
    this.fullState.clear();
    this.lazy.ydoc.off('update', this.onUpdate);
    this.awareness.off('update', this.onAwareness);
    this.awareness.destroy();
    this.lazy.destroy();
  }
}
