import { useEffect, useState } from 'react';
import type { Role } from '../../../shared/protocol/roles.js';
import { bestToken, knownBoards, rememberBoard, roleOf, tokenFromHash } from '../boardLinks.js';
import { BoardEditor } from './BoardEditor.js';
import { NoAccess } from './NoAccess.js';
import { BoardSession } from './session.js';

/** Which link opens this board: the one in the fragment, else the best one this browser kept. */
function linkFor(boardId: string): { token: string; role: Role } | null {
  const fromHash = tokenFromHash(location.hash);
  const role = fromHash ? roleOf(fromHash) : null;
  if (fromHash && role) {
    rememberBoard(boardId, { tokens: { [role]: fromHash } });
    return { token: fromHash, role };
  }
  const known = knownBoards().find((b) => b.id === boardId);
  return known ? bestToken(known.tokens) : null;
}

export function BoardPage({ boardId }: { boardId: string }) {
  const [link] = useState(() => linkFor(boardId));
  const [session, setSession] = useState<BoardSession | null>(null);
  useEffect(() => {
    if (!link) return;
    const opened = new BoardSession(boardId, link.token);
    setSession(opened);
    return () => opened.destroy();
  }, [boardId, link]);
  if (!link) return <NoAccess />;
  if (!session) return null;
  return <BoardEditor session={session} role={link.role} />;
}
