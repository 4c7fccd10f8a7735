import * as Y from 'yjs';
import { z } from 'zod';
import {
  initBoard,
  listingMeta,
  setMapType,
  setPersona,
  setScenario,
  setTitle,
} from '../shared/model/board.js';
import { importBoard, toBoardJson, type BoardJson } from '../shared/model/json.js';
import { readLinks, type BoardLink } from '../shared/model/links.js';
import { readSharedCopies } from '../shared/model/sharedCards.js';
import { newId } from '../shared/model/order.js';
import { MAP_TYPES } from '../shared/model/schema.js';
import { readBoardChecked } from '../shared/model/snapshot.js';
import { TEMPLATE_IDS, applyTemplate } from '../shared/model/templates.js';
import { isBoardId } from '../shared/protocol/boardId.js';
import type { BoardBuilt, BoardState } from './imports/jobs.js';
import { watchMetricAlerts, type NewMetricAlerts } from './metricAlertWatch.js';
import { applyStoredDoc } from './storage/compaction.js';
import type { BoardRecord, Storage } from './storage/storage.js';
import type { RoomRegistry } from './sync/roomRegistry.js';
import type { UnreadableReporter } from './unreadable.js';
import { SERVER_ORIGIN } from './updateOrigin.js';
import { Versions, type BoardImporter } from './versions.js';

export const createBoardBody = z.strictObject({
  title: z.string().trim().min(1, 'title must not be empty').max(200),
  template: z.enum(TEMPLATE_IDS).optional(),
  /** For a board without a template. */
  mapType: z.enum(MAP_TYPES).optional(),
  scenario: z.string().max(2000).optional(),
  persona: z
    .strictObject({
      name: z.string().max(200).optional(),
      description: z.string().max(2000).optional(),
    })
    .optional(),
});
export type CreateBoardBody = z.infer<typeof createBoardBody>;

export const updateBoardBody = createBoardBody
  .omit({ template: true })
  .partial()
  .refine(
    (b) => Object.keys(b).length > 0,
    'give at least one of title, mapType, scenario, persona',
  );
export type UpdateBoardBody = z.infer<typeof updateBoardBody>;

/** Board lifecycle over storage and the live rooms; the REST layer only translates HTTP. */
export class Boards implements BoardImporter {
  /** Named versions of the boards (review cycles). */
  readonly versions: Versions;
  private readonly createdListeners: ((boardId: string) => void)[] = [];
  private readonly alertListeners: ((news: NewMetricAlerts) => void)[] = [];

  constructor(
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
    /** Told when a read skips data it cannot read (see server/unreadable.ts). */
    private readonly reportUnreadable: UnreadableReporter = () => {},
  ) {
    this.versions = new Versions(storage, registry, this, reportUnreadable);
  }

  /** Hears every board made here (new, imported, duplicated), once it is stored. */
  onCreated(listener: (boardId: string) => void): void {
    this.createdListeners.push(listener);
  }

  async create(body: CreateBoardBody): Promise<BoardRecord> {
    const doc = new Y.Doc();
    const meta = { title: body.title, scenario: body.scenario, persona: body.persona };
    if (body.template) applyTemplate(doc, body.template, meta);
    else initBoard(doc, { ...meta, mapType: body.mapType ?? 'current-state' });
    return this.store(doc);
  }

  /** A new board (new id) holding an exported board; ids inside the board are kept. */
  async import(board: BoardJson): Promise<BoardRecord> {
    const doc = new Y.Doc();
    importBoard(doc, board);
    return this.store(doc);
  }

  /** A new board from a doc an import worker built (server/imports/jobs.ts). */
  async importBuilt(
    built: Pick<BoardBuilt, 'meta' | 'update' | 'links' | 'copies'>,
  ): Promise<BoardRecord> {
    const record: BoardRecord = {
      id: newId(),
      ...built.meta,
      updatedAt: new Date().toISOString(),
      keyVersion: 1,
    };
    await this.storage.createBoard(record, built.update);
    // The index knows the new board's links at once (W243), before anyone opens it.
    if (built.links?.length) await this.storage.links.setLinks(record.id, built.links);
    if (built.copies?.length) await this.storage.links.setSharedCopies(record.id, built.copies);
    for (const listener of this.createdListeners) listener(record.id);
    return record;
  }

  private async store(doc: Y.Doc): Promise<BoardRecord> {
    const meta = listingMeta(doc);
    const update = Y.encodeStateAsUpdate(doc);
    const links = readLinks(doc);
    const copies = readSharedCopies(doc);
    doc.destroy();
    return this.importBuilt({ meta, update, links, copies });
  }

  /**
   * The board's document as a worker can rebuild it: the live room's state when loaded (it
   * has edits storage may not yet), else what storage holds. Null when there is no such board.
   */
  async state(id: string): Promise<BoardState | null> {
    if (!(await this.get(id))) return null;
    const live = this.registry.loaded(id);
    if (live) return { snapshot: Y.encodeStateAsUpdate(live.doc), updates: [] };
    const { snapshot, updates } = await this.storage.loadDoc(id);
    return { snapshot, updates };
  }

  /** The links a board holds (W241): the live room's when loaded (newest), else the index's. */
  async linksOf(id: string): Promise<BoardLink[]> {
    const live = this.registry.loaded(id);
    if (live) return readLinks(live.doc);
    const stored = await this.storage.links.linksFrom(id);
    return stored.map(({ itemKind, itemId, boardId }) => ({ itemKind, itemId, boardId }));
  }

  list(): Promise<BoardRecord[]> {
    return this.storage.listBoards();
  }

  async get(id: string): Promise<BoardRecord | null> {
    return isBoardId(id) ? this.storage.getBoard(id) : null;
  }

  /** The board as open JSON: from the live room when loaded (newest), else from storage. */
  async exportJson(id: string): Promise<BoardJson | null> {
    if (!(await this.get(id))) return null;
    const exportOf = (doc: Y.Doc) => {
      const { board, unreadable } = readBoardChecked(doc);
      this.reportUnreadable(id, 'export', unreadable);
      return toBoardJson(board);
    };
    const live = this.registry.loaded(id);
    if (live) return exportOf(live.doc);
    const doc = new Y.Doc();
    applyStoredDoc(doc, await this.storage.loadDoc(id), null);
    try {
      return exportOf(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Changes the board's meta through its live room (loading it if needed), so connected
   * editors see the change at once and it is written like any other edit.
   */
  async updateMeta(id: string, patch: UpdateBoardBody): Promise<BoardRecord | null> {
    if (!(await this.get(id))) return null;
    const room = await this.registry.acquire({ boardId: id, kind: 'board', docName: id });
    try {
      room.doc.transact(() => {
        if (patch.title !== undefined) setTitle(room.doc, patch.title);
        if (patch.mapType !== undefined) setMapType(room.doc, patch.mapType);
        if (patch.scenario !== undefined) setScenario(room.doc, patch.scenario);
        if (patch.persona !== undefined) setPersona(room.doc, patch.persona);
      }, SERVER_ORIGIN);
      const { title, mapType, persona } = listingMeta(room.doc);
      await this.storage.updateBoardMeta(id, { title, mapType, persona });
    } finally {
      this.registry.release(room);
    }
    return this.storage.getBoard(id);
  }

  /**
   * Runs `change` on the board's live document (loading the room if needed), like updateMeta,
   * so connected clients see the edit at once and it is stored like any other. Null when the
   * board does not exist. Used by the survey import and the metrics ingestion API: metric
   * alerts the change starts are told to `onNewMetricAlerts` listeners (W299).
   */
  async changeLive<T>(id: string, change: (doc: Y.Doc) => T): Promise<{ value: T } | null> {
    if (!(await this.get(id))) return null;
    const room = await this.registry.acquire({ boardId: id, kind: 'board', docName: id });
    try {
      if (this.alertListeners.length === 0) return { value: change(room.doc) };
      const stop = watchMetricAlerts(room.doc);
      let value: T;
      try {
        value = change(room.doc);
      } finally {
        const alerts = stop();
        if (alerts.length > 0)
          for (const listener of this.alertListeners) listener({ boardId: id, alerts });
      }
      return { value };
    } finally {
      this.registry.release(room);
    }
  }

  /** Calls `listener` with the metric alerts a live change started (the inbox, W299). */
  onNewMetricAlerts(listener: (news: NewMetricAlerts) => void): void {
    this.alertListeners.push(listener);
  }

  /**
   * Replaces every share link of a board: old tokens stop working at once and the sockets
   * opened with them are closed (4401). Returns the new key version, or null if unknown.
   */
  async rotateKey(id: string): Promise<number | null> {
    if (!isBoardId(id)) return null;
    const keyVersion = await this.storage.rotateKey(id);
    if (keyVersion !== null) this.registry.closeStaleKeys(id, keyVersion);
    return keyVersion;
  }

  async delete(id: string): Promise<boolean> {
    if (!isBoardId(id)) return false;
    await this.registry.dropBoard(id);
    return this.storage.deleteBoard(id);
  }
}
