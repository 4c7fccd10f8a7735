import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { EditorState, EditorStore } from './editorStore.js';

const EditorStoreContext = createContext<EditorStore | null>(null);

/** Makes one board page's editor store available to everything under it. */
export function EditorStoreProvider({
  store,
  children,
}: {
  store: EditorStore;
  children: ReactNode;
}) {
  return <EditorStoreContext.Provider value={store}>{children}</EditorStoreContext.Provider>;
}

/** The store itself: `dispatch` an action, or `getState()` in an event handler (no re-render). */
export function useEditorStore(): EditorStore {
  const store = useContext(EditorStoreContext);
  if (!store) throw new Error('useEditorStore: no EditorStoreProvider above this component');
  return store;
}

/**
 * A part of the editor's state, re-rendering when that part changes. The selector must return
 * something kept in the state (a field), not a new object or array on every call.
 */
export function useEditor<T>(selector: (state: EditorState) => T): T {
  const store = useEditorStore();
  return useSyncExternalStore(store.subscribe, () => selector(store.getState()));
}
