import { useEffect, useState } from 'react';
import { bestToken, knownBoards } from '../boardLinks.js';
import { navigate } from '../router.js';

/** No link, or (with `boardId` and the `usedToken`) the link the page used was refused. */
export function NoAccess({ boardId, usedToken }: { boardId?: string; usedToken?: string }) {
  const replaced = boardId !== undefined && usedToken !== undefined;
  // Another tab of this browser may have replaced the links and kept the new ones (now or a
  // moment later: its answer can arrive after the server closed this page's socket).
  const [newer, setNewer] = useState(() => (replaced ? newerLink(boardId, usedToken) : undefined));
  useEffect(() => {
    if (boardId === undefined || usedToken === undefined) return;
    const onStorage = () => setNewer(newerLink(boardId, usedToken));
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [boardId, usedToken]);
  return (
    <main className="empty-state" data-testid="no-access">
      <h1>{replaced ? 'This link no longer works' : 'You need a link to open this board'}</h1>
      <p>
        {replaced
          ? 'The owner replaced the board’s share links. Ask them for a new one.'
          : 'Boards are private: open the share link someone sent you.'}
      </p>
      {newer && (
        <button
          className="btn"
          data-testid="open-newer-link"
          onClick={() => {
            history.replaceState(null, '', newer);
            location.reload();
          }}
        >
          Open with this browser’s current link
        </button>
      )}
      <button
        className="btn btn-primary"
        data-testid="no-access-home"
        onClick={() => navigate('/')}
      >
        Go to your boards
      </button>
    </main>
  );
}

/** A link this browser now holds for the board, other than the one the page used. */
function newerLink(boardId: string, used: string): string | undefined {
  const tokens = knownBoards().find((b) => b.id === boardId)?.tokens;
  const best = tokens ? bestToken(tokens) : null;
  return best && best.token !== used ? `/b/${boardId}#token=${best.token}` : undefined;
}

/** The board's id is unknown to the server: deleted, or a wrong link. */
export function BoardNotFound() {
  return (
    <main className="empty-state">
      <h1>This board does not exist</h1>
      <p>It may have been deleted, or the link is wrong.</p>
      <button className="btn btn-primary" onClick={() => navigate('/')}>
        Go to your boards
      </button>
    </main>
  );
}
