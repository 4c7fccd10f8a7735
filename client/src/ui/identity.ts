import { nanoid } from 'nanoid';
import { useSyncExternalStore } from 'react';
import {
  colorFor,
  GUEST_ID,
  GUEST_NAME,
  type AwarenessUser,
} from '../../../shared/protocol/awareness.js';

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

/**
 * Who this browser is on boards: in open mode whoever they say (a stable id, the name they
 * chose); signed in, the person the server vouches for (it corrects any other claim); with a
 * share link where people sign in, a guest, shown and written as one.
 */
type Standing = { kind: 'open' } | { kind: 'person'; id: string; name: string } | { kind: 'guest' };

type Identity = AwarenessUser & {
  /** A name was given (or vouched for): no need to ask. */
  named: boolean;
  /** The server vouches for this name: it is changed on the account page, not here. */
  vouched: boolean;
};

let standing: Standing = { kind: 'open' };
/** Read on first use, not on import: modules that import this may run where there is no storage. */
let current: Identity | null = null;

function toUser(stored: Stored): Identity {
  if (standing.kind === 'person') {
    const { id, name } = standing;
    return { id, name, color: colorFor(id), named: true, vouched: true };
  }
  const guest = standing.kind === 'guest';
  const id = guest ? `${GUEST_ID}${stored.id}` : stored.id;
  const name = stored.name || 'Guest';
  return {
    id,
    name: guest ? `${GUEST_NAME}${name}` : name,
    color: colorFor(stored.id),
    named: stored.name.length > 0,
    vouched: false,
  };
}

function changed(): void {
  for (const listener of listeners) listener();
}

export function getIdentity(): Identity {
  return (current ??= toUser(read()));
}

/** The server said who this browser is (auth/AuthProvider): boards use that from now on. */
export function setStanding(next: Standing): void {
  standing = next;
  current = toUser(read());
  changed();
}

export function setName(name: string): void {
  const clean = name.trim().slice(0, 80);
  if (!clean || getIdentity().vouched) return;
  const { id } = read();
  localStorage.setItem(KEY, JSON.stringify({ id, name: clean }));
  current = toUser({ id, name: clean });
  changed();
}

export function useIdentity() {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, getIdentity);
}
