import {
  AuthProvider,
  AuthRoutes,
  isAccountRoute,
  useAuth,
  useAuthRedirect,
} from './auth/index.js';
import { BoardPage } from './board/shell/BoardPage.js';
import { BoardsPage } from './boards/BoardsPage.js';
import { PortfolioPage } from './portfolio/PortfolioPage.js';
import { navigate, useRoute } from './router.js';
import { ToastProvider } from './ui/toasts.js';

export function App() {
  return (
    <ToastProvider>
      <AuthProvider>
        <Pages />
      </AuthProvider>
    </ToastProvider>
  );
}

function Pages() {
  const route = useRoute();
  const { status } = useAuth();
  const redirect = useAuthRedirect(route);
  // Nothing until the server said who is signed in: no page flashes before a redirect.
  if (status === 'loading' || redirect) return null;
  if (isAccountRoute(route)) return <AuthRoutes route={route} />;
  return (
    <>
      {route.page === 'boards' && <BoardsPage />}
      {route.page === 'portfolio' && <PortfolioPage />}
      {route.page === 'board' && <BoardPage key={route.boardId} boardId={route.boardId} />}
      {route.page === 'not-found' && (
        <main className="empty-state">
          <h1>Page not found</h1>
          <button className="btn btn-primary" onClick={() => navigate('/')}>
            Go to your boards
          </button>
        </main>
      )}
    </>
  );
}
