import { useEffect, useState } from 'react';
import { bestToken, boardHref, knownBoards } from '../../boardLinks.js';
import { navigate } from '../../router.js';
import type { Refusal } from '../core/session.js';

const REFUSED: Record<Refusal, { title: string; text: string }> = {
  replaced: {
    title: 'This link no longer works',
    text: 'The owner replaced the board’s share links. Ask them for a new one.',
  },
  invalid: {
    title: 'This link does not work',
    text: 'The link is incomplete or damaged. Copy the whole share link again, or ask the owner for a new one.',
  },
  'other-board': {
    title: 'This link is for another board',
    text: 'The address names one board and the link’s key opens another. Open the link exactly as it was shared.',
  },
  'no-longer': {
    title: 'You no longer have access to this board',
    text: 'You were removed from its workspace, or your session ended. Ask a workspace admin if this is a mistake.',
  },
  refused: {
    title: 'This board cannot be opened here',
    text: 'The server refused this page’s connection. Open the board from its share link.',
  },
};

/**
 * No link, or (with `boardId`, the `usedToken` and why) the link the page used was refused.
 */
export function NoAccess({
  boardId,
  usedToken,
  refusal,
}: {
  boardId?: string;
  usedToken?: string;
  refusal?: Refusal;
}) {
  const refused = boardId !== undefined && usedToken !== undefined;
  // Another tab of this browser may have replaced the links and kept the new ones (now or a
  // moment later: its answer can arrive after the server closed this page's socket).
  const [newer, setNewer] = useState(() => (refused ? newerLink(boardId, usedToken) : undefined));
  useEffect(() => {
    if (boardId === undefined || usedToken === undefined) return;
    const onStorage = () => setNewer(newerLink(boardId, usedToken));
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, [boardId, usedToken]);
  const words = refused ? REFUSED[refusal ?? 'replaced'] : undefined;
  return (
    <main
      className="empty-state"
      data-testid="no-access"
      data-refusal={refused ? (refusal ?? 'replaced') : undefined}
    >
      <h1>{words ? words.title : 'You need a link to open this board'}</h1>
      <p>{words ? words.text : 'Boards are private: open the share link someone sent you.'}</p>
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
  return best && best.token !== used ? boardHref(boardId, best.token) : undefined;
}

/** The board's id is unknown to the server: deleted, or a wrong link. */
export function BoardNotFound() {
  return (
    <main className="empty-state" data-testid="board-not-found">
      <h1>This board does not exist</h1>
      <p>It may have been deleted, or the link is wrong.</p>
      <button className="btn btn-primary" onClick={() => navigate('/')}>
        Go to your boards
      </button>
    </main>
  );
}
