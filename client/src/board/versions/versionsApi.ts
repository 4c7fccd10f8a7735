/** The versions (review cycles) REST API, see docs/WIRE.md "Versions (review cycles) and diffs". */
import type { BoardDiff } from '../../../../shared/model/diffTypes.js';
import type { BoardJson } from '../../../../shared/model/json.js';
import type { MapType } from '../../../../shared/model/schema.js';
import { call, storedCreateToken, type CreatedBoard } from '../../api.js';

export type VersionTrigger = 'manual' | 'presenter-ended' | 'restore' | 'review-approved';

/** A named version as listed (its content is fetched with `openVersion`). */
export interface Version {
  id: string;
  boardId: string;
  label: string;
  note: string;
  author: string;
  /** ISO 8601 */
  createdAt: string;
  trigger: VersionTrigger;
}

/** One side of a server diff: a version, or the board as it was read. */
export type DiffEndpoint = Version | { id: 'current'; label: string; createdAt: string };
export type DiffAnswer = BoardDiff & { from: DiffEndpoint; to: DiffEndpoint };

export interface NewVersion {
  label: string;
  note?: string;
  author?: string;
  trigger?: 'manual' | 'presenter-ended';
}

const versionsPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/versions`;
const versionPath = (boardId: string, versionId: string) =>
  `${versionsPath(boardId)}/${encodeURIComponent(versionId)}`;

const changed = new Set<() => void>();

/** Calls `listener` whenever this page saved or restored a version; returns the unsubscribe. */
export function onVersionsChanged(listener: () => void): () => void {
  changed.add(listener);
  return () => changed.delete(listener);
}

function announce<T>(result: T): T {
  for (const listener of changed) listener();
  return result;
}

export const versionsApi = {
  list: (boardId: string, token: string) =>
    call<{ versions: Version[] }>(versionsPath(boardId), {}, token).then((r) => r.versions),
  /** Needs an editor (or owner) token. */
  save: (boardId: string, body: NewVersion, token: string) =>
    call<Version>(
      versionsPath(boardId),
      { method: 'POST', body: JSON.stringify(body) },
      token,
    ).then(announce),
  open: (boardId: string, versionId: string, token: string) =>
    call<{ version: Version; board: BoardJson }>(versionPath(boardId, versionId), {}, token),
  /** Needs an editor (or owner) token; `backup` is null when the board already equalled it. */
  restore: (boardId: string, versionId: string, author: string, token: string) =>
    call<{ restored: Version; backup: Version | null }>(
      `${versionPath(boardId, versionId)}/restore`,
      { method: 'POST', body: JSON.stringify({ author }) },
      token,
    ).then(announce),
  /** Needs the owner token, and the server's create token when it has one. */
  duplicate: (
    boardId: string,
    versionId: string,
    body: { title?: string; mapType?: MapType },
    token: string,
  ) => {
    const createToken = storedCreateToken();
    return call<CreatedBoard>(
      `${versionPath(boardId, versionId)}/duplicate`,
      {
        method: 'POST',
        body: JSON.stringify(body),
        headers: createToken ? { 'x-create-token': createToken } : {},
      },
      token,
    );
  },
  diff: (boardId: string, from: string, to: string, token: string) =>
    call<DiffAnswer>(
      `/api/boards/${encodeURIComponent(boardId)}/diff?${new URLSearchParams({ from, to })}`,
      {},
      token,
    ),
};
