/** Loading the version list and version contents for the versions panel. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { docFromJson, parseBoardJson, type BoardJson } from '../../../../shared/model/json.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { readBoard } from '../../../../shared/model/snapshot.js';
import { errorMessage } from '../../ui/errors.js';
import type { BoardSession } from '../core/session.js';
import { onVersionsChanged, versionsApi, type Version } from './versionsApi.js';

export type VersionList =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; versions: Version[]; refreshing: boolean };

/** Others save versions too (and presentations end elsewhere): an open list looks again this often. */
const POLL_MS = 20_000;

/**
 * The board's versions, newest first; fetched on mount, whenever this page saves one, and
 * quietly every POLL_MS while the page is visible (a failed quiet look keeps the list shown).
 */
export function useVersionList(session: BoardSession): VersionList & { refresh(): void } {
  const [list, setList] = useState<VersionList>({ status: 'loading' });
  const latest = useRef({ request: 0 });
  const load = useCallback(
    (quiet: boolean) => {
      const request = ++latest.current.request;
      if (!quiet)
        setList((prev) => (prev.status === 'ready' ? { ...prev, refreshing: true } : prev));
      versionsApi.list(session.boardId, session.token).then(
        (versions) => {
          if (request === latest.current.request)
            setList({ status: 'ready', versions, refreshing: false });
        },
        (err: unknown) => {
          if (request === latest.current.request && !quiet)
            setList({ status: 'error', message: errorMessage(err) });
        },
      );
    },
    [session],
  );
  const refresh = useCallback(() => load(false), [load]);
  useEffect(() => {
    const requests = latest.current;
    refresh();
    const unsubscribe = onVersionsChanged(refresh);
    const timer = setInterval(() => {
      if (document.visibilityState === 'visible') load(true);
    }, POLL_MS);
    return () => {
      unsubscribe();
      clearInterval(timer);
      // Answers arriving after the panel closed are dropped.
      requests.request++;
    };
  }, [refresh, load]);
  return { ...list, refresh };
}

/** A version's board as JSON, validated (a version is immutable, so one fetch per page). */
export function useVersionContent(session: BoardSession) {
  const cache = useRef(new Map<string, Promise<BoardJson>>());
  return useCallback(
    (versionId: string): Promise<BoardJson> => {
      let pending = cache.current.get(versionId);
      if (!pending) {
        pending = versionsApi.open(session.boardId, versionId, session.token).then(({ board }) => {
          const parsed = parseBoardJson(board);
          if (!parsed.ok) {
            const issue = parsed.issues[0];
            throw new Error(`This version cannot be read (${issue?.path}: ${issue?.message})`);
          }
          return parsed.board;
        });
        pending.catch(() => cache.current.delete(versionId));
        cache.current.set(versionId, pending);
      }
      return pending;
    },
    [session],
  );
}

/** A detached, read-only copy of a version: its doc (for the canvas) and snapshot. */
export function versionDoc(board: BoardJson): { doc: Y.Doc; snapshot: BoardSnapshot } {
  const doc = docFromJson(board);
  return { doc, snapshot: readBoard(doc) };
}
