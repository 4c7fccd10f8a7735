import { useEffect, useMemo, useState } from 'react';
import type * as Y from 'yjs';
import type { CommentAuthor, Person } from '../../../../shared/model/comments.js';
import { colorFor } from '../../../../shared/protocol/awareness.js';
import { getIdentity } from '../../ui/identity.js';
import { peopleApi } from '../core/peopleApi.js';
import type { BoardSession } from '../core/session.js';
import { mentionablePeople } from './mentions.js';
import { usePeople } from './useComments.js';

/** The workspace members who can open the board (signed in only; none otherwise or offline). */
function useBoardMembers(session: BoardSession): CommentAuthor[] {
  const [members, setMembers] = useState<CommentAuthor[]>([]);
  useEffect(() => {
    if (!getIdentity().vouched) return;
    let live = true;
    peopleApi.list(session.boardId, session.token).then(
      ({ people }) =>
        live &&
        setMembers(people.map((p) => ({ id: p.userId, name: p.name, color: colorFor(p.userId) }))),
      () => {},
    );
    return () => {
      live = false;
    };
  }, [session]);
  return members;
}

/** Everyone a comment may @mention, by id: see `mentionablePeople`. */
export function useMentionable(doc: Y.Doc, session: BoardSession): Person[] {
  const seen = usePeople(doc);
  const members = useBoardMembers(session);
  return useMemo(() => mentionablePeople(seen, members), [seen, members]);
}
