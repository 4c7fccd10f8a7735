/** The inbox panel's contents: a board filter, "Mark all read", the items, older ones folded. */

import { useCallback, useEffect, useMemo, useState } from 'react';
import { relativeTime } from '../ui/time.js';
import { describeItem, inboxApi, itemHref, type InboxItem } from './inboxApi.js';

interface InboxListProps {
  /** The live count: a change reloads the newest items. */
  unread: number | null;
  onUnread(count: number): void;
  onOpenItem(href: string): void;
  describeError(err: unknown): string;
}

interface Loaded {
  items: InboxItem[];
  next: string | null;
}

export function InboxList({ unread, onUnread, onOpenItem, describeError }: InboxListProps) {
  const [board, setBoard] = useState('');
  const [recent, setRecent] = useState<Loaded | null>(null);
  const [older, setOlder] = useState<Loaded | null>(null);
  const [showOlder, setShowOlder] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  // Every board seen in the lists so far: the filter keeps its choices while filtering.
  const [boards, setBoards] = useState<Map<string, string>>(new Map());

  const noteBoards = useCallback((items: InboxItem[]) => {
    setBoards((known) => {
      const next = new Map(known);
      for (const i of items) if (i.boardId) next.set(i.boardId, i.boardTitle ?? 'Untitled map');
      return next.size === known.size ? known : next;
    });
  }, []);

  const load = useCallback(
    async (folded: boolean, before?: string) => {
      setBusy(true);
      setError(null);
      try {
        const page = await inboxApi.list({ board: board || undefined, before, folded });
        noteBoards(page.items);
        onUnread(page.unread);
        const set = folded ? setOlder : setRecent;
        set((prev) => ({
          items: before && prev ? [...prev.items, ...page.items] : page.items,
          next: page.next,
        }));
      } catch (err) {
        setError(`Could not load the inbox: ${describeError(err)}`);
      } finally {
        setBusy(false);
      }
    },
    [board, describeError, noteBoards, onUnread],
  );

  useEffect(() => {
    setOlder(null);
    setShowOlder(false);
    void load(false);
  }, [load]);

  // Something arrived (or was read elsewhere) while the panel is open: show it.
  const [shownCount, setShownCount] = useState(unread);
  if (unread !== shownCount) {
    setShownCount(unread);
    if (recent && !busy) void load(false);
  }

  const markAllRead = async () => {
    try {
      const { unread } = await inboxApi.read(board ? { boardId: board } : { all: true });
      onUnread(unread);
      const now = new Date().toISOString();
      const mark = (l: Loaded | null) =>
        l && { ...l, items: l.items.map((i) => ({ ...i, readAt: i.readAt ?? now })) };
      setRecent(mark);
      setOlder(mark);
    } catch (err) {
      setError(`Could not mark read: ${describeError(err)}`);
    }
  };

  const open = (item: InboxItem) => {
    const href = itemHref(item);
    if (!item.readAt)
      inboxApi
        .read({ ids: [item.id] })
        .then(({ unread }) => onUnread(unread))
        .catch(() => {});
    if (href) onOpenItem(href);
  };

  const boardChoices = useMemo(
    () => [...boards].sort((a, b) => a[1].localeCompare(b[1])),
    [boards],
  );
  const anyUnread = recent?.items.some((i) => !i.readAt) ?? false;

  return (
    <div className="inbox-body">
      <div className="inbox-toolbar">
        <label className="inbox-filter">
          <span className="sr-only">Board</span>
          <select
            value={board}
            onChange={(e) => setBoard(e.target.value)}
            data-testid="inbox-board-filter"
          >
            <option value="">All boards</option>
            {boardChoices.map(([id, title]) => (
              <option key={id} value={id}>
                {title}
              </option>
            ))}
          </select>
        </label>
        <button
          type="button"
          className="btn btn-ghost"
          onClick={() => void markAllRead()}
          disabled={!anyUnread}
          data-testid="inbox-mark-all"
        >
          Mark all read
        </button>
      </div>
      {error && (
        <p className="inbox-error" role="alert">
          {error}
        </p>
      )}
      {recent === null && busy && <p className="inbox-empty">Loading…</p>}
      {recent && (
        <ItemList loaded={recent} onOpen={open} onMore={(c) => void load(false, c)} busy={busy} />
      )}
      {recent && recent.items.length === 0 && (
        <p className="inbox-empty">Nothing here yet. Mentions and replies will show up here.</p>
      )}
      <button
        type="button"
        className="btn btn-ghost inbox-older"
        aria-expanded={showOlder}
        onClick={() => {
          setShowOlder((s) => !s);
          if (!older) void load(true);
        }}
      >
        {showOlder ? 'Hide items older than 90 days' : 'Older than 90 days'}
      </button>
      {showOlder && older && (
        <ItemList loaded={older} onOpen={open} onMore={(c) => void load(true, c)} busy={busy} />
      )}
    </div>
  );
}

function ItemList(props: {
  loaded: Loaded;
  onOpen(item: InboxItem): void;
  onMore(cursor: string): void;
  busy: boolean;
}) {
  const now = Date.now();
  return (
    <>
      <ul className="inbox-items">
        {props.loaded.items.map((item) => (
          <li key={item.id}>
            <button
              type="button"
              className="inbox-item"
              data-unread={!item.readAt}
              data-kind={item.kind}
              data-testid="inbox-item"
              onClick={() => props.onOpen(item)}
            >
              <span className="inbox-item-line">
                {item.kind === 'map-stale' ? (
                  <strong>Time to review this map</strong>
                ) : (
                  <>
                    <strong>{item.actor.name}</strong> {describeItem(item)}
                  </>
                )}
                {!item.readAt && <span className="sr-only"> (unread)</span>}
              </span>
              <span className="inbox-item-meta">
                {item.boardTitle ?? (item.kind === 'added-to-workspace' ? 'Workspace' : '')}
                {' · '}
                <time dateTime={item.createdAt}>{relativeTime(item.createdAt, now)}</time>
              </span>
              {item.excerpt && <span className="inbox-item-excerpt">{item.excerpt}</span>}
              {item.emailState === 'failed' && (
                <span className="inbox-item-mail-failed" data-testid="inbox-mail-failed">
                  E-mail failed: the mail server did not take it for a day
                </span>
              )}
            </button>
          </li>
        ))}
      </ul>
      {props.loaded.next && (
        <button
          type="button"
          className="btn btn-ghost inbox-more"
          disabled={props.busy}
          onClick={() => props.onMore(props.loaded.next!)}
        >
          More
        </button>
      )}
    </>
  );
}
