import { useEffect, useState } from 'react';

/**
 * The live unread count (W165): one EventSource per page on `/api/inbox/events`, which the
 * browser reconnects by itself. Null until the server first answers.
 */
export function useInboxCount(enabled: boolean): [number | null, (n: number) => void] {
  const [unread, setUnread] = useState<number | null>(null);
  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/inbox/events');
    const onInbox = (event: MessageEvent<string>) => {
      try {
        const { unread: count } = JSON.parse(event.data) as { unread: number };
        if (Number.isInteger(count)) setUnread(count);
      } catch {
        // A malformed event changes nothing; the next one will.
      }
    };
    source.addEventListener('inbox', onInbox);
    return () => {
      source.removeEventListener('inbox', onInbox);
      source.close();
    };
  }, [enabled]);
  return [unread, setUnread];
}
