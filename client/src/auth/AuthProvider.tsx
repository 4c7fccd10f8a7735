/**
 * Who is signed in, for the whole app: the server's auth settings (`GET /api/auth/config`) and
 * the principal (`GET /api/me`), loaded once at start and again on `refresh()` (after a sign-in,
 * a profile change or a sign-out).
 */

import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { ApiError } from '../api.js';
import { setStanding } from '../ui/identity.js';
import { authApi, type AuthConfig, type Me } from './authApi.js';

export type AuthStatus =
  /** Asking the server. */
  | 'loading'
  | 'ready'
  /**
   * The server could not say (offline, or a server without accounts): the app runs as it did
   * before accounts, so a board still opens from its offline copy.
   */
  | 'unavailable';

export interface AuthState {
  status: AuthStatus;
  /** Null until loaded, or when unavailable. */
  config: AuthConfig | null;
  /** The signed-in person; null when no one is (or in open mode, where no one signs in). */
  me: Me | null;
  /** Reads the settings and the principal again; resolves once the state holds them. */
  refresh(): Promise<void>;
  /** Ends this browser's session (the cookie is cleared by the server). */
  signOut(): Promise<void>;
}

interface Loaded {
  status: AuthStatus;
  config: AuthConfig | null;
  me: Me | null;
}

const AuthContext = createContext<AuthState | null>(null);

async function load(): Promise<Loaded> {
  let config: AuthConfig;
  try {
    config = await authApi.config();
  } catch (err) {
    // Unreachable, or a server from before accounts (404): behave as today.
    if (err instanceof ApiError && err.status !== 0 && err.status !== 404) throw err;
    return { status: 'unavailable', config: null, me: null };
  }
  // No one signs in in open mode: asking would only answer 401.
  const me = config.mode === 'open' ? null : await authApi.me();
  return { status: 'ready', config, me };
}

/**
 * Boards show and write the person the server knows; a share link where people sign in is a
 * guest's; in open mode (or without the server's word) whoever the browser says. Set before
 * the state that renders a board, never in an effect: a board's first write (its people record)
 * under a stale identity would be refused by the server (S61).
 */
function applyStanding({ config, me }: Loaded): void {
  if (!config || config.mode === 'open') setStanding({ kind: 'open' });
  else setStanding(me ? { kind: 'person', id: me.id, name: me.name } : { kind: 'guest' });
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading', config: null, me: null });

  const refresh = useCallback(async () => {
    let next: Loaded;
    try {
      next = await load();
    } catch {
      // A server error on the settings: keep working as the server was before accounts.
      next = { status: 'unavailable', config: null, me: null };
    }
    applyStanding(next);
    setLoaded(next);
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  const signOut = useCallback(async () => {
    await authApi.logout();
    setLoaded((state) => {
      const next = { ...state, me: null };
      applyStanding(next);
      return next;
    });
  }, []);

  const value = useMemo<AuthState>(
    () => ({ ...loaded, refresh, signOut }),
    [loaded, refresh, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext);
  if (!state) throw new Error('useAuth outside AuthProvider');
  return state;
}

/** The workspaces where the signed-in person is an admin. */
export function adminWorkspaces(me: Me | null) {
  return me?.workspaces.filter((w) => w.role === 'admin') ?? [];
}
