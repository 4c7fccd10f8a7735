/**
 * Accounts in the client (issue 15): who is signed in, the account pages, and the redirects that
 * keep pages needing a person behind sign-in. The rest of the app uses only what is here.
 */

export { AuthProvider, useAuth, adminWorkspaces, type AuthState } from './AuthProvider.js';
export { AuthRoutes, isAccountRoute, useAuthRedirect, type AccountRoute } from './AuthRoutes.js';
export { authRedirect, needsPerson } from './authRedirect.js';
export { AppFrame } from './AppFrame.js';
export { OpenModeBanner } from './OpenModeBanner.js';
export { pickWorkspace, useCurrentWorkspace } from './currentWorkspace.js';
export { WorkspaceSwitcher } from './WorkspaceSwitcher.js';
export { UserMenu } from './UserMenu.js';
export {
  authApi,
  problemOf,
  type AuthConfig,
  type AuthMode,
  type FormProblem,
  type Me,
  type WorkspaceMembership,
  type WorkspaceRole,
} from './authApi.js';
