/** Per-device workshop settings (localStorage), shared live by every component that reads them. */
import { useCallback, useSyncExternalStore } from 'react';

export type WorkshopSetting = 'chimeMuted' | 'hideCursors';

const key = (name: WorkshopSetting) => `journeyboard:${name}`;
const listeners = new Set<() => void>();

function read(name: WorkshopSetting): boolean {
  try {
    return localStorage.getItem(key(name)) === '1';
  } catch {
    return false;
  }
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  window.addEventListener('storage', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('storage', listener);
  };
}

/** A boolean setting and its setter. */
export function useWorkshopSetting(name: WorkshopSetting): [boolean, (on: boolean) => void] {
  const value = useSyncExternalStore(subscribe, () => read(name));
  const set = useCallback(
    (on: boolean) => {
      try {
        if (on) localStorage.setItem(key(name), '1');
        else localStorage.removeItem(key(name));
      } catch {
        // Private mode without storage: the setting lasts as long as nothing re-reads it.
      }
      listeners.forEach((l) => l());
    },
    [name],
  );
  return [value, set];
}
