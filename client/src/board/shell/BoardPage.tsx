import { useEffect, useState } from 'react';
import { readMeta } from '../../../../shared/model/board.js';
import type { Role } from '../../../../shared/protocol/roles.js';
import {
  bestToken,
  forgetBoard,
  knownBoards,
  rememberBoard,
  roleOf,
  tokenFromHash,
} from '../../boardLinks.js';
import { CloseCode } from '../../../../shared/protocol/closeCodes.js';
import { api } from '../../api.js';
import { useAuth } from '../../auth/index.js';
import { BoardEditor } from './BoardEditor.js';
import { NoAccess } from './NoAccess.js';
import { BoardSession } from '../core/session.js';

interface PageLink {
  token: string;
  role: Role;
  /** The link came in the address (a share link), not from this browser's list. */
  fromHash: boolean;
}

/** Which link opens this board: the one in the fragment, else the best one this browser kept. */
function linkFor(boardId: string): PageLink | null {
  const fromHash = tokenFromHash(location.hash);
  const role = fromHash ? roleOf(fromHash) : null;
  if (fromHash && role) return { token: fromHash, role, fromHash: true };
  const known = knownBoards().find((b) => b.id === boardId);
  const best = known ? bestToken(known.tokens) : null;
  return best ? { ...best, fromHash: false } : null;
}

/**
 * Keeps the boards list honest about this board: a share link joins the list only once the
 * server has accepted it (a mistyped id or a refused link adds no "Untitled map"), and a board
 * the server says does not exist leaves the list.
 */
function useKnownBoard(boardId: string, link: PageLink | null, session: BoardSession | null) {
  useEffect(() => {
    if (!session || !link) return;
    let remembered = false;
    const check = () => {
      const { connection } = session.getStatus();
      if (connection === 'connected' && link.fromHash && !remembered) {
        remembered = true;
        const title = readMeta(session.doc).title;
        rememberBoard(boardId, {
          ...(title ? { title } : {}),
          tokens: { [link.role]: link.token },
        });
      } else if (connection === 'not-found') {
        forgetBoard(boardId);
      }
    };
    check();
    return session.subscribe(check);
  }, [boardId, link, session]);
}

/**
 * How this page opens the board. Signed in, the server says the role (the session cookie goes
 * along; a share link in the address as well, though the person's own access wins); otherwise
 * the link decides, as before accounts. Undefined while the server is asked.
 */
function usePageLink(boardId: string): PageLink | null | undefined {
  const { config, me } = useAuth();
  const signedIn = me !== null && config !== null && config.mode !== 'open';
  const [link] = useState(() => linkFor(boardId));
  const [asked, setAsked] = useState<PageLink | null | undefined>(undefined);
  useEffect(() => {
    if (!signedIn) return;
    let live = true;
    api.boardSummary(boardId, link?.token ?? '').then(
      (summary) =>
        live &&
        setAsked({ token: link?.token ?? '', role: summary.role, fromHash: !!link?.fromHash }),
      // Offline, or no access of one's own: the link (if any) decides, as before accounts.
      () => live && setAsked(link),
    );
    return () => {
      live = false;
    };
  }, [boardId, link, signedIn]);
  return signedIn ? asked : link;
}

/**
 * The role the server gives now: a signed-in person's role may change while the board is open
 * (the server then closes their sockets with 4509 and they reconnect under it), so it is asked
 * again each time; a share link's role never changes.
 */
function useCurrentRole(session: BoardSession | null, link: PageLink | null | undefined) {
  const [role, setRole] = useState<Role | null>(null);
  useEffect(() => {
    if (!session || !link) return;
    const onClose = (event: CloseEvent | null) => {
      if (event?.code !== CloseCode.IDENTITY_CHANGED) return;
      api.boardSummary(session.boardId, link.token).then(
        (summary) => setRole(summary.role),
        () => {},
      );
    };
    session.provider.on('connection-close', onClose);
    return () => session.provider.off('connection-close', onClose);
  }, [session, link]);
  return role ?? link?.role ?? null;
}

export function BoardPage({ boardId }: { boardId: string }) {
  const link = usePageLink(boardId);
  const [session, setSession] = useState<BoardSession | null>(null);
  useEffect(() => {
    if (!link) return;
    const opened = new BoardSession(boardId, link.token);
    setSession(opened);
    return () => opened.destroy();
  }, [boardId, link]);
  useKnownBoard(boardId, link ?? null, session);
  const role = useCurrentRole(session, link);
  if (link === undefined) return null;
  if (!link || !role) return <NoAccess />;
  if (!session) return null;
  return <BoardEditor session={session} role={role} />;
}
