import { useEffect } from 'react';
import { useAuth } from '../auth/AuthProvider.js';
import { useEditor, useEditorStore } from '../board/core/EditorStoreProvider.js';
import { inboxApi, threadParam, versionsParam } from './inboxApi.js';

/**
 * Opens the thread (or the versions panel, `?panel=versions`) the address names (now, and when the inbox navigates here again), and marks
 * the signed-in person's items about a thread read whenever it is open on this board.
 */
export function useThreadDeepLink(boardId: string): void {
  const { dispatch } = useEditorStore();
  const { me } = useAuth();
  const focused = useEditor((s) => s.focusedThread);
  useEffect(() => {
    const open = () => {
      const threadId = threadParam(location.search);
      if (threadId) dispatch({ type: 'openThread', threadId });
      else if (versionsParam(location.search)) dispatch({ type: 'openPanel', panel: 'versions' });
    };
    open();
    window.addEventListener('popstate', open);
    return () => window.removeEventListener('popstate', open);
  }, [dispatch]);
  const signedIn = me !== null;
  useEffect(() => {
    // Nothing to mark for guests and in open mode; a failure leaves the items unread, no more.
    if (signedIn && focused) inboxApi.read({ threadId: focused, boardId }).catch(() => {});
  }, [signedIn, focused, boardId]);
}
