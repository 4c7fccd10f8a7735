import { useCallback, useEffect, useRef } from 'react';
import type { AwarenessUser } from '../../../../shared/protocol/awareness.js';
import { useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';
import { useFollow, viewportCentre } from '../presence/useFollow.js';
import { usePresence } from '../presence/usePresence.js';
import type { Viewport } from '../core/viewport.js';

/**
 * The people on the board and follow mode, tied to the editor: others see my view, selection,
 * what I type into, whom I follow and whether I present; a view I follow moves mine quietly,
 * and a pan or zoom of my own ends follow mode.
 */
export function useEditorPresence(me: AwarenessUser) {
  const { session, abilities, size } = useOpenBoard();
  const store = useEditorStore();
  const { peers, publish, store: presence } = usePresence(session.provider.awareness, me);
  const followViewport = useCallback(
    (viewport: Viewport) => store.dispatch({ type: 'followViewport', viewport }),
    [store],
  );
  const follow = useFollow(peers, presence, size, followViewport);
  const followRef = useRef(follow);
  followRef.current = follow;
  const selection = useEditor((s) => s.selection);
  const editing = useEditor((s) => s.editing);
  // A read-only link never presents, whatever asked it to.
  const presenting = useEditor((s) => s.presenting) && abilities.present;

  // Straight from the store, not through renders: a pan re-renders only what shows the view.
  useEffect(() => {
    let last = store.getState().viewport;
    publish.viewport(viewportCentre(last, size));
    return store.subscribe(() => {
      const { viewport, viewportMovedByMe } = store.getState();
      if (viewport === last) return;
      last = viewport;
      if (viewportMovedByMe && followRef.current.followed) followRef.current.stop();
      publish.viewport(viewportCentre(viewport, size));
    });
  }, [store, publish, size]);
  useEffect(() => publish.field('selection', selection), [publish, selection]);
  useEffect(() => publish.field('editing', editing?.id ?? null), [publish, editing]);
  useEffect(
    () => publish.field('following', follow.followed?.user.id ?? null),
    [publish, follow.followed],
  );
  useEffect(() => publish.field('presenting', presenting), [publish, presenting]);

  const isFollowing = useCallback(() => followRef.current.followed !== null, []);
  const stopFollowing = useCallback(() => {
    if (followRef.current.followed) followRef.current.stop();
  }, []);
  return { peers, presence, publish, follow, presenting, isFollowing, stopFollowing };
}
