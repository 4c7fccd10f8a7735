import { describeKind, itemPath, type NotificationKind } from '../../../shared/protocol/inbox.js';
import { call } from '../api.js';

export type InboxKind = NotificationKind;

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
  /** The e-mail that carries it (W176): `failed` once given up. */
  emailState: 'queued' | 'sent' | 'failed' | null;
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
export const describeItem = (item: InboxItem): string => describeKind(item.kind);

/** Where an item leads: the board, at its thread when it has one (W166). */
export const itemHref = (item: InboxItem): string | null => itemPath(item);

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
