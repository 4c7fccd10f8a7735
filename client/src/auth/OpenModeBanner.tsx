import { useAuth } from './AuthProvider.js';
import './userMenu.css';

/** Open mode has no accounts: the boards page says what that means for who may create maps. */
export function OpenModeBanner() {
  const { config } = useAuth();
  if (config?.mode !== 'open') return null;
  return (
    <p className="open-mode-banner" role="note" data-testid="open-mode-banner">
      Open mode: anyone who can reach this server can create boards.
    </p>
  );
}
