import { IndexeddbPersistence } from 'y-indexeddb';
import { WebsocketProvider } from 'y-websocket';
import { sendOwnAwarenessOnly } from './ownAwareness.js';
import * as Y from 'yjs';
import { boardRoots } from '../../../shared/model/doc.js';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';

export type ConnectionState =
  'connecting' | 'connected' | 'reconnecting' | 'offline' | 'not-found' | 'denied';

export interface SessionStatus {
  connection: ConnectionState;
  /** Local changes made while not connected; they are sent when the connection returns. */
  unsynced: number;
  /** The offline copy (IndexedDB) has been read. */
  localLoaded: boolean;
  /** The server's copy has been merged at least once. */
  synced: boolean;
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
  /** The owner is replacing the links: the server closing our old-link sockets is expected. */
  private replacingLinks = false;
  private deniedWhileReplacing = false;
  private currentToken: string;

  constructor(
    readonly boardId: string,
    token: string,
  ) {
    this.currentToken = token;
    this.offline = new IndexeddbPersistence(`journeyboard:${boardId}`, this.doc);
    void this.offline.whenSynced.then(() => this.update({ localLoaded: true }));
    // Connect only once the listeners below are in place, so the first state is right.
    this.provider = new WebsocketProvider(syncUrl(), boardId, this.doc, {
      maxBackoffTime: 5000,
      connect: false,
      params: { token },
    });
    this.commentsOffline = new IndexeddbPersistence(
      `journeyboard:${boardId}/comments`,
      this.comments,
    );
    this.commentsProvider = new WebsocketProvider(syncUrl(), `${boardId}/comments`, this.comments, {
      maxBackoffTime: 5000,
      connect: false,
      params: { token },
    });
    sendOwnAwarenessOnly(this.provider);
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
      if (synced) this.update({ synced: true, unsynced: 0 });
      this.refreshConnection();
    });
    this.provider.on('closed', (event) => {
      if (event.code === CloseCode.NOT_FOUND) this.update({ connection: 'not-found' });
      else if (event.code === CloseCode.UNAUTHORIZED && this.replacingLinks) {
        this.deniedWhileReplacing = true;
      } else if (event.code === CloseCode.UNAUTHORIZED || event.code === CloseCode.FORBIDDEN) {
        this.update({ connection: 'denied' });
      }
    });
    this.doc.on('update', (_update: Uint8Array, origin: unknown) => {
      const local = origin !== this.provider && origin !== this.offline;
      if (local && !this.isLive()) this.update({ unsynced: this.status.unsynced + 1 });
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
      if (this.deniedWhileReplacing) this.update({ connection: 'denied' });
      throw err;
    } finally {
      this.replacingLinks = false;
    }
  }

  /** Reconnects both documents with another link of this board. */
  private useToken(token: string): void {
    this.currentToken = token;
    for (const provider of [this.provider, this.commentsProvider]) {
      provider.params = { token };
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
