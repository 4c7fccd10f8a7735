/** The activity REST API, see docs/WIRE.md "Activity feed". */
import type { ActivityEntry, ActivitySummary } from '../../../../shared/model/activity.js';
import { call } from '../../api.js';

export interface ActivityPage {
  entries: ActivityEntry[];
  /** Pass as `before` for the next (older) page; null on the last one. */
  next: string | null;
}

export interface SinceAnswer {
  seenAt: string;
  /** Unseen entries, newest first (up to the limit asked). */
  entries: ActivityEntry[];
  truncated: boolean;
  summary: ActivitySummary;
}

export interface SinceRequest {
  /** Base64 `Y.encodeStateVector` of the board as the reader last saw it (absent: by time). */
  stateVector?: string;
  seenAt: string;
  excludeAuthorId?: string;
  limit?: number;
}

const activityPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/activity`;

const seenPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/seen`;

export const activityApi = {
  /** When the signed-in person last looked at the board, on any device. */
  seen: (boardId: string, token: string) =>
    call<{ seenAt: string | null }>(seenPath(boardId), {}, token),
  /** Tells the server this person looked now; survives the page closing (keepalive). */
  markSeen(boardId: string, token: string, seenAt: string): void {
    void fetch(seenPath(boardId), {
      method: 'PUT',
      keepalive: true,
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body: JSON.stringify({ seenAt }),
    }).catch(() => {});
  },
  page: (boardId: string, token: string, options: { limit?: number; before?: string } = {}) => {
    const query = new URLSearchParams();
    if (options.limit) query.set('limit', String(options.limit));
    if (options.before) query.set('before', options.before);
    const qs = query.size ? `?${query}` : '';
    return call<ActivityPage>(`${activityPath(boardId)}${qs}`, {}, token);
  },
  since: (boardId: string, token: string, body: SinceRequest) =>
    call<SinceAnswer>(
      `${activityPath(boardId)}/since`,
      { method: 'POST', body: JSON.stringify(body) },
      token,
    ),
};
