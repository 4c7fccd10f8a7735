import { nanoid } from 'nanoid';
import { useSyncExternalStore } from 'react';
import { colorFor, type AwarenessUser } from '../../../shared/protocol/awareness.js';

const KEY = 'journeyboard:user';
const listeners = new Set<() => void>();

interface Stored {
  id: string;
  name: string;
}

function read(): Stored {
  try {
    const value = JSON.parse(localStorage.getItem(KEY) ?? 'null') as Partial<Stored> | null;
    if (value && typeof value.id === 'string' && typeof value.name === 'string')
      return { id: value.id, name: value.name };
  } catch {
    // A damaged entry is replaced below.
  }
  const fresh = { id: nanoid(12), name: '' };
  localStorage.setItem(KEY, JSON.stringify(fresh));
  return fresh;
}

let current: AwarenessUser & { named: boolean } = toUser(read());

function toUser(stored: Stored) {
  return {
    id: stored.id,
    name: stored.name || 'Guest',
    color: colorFor(stored.id),
    named: stored.name.length > 0,
  };
}

/** This browser's person: a stable id, the name they chose (remembered), a colour from the id. */
export function getIdentity() {
  return current;
}

export function setName(name: string): void {
  const clean = name.trim().slice(0, 80);
  if (!clean) return;
  localStorage.setItem(KEY, JSON.stringify({ id: current.id, name: clean }));
  current = toUser({ id: current.id, name: clean });
  for (const listener of listeners) listener();
}

export function useIdentity() {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => current,
  );
}
