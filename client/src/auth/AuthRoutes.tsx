/** The account pages by route, and the redirects that come before any page is shown. */

import { useEffect } from 'react';
import { HOME_PATH } from '../../../shared/protocol/returnTo.js';
import { navigate, type Route } from '../router.js';
import { AccountPage } from './AccountPage.js';
import { AppLink, AuthNotice } from './AuthCard.js';
import { useAuth } from './AuthProvider.js';
import { authRedirect } from './authRedirect.js';
import { ResetPage } from './ResetPage.js';
import { SetupPage } from './SetupPage.js';
import { SignInPage } from './SignInPage.js';
import { SignUpPage } from './SignUpPage.js';
import { UnsubscribePage } from './UnsubscribePage.js';
import { WorkspacePage } from './WorkspacePage.js';

export type AccountRoute = Extract<
  Route,
  { page: 'signin' | 'setup' | 'signup' | 'reset' | 'unsubscribe' | 'account' | 'workspace' }
>;

export function isAccountRoute(route: Route): route is AccountRoute {
  return ['signin', 'setup', 'signup', 'reset', 'unsubscribe', 'account', 'workspace'].includes(
    route.page,
  );
}

/**
 * Where the app must go instead of `route` (and goes there, replacing the history entry), or
 * null to show it. Null while loading too: the caller shows nothing until the state is known.
 */
export function useAuthRedirect(route: Route): string | null {
  const { status, config, me } = useAuth();
  const target =
    status === 'ready' && config
      ? authRedirect(route, config, me !== null, {
          pathname: location.pathname,
          search: location.search,
          hash: location.hash,
        })
      : null;
  useEffect(() => {
    if (target) navigate(target, { replace: true });
  }, [target]);
  return target;
}

export function AuthRoutes({ route }: { route: AccountRoute }) {
  const { config, me, refresh } = useAuth();
  if (!config)
    return (
      <AuthNotice title="Accounts are not available" documentTitle="Sign in">
        <p>The server could not be reached, or it runs without accounts.</p>
        <p>
          <button type="button" className="btn" onClick={() => void refresh()}>
            Try again
          </button>{' '}
          <AppLink to={HOME_PATH}>Go to your journey maps</AppLink>
        </p>
      </AuthNotice>
    );
  switch (route.page) {
    case 'signin':
      return <SignInPage config={config} returnTo={route.returnTo} />;
    case 'setup':
      return <SetupPage config={config} />;
    case 'signup':
      return <SignUpPage key={route.invite} config={config} invite={route.invite} />;
    case 'reset':
      return <ResetPage config={config} secret={route.secret} />;
    case 'unsubscribe':
      return <UnsubscribePage token={route.token} signedIn={me !== null} />;
    case 'account':
      return me && <AccountPage config={config} me={me} />;
    case 'workspace':
      return me && <WorkspacePage config={config} me={me} />;
  }
}
