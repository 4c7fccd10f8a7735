import { useCallback, useEffect, useState } from 'react';
import type { Viewport } from '../core/viewport.js';
import type { PresenceStore, Peer } from './presenceStore.js';

/**
 * Follow mode and presenter mode. I follow someone I picked, or whoever presents unless I
 * opted out of that presentation; my viewport then tracks theirs (centre and zoom) until I pan,
 * zoom or press Esc. Viewports travel as their centre, so screens of any size line up. The
 * followed view is read from the store as it moves, so no one else's pan re-renders anything.
 */
export function useFollow(
  peers: Peer[],
  store: PresenceStore,
  size: { w: number; h: number },
  setViewport: (v: Viewport) => void,
) {
  const [picked, setPicked] = useState<number | null>(null);
  const [optedOut, setOptedOut] = useState<number | null>(null);
  const presenter = peers.find((p) => p.presenting);
  const followedId =
    (picked !== null && peers.some((p) => p.clientId === picked) ? picked : null) ??
    (presenter && presenter.clientId !== optedOut ? presenter.clientId : null);
  const followed = peers.find((p) => p.clientId === followedId) ?? null;

  useEffect(() => {
    if (followedId === null) return;
    let last: Viewport | undefined;
    const track = () => {
      const target = store.peer(followedId)?.viewport;
      if (
        !target ||
        (last && last.x === target.x && last.y === target.y && last.zoom === target.zoom)
      )
        return;
      last = target;
      setViewport({
        x: target.x - size.w / 2 / target.zoom,
        y: target.y - size.h / 2 / target.zoom,
        zoom: target.zoom,
      });
    };
    track();
    return store.onMotion(track);
  }, [followedId, store, size.w, size.h, setViewport]);

  // A presentation that ends clears the opt-out, so the next one is followed again.
  useEffect(() => {
    if (!presenter) setOptedOut(null);
  }, [presenter]);

  const stop = useCallback(() => {
    setPicked(null);
    if (presenter && followedId === presenter.clientId) setOptedOut(presenter.clientId);
  }, [presenter, followedId]);

  return { followed, presenter: presenter ?? null, follow: setPicked, stop };
}

/** The viewport as published: its centre in board coordinates, and the zoom. */
export function viewportCentre(v: Viewport, size: { w: number; h: number }): Viewport {
  return { x: v.x + size.w / 2 / v.zoom, y: v.y + size.h / 2 / v.zoom, zoom: v.zoom };
}
