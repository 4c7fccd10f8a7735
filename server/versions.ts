import * as Y from 'yjs';
import { z } from 'zod';
import { TITLE_MAX } from '../shared/model/board.js';
import { ModelError } from '../shared/model/doc.js';
import { diffBoards, type BoardDiff } from '../shared/model/diff.js';
import { parseBoardJson, toBoardJson, type BoardJson } from '../shared/model/json.js';
import { newId } from '../shared/model/order.js';
import { reconcile, sameBoard } from '../shared/model/reconcile.js';
import { MAP_TYPES } from '../shared/model/schema.js';
import type { Unreadable } from '../shared/model/read.js';
import { readBoardChecked, type CheckedBoard } from '../shared/model/snapshot.js';
import { applyStoredDoc } from './storage/compaction.js';
import type {
  BoardRecord,
  Storage,
  VersionMeta,
  VersionRecord,
  VersionTrigger,
} from './storage/storage.js';
import type { RoomRegistry } from './sync/roomRegistry.js';
import type { UnreadableReporter } from './unreadable.js';
import { SERVER_ORIGIN } from './updateOrigin.js';

/** There are no user accounts: an author is a self-declared name, else the token's role. */
const author = z.string().trim().min(1, 'author must not be empty').max(100);

export const saveVersionBody = z.strictObject({
  label: z.string().trim().min(1, 'label must not be empty').max(200),
  note: z.string().trim().max(5000).optional(),
  author: author.optional(),
  /** 'restore' versions are only made by the server, before a restore. */
  trigger: z.enum(['manual', 'presenter-ended']).optional(),
});
export type SaveVersionBody = z.infer<typeof saveVersionBody>;

export const restoreBody = z.strictObject({ author: author.optional() });

export const duplicateBody = z.strictObject({
  title: z.string().trim().min(1, 'title must not be empty').max(TITLE_MAX).optional(),
  mapType: z.enum(MAP_TYPES).optional(),
});
export type DuplicateBody = z.infer<typeof duplicateBody>;

const VERSION_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const isVersionId = (id: string): boolean => VERSION_ID.test(id);

/** A version id, or `current` for the board as it is now. */
const ref = z.union([z.literal('current'), z.string().regex(VERSION_ID, 'not a version id')]);
export const diffQuery = z.object({ from: ref, to: ref.default('current') });

/** One side of a diff: a version, or the board now (`id: 'current'`, read at `createdAt`). */
export type DiffEndpoint = VersionMeta | { id: 'current'; label: string; createdAt: string };
export type DiffAnswer = BoardDiff & { from: DiffEndpoint; to: DiffEndpoint };

const meta = ({ state: _state, ...rest }: VersionRecord): VersionMeta => rest;

function snapshotOf(state: Uint8Array): CheckedBoard {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, state);
    return readBoardChecked(doc);
  } finally {
    doc.destroy();
  }
}

/** Where a duplicated version becomes a new board (server/boards.ts's Boards). */
export interface BoardImporter {
  import(board: BoardJson): Promise<BoardRecord>;
}

/**
 * Named versions of a board (review cycles): save, open, restore (a normal change on top of the
 * live doc, after saving the state it replaces), duplicate as a new board, and diff.
 */
export class Versions {
  constructor(
    private readonly storage: Storage,
    private readonly registry: RoomRegistry,
    private readonly boards: BoardImporter,
    private readonly reportUnreadable: UnreadableReporter = () => {},
  ) {}

  /** A version's board; what it could not read is reported as `read`. */
  private versionBoard(version: VersionRecord, read: 'version' | 'restore' | 'duplicate') {
    const { board, unreadable } = snapshotOf(version.state);
    this.reportUnreadable(version.boardId, read, unreadable);
    return board;
  }

  /** Runs `read` on the newest state: the live room's doc when loaded, else one from storage. */
  private async current<T>(boardId: string, read: (doc: Y.Doc) => T): Promise<T> {
    const live = this.registry.loaded(boardId);
    if (live) return read(live.doc);
    const doc = new Y.Doc();
    try {
      applyStoredDoc(doc, await this.storage.loadDoc(boardId), null);
      return read(doc);
    } finally {
      doc.destroy();
    }
  }

  list(boardId: string): Promise<VersionMeta[]> {
    return this.storage.listVersions(boardId);
  }

  private async store(
    boardId: string,
    state: Uint8Array,
    fields: { label: string; note?: string; author: string; trigger: VersionTrigger },
  ): Promise<VersionMeta | null> {
    const version: VersionRecord = {
      id: newId(),
      boardId,
      label: fields.label,
      note: fields.note ?? '',
      author: fields.author,
      createdAt: new Date().toISOString(),
      trigger: fields.trigger,
      state,
    };
    return (await this.storage.saveVersion(version)) ? meta(version) : null;
  }

  /** Saves the board as it is now; null when the board does not exist. */
  async save(
    boardId: string,
    body: Omit<SaveVersionBody, 'trigger'> & { trigger?: VersionTrigger },
    role: string,
  ): Promise<VersionMeta | null> {
    const state = await this.current(boardId, (doc) => Y.encodeStateAsUpdate(doc));
    return this.store(boardId, state, {
      ...body,
      author: body.author ?? role,
      trigger: body.trigger ?? 'manual',
    });
  }

  async open(boardId: string, versionId: string) {
    const version = await this.storage.getVersion(boardId, versionId);
    if (!version) return null;
    return { version: meta(version), board: toBoardJson(this.versionBoard(version, 'version')) };
  }

  /**
   * Makes the live board read as the version, as one change on top of its history. The state
   * it replaces is saved first as a 'restore' version (none when nothing would change). Edits
   * arriving while that save is written are replaced too, like any edit concurrent with a
   * restore; they stay in the document's history. Throws ModelError for an invalid version.
   */
  async restore(boardId: string, versionId: string, by: string) {
    const version = await this.storage.getVersion(boardId, versionId);
    if (!version) return null;
    const target = this.versionBoard(version, 'restore');
    const room = await this.registry.acquire({ boardId, kind: 'board', docName: boardId });
    try {
      let backup: VersionMeta | null = null;
      if (!sameBoard(room.doc, target)) {
        const parsed = parseBoardJson(toBoardJson(target));
        if (!parsed.ok) {
          const [first] = parsed.issues;
          throw new ModelError(`the version is not a valid board: ${first?.message}`, first?.path);
        }
        backup = await this.store(boardId, Y.encodeStateAsUpdate(room.doc), {
          label: `Before restoring "${version.label}"`,
          author: by,
          trigger: 'restore',
        });
        if (!backup) return null;
        reconcile(room.doc, target, SERVER_ORIGIN);
        const { title, mapType } = target.meta;
        await this.storage.updateBoardMeta(boardId, { title, mapType });
      }
      return { restored: meta(version), backup };
    } finally {
      this.registry.release(room);
    }
  }

  /** A new board holding the version, card ids kept (so the two can be diffed card by card). */
  async duplicate(
    boardId: string,
    versionId: string,
    body: DuplicateBody,
  ): Promise<BoardRecord | null> {
    const version = await this.storage.getVersion(boardId, versionId);
    if (!version) return null;
    const json: BoardJson = toBoardJson(this.versionBoard(version, 'duplicate'));
    const title = body.title ?? `${json.meta.title} (${version.label})`.slice(0, TITLE_MAX);
    json.meta = {
      ...json.meta,
      title,
      mapType: body.mapType ?? json.meta.mapType,
      createdAt: new Date().toISOString(),
    };
    const parsed = parseBoardJson(json);
    if (!parsed.ok) {
      const [first] = parsed.issues;
      throw new ModelError(`the version is not a valid board: ${first?.message}`, first?.path);
    }
    return this.boards.import(parsed.board);
  }

  private async side(
    boardId: string,
    id: string,
  ): Promise<(CheckedBoard & { endpoint: DiffEndpoint }) | null> {
    if (id === 'current') {
      const endpoint = { id, label: 'Current state', createdAt: new Date().toISOString() } as const;
      return { endpoint, ...(await this.current(boardId, readBoardChecked)) };
    }
    const version = await this.storage.getVersion(boardId, id);
    return version ? { endpoint: meta(version), ...snapshotOf(version.state) } : null;
  }

  /** The diff between two versions (or a version and now); `missing` names an unknown side. */
  async diff(
    boardId: string,
    from: string,
    to: string,
  ): Promise<DiffAnswer | { missing: 'from' | 'to'; id: string }> {
    const a = await this.side(boardId, from);
    if (!a) return { missing: 'from', id: from };
    const b = await this.side(boardId, to);
    if (!b) return { missing: 'to', id: to };
    // One report per request, for both sides.
    const unreadable: Unreadable[] = [...a.unreadable, ...b.unreadable];
    this.reportUnreadable(boardId, 'diff', unreadable);
    return { from: a.endpoint, to: b.endpoint, ...diffBoards(a.board, b.board) };
  }
}
