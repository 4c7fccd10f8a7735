/** A list or record a section loads from the server: loading, loaded, or why it failed. */

import { useCallback, useEffect, useRef, useState } from 'react';
import { errorMessage } from '../ui/errors.js';
import { Spinner } from '../ui/icons.js';

export type Loaded<T> =
  { state: 'loading' } | { state: 'ready'; value: T } | { state: 'error'; message: string };

/**
 * Loads once on mount (and when `key` changes); `reload` asks again, `set` replaces the value
 * (e.g. after a change the server accepted).
 */
export function useLoaded<T>(key: string, load: () => Promise<T>) {
  const latest = useRef(load);
  useEffect(() => {
    latest.current = load;
  });
  const [loaded, setLoaded] = useState<Loaded<T>>({ state: 'loading' });
  const reload = useCallback(async () => {
    try {
      setLoaded({ state: 'ready', value: await latest.current() });
    } catch (err) {
      setLoaded({ state: 'error', message: errorMessage(err) });
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload, key]);
  const set = useCallback((value: T) => setLoaded({ state: 'ready', value }), []);
  return { loaded, reload, set };
}

/** What shows while a section loads, or why it could not: "Loading members…". */
export function LoadNotice<T>({ loaded, what }: { loaded: Loaded<T>; what: string }) {
  if (loaded.state === 'loading')
    return (
      <p className="muted account-loading" role="status">
        <Spinner /> Loading {what}…
      </p>
    );
  if (loaded.state === 'error')
    return (
      <p className="home-form-error" role="alert">
        Could not load {what}: {loaded.message}
      </p>
    );
  return null;
}
