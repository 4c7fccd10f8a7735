/**
 * "Bring everyone here" (W194): a one-shot summon published in my presence, and the summons of
 * others applied once each, with a way back to the view I had.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { newId } from '../../../../shared/model/order.js';
import { useEditorStore } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';
import type { Viewport } from '../core/viewport.js';
import { viewportCentre, type Peer } from '../presence/index.js';
import { serverNow } from './serverClock.js';

/** A summon older than this (server clock) does not move someone who only now sees it. */
export const SUMMON_FRESH_MS = 30_000;

export interface SummonNotice {
  id: string;
  by: string;
  /** The view I had before. */
  previous: Viewport;
}

/** Publishes a summon to my current view (editors and owners; the server drops others', S95). */
export function useSummonEveryone(): () => void {
  const { session, size } = useOpenBoard();
  const store = useEditorStore();
  const clear = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(
    () => () => {
      if (clear.current) clearTimeout(clear.current);
    },
    [],
  );
  return useCallback(() => {
    const { awareness } = session.provider;
    const centre = viewportCentre(store.getState().viewport, size);
    awareness.setLocalStateField('summon', {
      id: newId(),
      x: Math.round(centre.x),
      y: Math.round(centre.y),
      zoom: Math.round(centre.zoom * 1000) / 1000,
      at: Math.round(serverNow()),
    });
    // Nobody needs it once everyone applied it; keep presence small.
    if (clear.current) clearTimeout(clear.current);
    clear.current = setTimeout(() => awareness.setLocalStateField('summon', null), SUMMON_FRESH_MS);
  }, [session, size, store]);
}

/** Applies each new summon from someone else once; returns the notice to show and its actions. */
export function useSummoned(peers: Peer[], stopFollowing: () => void) {
  const { size } = useOpenBoard();
  const store = useEditorStore();
  const applied = useRef(new Set<string>());
  const known = useRef(new Set<number>());
  const [notice, setNotice] = useState<SummonNotice | null>(null);

  useEffect(() => {
    for (const peer of peers) {
      const summon = peer.summon;
      const firstSight = !known.current.has(peer.clientId);
      known.current.add(peer.clientId);
      if (!summon || applied.current.has(summon.id)) continue;
      applied.current.add(summon.id);
      // Someone met only now: their summon may be an old one (I just joined).
      if (firstSight && serverNow() - summon.at > SUMMON_FRESH_MS) continue;
      const previous = store.getState().viewport;
      stopFollowing();
      store.dispatch({
        type: 'followViewport',
        viewport: {
          x: summon.x - size.w / 2 / summon.zoom,
          y: summon.y - size.h / 2 / summon.zoom,
          zoom: summon.zoom,
        },
      });
      setNotice({ id: summon.id, by: peer.user.name, previous });
    }
  }, [peers, size, store, stopFollowing]);

  const goBack = useCallback(() => {
    if (notice) store.dispatch({ type: 'setViewport', viewport: notice.previous });
    setNotice(null);
  }, [notice, store]);
  const dismiss = useCallback(() => setNotice(null), []);
  return { notice, goBack, dismiss };
}
