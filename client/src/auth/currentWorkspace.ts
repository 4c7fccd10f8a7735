/**
 * The workspace this browser is in (the boards page, new boards, /workspace): remembered per
 * browser, and the person's first workspace where they are more than a guest until they switch.
 */

import { useCallback, useEffect, useState } from 'react';
import type { WorkspaceMembership } from './authApi.js';
import { useAuth } from './AuthProvider.js';

const CURRENT_WORKSPACE_KEY = 'journeyboard:workspace';
/** Tells the other hooks of this page that the workspace changed (storage events are for others). */
const SWITCHED = 'journeyboard:workspace-switched';

/** The remembered workspace if it is still one of the person's, else their home. */
export function pickWorkspace(
  workspaces: readonly WorkspaceMembership[],
  remembered: string | null,
): WorkspaceMembership | null {
  return (
    workspaces.find((w) => w.id === remembered) ??
    workspaces.find((w) => w.role !== 'guest') ??
    workspaces[0] ??
    null
  );
}

function remembered(): string | null {
  try {
    return localStorage.getItem(CURRENT_WORKSPACE_KEY);
  } catch {
    return null;
  }
}

/** The current workspace (null in open mode or without one) and how to switch. */
export function useCurrentWorkspace(): {
  current: WorkspaceMembership | null;
  workspaces: readonly WorkspaceMembership[];
  switchTo(id: string): void;
} {
  const { me } = useAuth();
  const [chosen, setChosen] = useState(remembered);
  useEffect(() => {
    const follow = () => setChosen(remembered());
    window.addEventListener(SWITCHED, follow);
    window.addEventListener('storage', follow);
    return () => {
      window.removeEventListener(SWITCHED, follow);
      window.removeEventListener('storage', follow);
    };
  }, []);
  const switchTo = useCallback((id: string) => {
    try {
      localStorage.setItem(CURRENT_WORKSPACE_KEY, id);
    } catch {
      // Private mode: the choice lasts until reload.
    }
    setChosen(id);
    window.dispatchEvent(new Event(SWITCHED));
  }, []);
  const workspaces = me?.workspaces ?? [];
  return { current: pickWorkspace(workspaces, chosen), workspaces, switchTo };
}
