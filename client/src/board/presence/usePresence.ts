import { useEffect, useMemo, useSyncExternalStore } from 'react';
import type { Awareness } from 'y-protocols/awareness';
import type { AwarenessState, AwarenessUser } from '../../../../shared/protocol/awareness.js';
import type { Viewport } from '../core/viewport.js';
import { PresenceStore } from './presenceStore.js';

export type { Peer } from './presenceStore.js';

/** How often a moving cursor is published at most (≈30 per second). */
const CURSOR_INTERVAL_MS = 33;
const VIEWPORT_INTERVAL_MS = 100;
export const IDLE_AFTER_MS = 30_000;

/** Calls `fn` at most once per `ms`, always with the latest value, and never with a stale one. */
function throttle<T>(fn: (value: T) => void, ms: number) {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let pending: { value: T } | null = null;
  const flush = () => {
    timer = null;
    if (!pending) return;
    last = Date.now();
    const { value } = pending;
    pending = null;
    fn(value);
  };
  const call = (value: T) => {
    pending = { value };
    const wait = ms - (Date.now() - last);
    if (wait <= 0) flush();
    else timer ??= setTimeout(flush, wait);
  };
  call.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return call;
}

const sameCursor = (a: AwarenessState['cursor'], b: AwarenessState['cursor']) =>
  a === b || (!!a && !!b && a.x === b.x && a.y === b.y);

/**
 * Publishes this user's presence (who, cursor, selection, what they edit, viewport, follow and
 * presenter state) and returns everyone else's: `peers` re-renders only when people come, go or
 * change something other than their cursor or viewport (throttled, W236); `store` has the live
 * cursors for the cursor layer. Cursor and viewport updates are throttled and only sent when
 * they change.
 */
export function usePresence(awareness: Awareness, me: AwarenessUser) {
  const store = useMemo(() => new PresenceStore(awareness), [awareness]);
  useEffect(() => store.attach(), [store]);
  const peers = useSyncExternalStore(store.onRoster, store.peers);

  useEffect(() => {
    awareness.setLocalStateField('user', { id: me.id, name: me.name, color: me.color });
  }, [awareness, me.id, me.name, me.color]);

  const publish = useMemo(() => {
    let lastCursor: AwarenessState['cursor'] = null;
    const cursor = throttle((point: { x: number; y: number } | null) => {
      const rounded = point && { x: Math.round(point.x), y: Math.round(point.y) };
      if (sameCursor(rounded, lastCursor)) return;
      lastCursor = rounded;
      awareness.setLocalStateField('cursor', rounded);
    }, CURSOR_INTERVAL_MS);
    const viewport = throttle((v: Viewport) => {
      awareness.setLocalStateField('viewport', {
        x: Math.round(v.x),
        y: Math.round(v.y),
        zoom: Math.round(v.zoom * 1000) / 1000,
      });
    }, VIEWPORT_INTERVAL_MS);
    return {
      cursor,
      viewport,
      field<K extends 'selection' | 'editing' | 'following' | 'presenting'>(
        key: K,
        value: AwarenessState[K],
      ) {
        awareness.setLocalStateField(key, value);
      },
    };
  }, [awareness]);

  useEffect(
    () => () => {
      publish.cursor.cancel();
      publish.viewport.cancel();
    },
    [publish],
  );

  return { peers, publish, store };
}
