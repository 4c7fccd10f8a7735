import { BoardPage } from './board/shell/BoardPage.js';
import { BoardsPage } from './boards/BoardsPage.js';
import { navigate, useRoute } from './router.js';
import { ToastProvider } from './ui/toasts.js';

export function App() {
  const route = useRoute();
  return (
    <ToastProvider>
      {route.page === 'boards' && <BoardsPage />}
      {route.page === 'board' && <BoardPage key={route.boardId} boardId={route.boardId} />}
      {route.page === 'not-found' && (
        <main className="empty-state">
          <h1>Page not found</h1>
          <button className="btn btn-primary" onClick={() => navigate('/')}>
            Go to your boards
          </button>
        </main>
      )}
    </ToastProvider>
  );
}
