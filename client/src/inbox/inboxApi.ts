import { call } from '../api.js';

export type InboxKind =
  | 'mention'
  | 'reply'
  | 'resolved'
  | 'reopened'
  | 'added-to-workspace'
  | 'added-to-board'
  | 'review-requested'
  | 'review-answered'
  | 'review-approved'
  | 'review-cancelled'
  | 'review-overdue'
  | 'map-stale';

/** One item as `GET /api/inbox` lists it (W159). */
export interface InboxItem {
  id: string;
  kind: InboxKind;
  boardId: string | null;
  boardTitle: string | null;
  threadId: string | null;
  messageId: string | null;
  workspaceId: string | null;
  actor: { id: string | null; name: string };
  excerpt: string;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  items: InboxItem[];
  next: string | null;
  unread: number;
}

export type ReadSelection =
  { ids: string[] } | { all: true } | { boardId: string } | { threadId: string; boardId?: string };

const json = (body: unknown): RequestInit => ({ method: 'POST', body: JSON.stringify(body) });

/** The signed-in person's inbox (the session cookie goes along). */
export const inboxApi = {
  list(query: { board?: string; before?: string; folded?: boolean } = {}) {
    const params = new URLSearchParams();
    if (query.board) params.set('board', query.board);
    if (query.before) params.set('before', query.before);
    if (query.folded) params.set('folded', '1');
    const qs = params.toString();
    return call<InboxPage>(`/api/inbox${qs ? `?${qs}` : ''}`);
  },
  read: (which: ReadSelection) =>
    call<{ marked: number; unread: number }>('/api/inbox/read', json(which)),
};

/** What an item says happened, after the actor's name. */
export function describeItem(item: InboxItem): string {
  switch (item.kind) {
    case 'mention':
      return 'mentioned you';
    case 'reply':
      return 'replied in a thread you follow';
    case 'resolved':
      return 'resolved a thread you follow';
    case 'reopened':
      return 'reopened a thread you follow';
    case 'added-to-workspace':
      return 'added you to a workspace';
    case 'added-to-board':
      return 'gave you a role on a board';
    case 'review-requested':
      return 'asked you to review a map';
    case 'review-answered':
      return 'answered your review request';
    case 'review-approved':
      return 'approved a map under review';
    case 'review-cancelled':
      return 'withdrew a review request';
    case 'review-overdue':
      return 'is still waiting for your review';
    case 'map-stale':
      return 'says this map is due for a review';
  }
}

/** Where an item leads: the board, at its thread when it has one (W166). */
export function itemHref(item: InboxItem): string | null {
  if (!item.boardId) return item.kind === 'added-to-workspace' ? '/' : null;
  const board = `/b/${encodeURIComponent(item.boardId)}`;
  // A stale map opens where its review history and reminder are (W184).
  if (item.kind === 'map-stale') return `${board}?panel=versions`;
  return item.threadId ? `${board}?thread=${encodeURIComponent(item.threadId)}` : board;
}

/** "Inbox, 3 unread": the bell's accessible name, also announced when it changes. */
export function bellLabel(unread: number | null): string {
  if (unread === null) return 'Inbox';
  return unread === 0 ? 'Inbox, no unread items' : `Inbox, ${unread} unread`;
}

/** Whether the address asks for the versions panel (`?panel=versions`, W184). */
export function versionsParam(search: string): boolean {
  return new URLSearchParams(search).get('panel') === 'versions';
}

/** The thread an address names (`/b/<id>?thread=<threadId>`, W166), or null. */
export function threadParam(search: string): string | null {
  const thread = new URLSearchParams(search).get('thread');
  return thread && /^[\w-]{1,64}$/.test(thread) ? thread : null;
}
