import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { sendOwnAwarenessOnly } from './ownAwareness.js';
import { presenceMovesParams, receivePresenceMoves } from './presenceMoves.js';
import { changedRecords } from './unsyncedChanges.js';
import * as Y from 'yjs';
import { boardRoots } from '../../../../shared/model/doc.js';
import { CloseCode } from '../../../../shared/protocol/closeCodes.js';
import { tokenProtocols } from '../../../../shared/protocol/syncAuth.js';
import { sendLargeUpdatesInPieces } from './largeUpdates.js';
import { passReceivedUpdatesAsReceived } from './receivedUpdates.js';
import { boardOf } from '../../boardLinks.js';

export type ConnectionState =
  'connecting' | 'connected' | 'reconnecting' | 'offline' | 'full' | 'not-found' | 'denied';

/**
 * Why the server refused this page's link (with `connection: 'denied'`): the owner replaced
 * the links (4401 "replaced"), the token is damaged or not one of ours (other 4401s), it opens
 * another board (4403 with a token naming another board), a signed-in person opened it without
 * a link and lost access (removed from the workspace), or the server refused for another reason
 * (4403, e.g. a page on another site).
 */
export type Refusal = 'replaced' | 'invalid' | 'other-board' | 'no-longer' | 'refused';

export interface SessionStatus {
  connection: ConnectionState;
  /** Set when `connection` is `denied`. */
  refusal?: Refusal;
  /**
   * Local changes made while not connected, counted as a person would (records touched, not
   * keystrokes: see unsyncedChanges.ts); they are sent when the connection returns.
   */
  unsynced: number;
  /** The offline copy (IndexedDB) has been read. */
  localLoaded: boolean;
  /** The server's copy has been merged at least once. */
  synced: boolean;
}

/** How long "Board full" stays after the last refusal (the client retries every few seconds). */
const BOARD_FULL_NOTICE_MS = 15_000;

/** What a 4401/4403 close means for this page's link (see `Refusal`). */
export function refusalOf(code: number, reason: string, boardId: string, token: string): Refusal {
  // Opened through the session, no link: the person lost access (or signed out elsewhere).
  if (!token) return 'no-longer';
  if (code === CloseCode.FORBIDDEN) {
    const board = boardOf(token);
    return board !== null && board !== boardId ? 'other-board' : 'refused';
  }
  // The server's reason says when the board's links were replaced (an old key version).
  return /replaced/i.test(reason) ? 'replaced' : 'invalid';
}

export function syncUrl(): string {
  return `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/sync`;
}

/**
 * One open board: the Y.Doc, its offline copy in IndexedDB, the connection to the server and
 * an undo manager that only tracks this user's own changes (remote and offline-copy updates
 * carry other origins, so undo never removes someone else's work).
 */
export class BoardSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly offline: IndexeddbPersistence;
  /** Review comments: their own doc and room, so commenting can be allowed apart from editing. */
  readonly comments = new Y.Doc();
  readonly commentsProvider: WebsocketProvider;
  readonly commentsOffline: IndexeddbPersistence;
  readonly undo: Y.UndoManager;
  private status: SessionStatus = {
    connection: 'connecting',
    unsynced: 0,
    localLoaded: false,
    synced: false,
  };
  private readonly listeners = new Set<() => void>();
  private everConnected = false;
  /** What changed locally since the server last had everything (changedRecords keys). */
  private readonly unsyncedRecords = new Set<string>();
  /** The owner is replacing the links: the server closing our old-link sockets is expected. */
  private replacingLinks = false;
  private deniedWhileReplacing = false;
  private currentToken: string;
  /** The server lately refused our changes because the board is at its size limit (4513). */
  private boardFull = false;
  private boardFullTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly boardId: string,
    token: string,
  ) {
    this.currentToken = token;
    this.offline = new IndexeddbPersistence(`journeyboard:${boardId}`, this.doc);
    void this.offline.whenSynced.then(() => this.update({ localLoaded: true }));
    // Connect only once the listeners below are in place, so the first state is right.
    // The token travels as a subprotocol, never in the URL (proxy logs, console messages).
    this.provider = new WebsocketProvider(syncUrl(), boardId, this.doc, {
      maxBackoffTime: 5000,
      connect: false,
      protocols: tokenProtocols(token),
      // Others' cursor moves come as moves, not whole states (W327).
      params: presenceMovesParams,
    });
    this.commentsOffline = new IndexeddbPersistence(
      `journeyboard:${boardId}/comments`,
      this.comments,
    );
    this.commentsProvider = new WebsocketProvider(syncUrl(), `${boardId}/comments`, this.comments, {
      maxBackoffTime: 5000,
      connect: false,
      protocols: tokenProtocols(token),
    });
    sendOwnAwarenessOnly(this.provider);
    receivePresenceMoves(this.provider);
    for (const [provider, offline] of [
      [this.provider, this.offline],
      [this.commentsProvider, this.commentsOffline],
    ] as const) {
      const send = sendLargeUpdatesInPieces(provider);
      provider.doc.off('update', send);
      provider.doc.off('update', offline._storeUpdate);
      passReceivedUpdatesAsReceived(provider, [send, offline._storeUpdate]);
    }
    this.provider.on('connection-close', (event) => {
      // Not final: the client keeps the changes and retries, and so does the badge.
      if (event?.code !== CloseCode.BOARD_FULL) return;
      this.boardFull = true;
      if (this.boardFullTimer) clearTimeout(this.boardFullTimer);
      this.boardFullTimer = setTimeout(() => {
        this.boardFull = false;
        this.refreshConnection();
      }, BOARD_FULL_NOTICE_MS);
    });
    // Presence travels with the board doc; the comments room carries none.
    this.commentsProvider.awareness.setLocalState(null);
    const roots = boardRoots(this.doc);
    this.undo = new Y.UndoManager(
      [roots.meta, roots.stages, roots.lanes, roots.cards, roots.shapes],
      {
        captureTimeout: 500,
      },
    );
    this.provider.on('status', ({ status }) => {
      if (status === 'connected') this.everConnected = true;
      this.refreshConnection();
    });
    this.provider.on('sync', (synced: boolean) => {
      if (synced) {
        this.unsyncedRecords.clear();
        this.update({ synced: true, unsynced: 0 });
      }
      this.refreshConnection();
    });
    this.provider.on('closed', (event) => {
      if (event.code === CloseCode.NOT_FOUND) this.update({ connection: 'not-found' });
      else if (event.code === CloseCode.UNAUTHORIZED && this.replacingLinks) {
        this.deniedWhileReplacing = true;
      } else if (event.code === CloseCode.UNAUTHORIZED || event.code === CloseCode.FORBIDDEN) {
        this.update({
          connection: 'denied',
          refusal: refusalOf(event.code, event.reason, this.boardId, this.currentToken),
        });
      }
    });
    this.doc.on('afterTransaction', (transaction: Y.Transaction) => {
      const local = transaction.origin !== this.provider && transaction.origin !== this.offline;
      if (!local || this.isLive()) return;
      for (const key of changedRecords(transaction)) this.unsyncedRecords.add(key);
      if (this.unsyncedRecords.size !== this.status.unsynced)
        this.update({ unsynced: this.unsyncedRecords.size });
    });
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    if (navigator.onLine) {
      this.provider.connect();
      this.commentsProvider.connect();
    }
    this.refreshConnection();
  }

  /**
   * A lost network can leave the WebSocket half-open for the provider's 30 s watchdog; when the
   * browser knows it is offline, drop the socket at once so edits count as unsynced.
   */
  private readonly onOffline = (): void => {
    this.provider.disconnect();
    this.commentsProvider.disconnect();
    this.refreshConnection();
  };

  private readonly onOnline = (): void => {
    if (this.status.connection === 'not-found' || this.status.connection === 'denied') return;
    this.provider.connect();
    this.commentsProvider.connect();
    this.refreshConnection();
  };

  /** The link this session connects with. */
  get token(): string {
    return this.currentToken;
  }

  /**
   * Replaces the board's links through `rotate` (the owner's request), then reconnects with the
   * new owner token. Meanwhile the server closing this session's old-link sockets (4401) is not
   * shown as "link no longer works".
   */
  async replaceLinks<T extends { owner: string }>(rotate: () => Promise<T>): Promise<T> {
    this.replacingLinks = true;
    this.deniedWhileReplacing = false;
    try {
      const tokens = await rotate();
      this.useToken(tokens.owner);
      return tokens;
    } catch (err) {
      if (this.deniedWhileReplacing) this.update({ connection: 'denied', refusal: 'replaced' });
      throw err;
    } finally {
      this.replacingLinks = false;
    }
  }

  /** Reconnects both documents with another link of this board. */
  private useToken(token: string): void {
    this.currentToken = token;
    for (const provider of [this.provider, this.commentsProvider]) {
      provider.protocols = tokenProtocols(token);
      // A local close: the old socket's handlers are detached, so its late 4401 cannot land.
      provider.disconnect();
      if (navigator.onLine) provider.connect();
    }
    this.refreshConnection();
  }

  private isLive(): boolean {
    return this.provider.wsconnected && this.provider.synced;
  }

  private readonly refreshConnection = (): void => {
    if (this.status.connection === 'not-found' || this.status.connection === 'denied') return;
    let connection: ConnectionState;
    if (!navigator.onLine) connection = 'offline';
    else if (this.boardFull) connection = 'full';
    else if (this.isLive()) connection = 'connected';
    else connection = this.everConnected ? 'reconnecting' : 'connecting';
    this.update({ connection });
  };

  private update(patch: Partial<SessionStatus>): void {
    this.status = { ...this.status, ...patch };
    for (const listener of this.listeners) listener();
  }

  getStatus = (): SessionStatus => this.status;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  destroy(): void {
    if (this.boardFullTimer) clearTimeout(this.boardFullTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.undo.destroy();
    this.provider.destroy();
    this.commentsProvider.destroy();
    void this.offline.destroy();
    void this.commentsOffline.destroy();
    this.doc.destroy();
    this.comments.destroy();
  }
}
