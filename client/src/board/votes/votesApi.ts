/** Dot voting's REST API (docs/WIRE.md W196–W205), with this browser's voter id (W205). */
import { nanoid } from 'nanoid';
import type {
  BallotView,
  NewVote,
  VoteListItem,
  VoteView,
} from '../../../../shared/protocol/votes.js';
import { VOTER_ID_HEADER, VOTER_NAME_HEADER } from '../../../../shared/protocol/votes.js';
import { call } from '../../api.js';

export type { BallotView, NewVote, VoteListItem, VoteView };

const KEY = 'journeyboard:voter-id';
let fallback: string | null = null;

/**
 * This browser's voter id: random, kept in localStorage, sent only with vote calls (never in
 * presence), so a guest's dots stay theirs across reloads. Signed-in people are counted by
 * their account; the server ignores it for them.
 */
export function voterId(): string {
  try {
    const stored = localStorage.getItem(KEY);
    if (stored && /^[A-Za-z0-9_-]{16,64}$/.test(stored)) return stored;
    const fresh = nanoid(24);
    localStorage.setItem(KEY, fresh);
    return fresh;
  } catch {
    fallback ??= nanoid(24);
    return fallback;
  }
}

const votesPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/votes`;
const votePath = (boardId: string, voteId: string) =>
  `${votesPath(boardId)}/${encodeURIComponent(voteId)}`;

/** The calls of one board page: its link's token, and who votes. */
export function votesApi(boardId: string, token: string, name: string) {
  const headers = () => ({
    [VOTER_ID_HEADER]: voterId(),
    [VOTER_NAME_HEADER]: encodeURIComponent(name),
  });
  const send = <T>(path: string, init: RequestInit = {}) =>
    call<T>(path, { ...init, headers: headers() }, token || undefined);
  return {
    start: (body: NewVote) =>
      send<VoteView>(votesPath(boardId), { method: 'POST', body: JSON.stringify(body) }),
    get: (voteId: string) => send<VoteView>(votePath(boardId, voteId)),
    list: async () => (await send<{ votes: VoteListItem[] }>(votesPath(boardId))).votes,
    place: (voteId: string, cardId: string) =>
      send<BallotView>(`${votePath(boardId, voteId)}/ballots/${encodeURIComponent(cardId)}`, {
        method: 'PUT',
      }),
    takeBack: (voteId: string, cardId: string) =>
      send<BallotView>(`${votePath(boardId, voteId)}/ballots/${encodeURIComponent(cardId)}`, {
        method: 'DELETE',
      }),
    end: (voteId: string) => send<VoteView>(`${votePath(boardId, voteId)}/end`, { method: 'POST' }),
    /** The export as a file (fetched with the token, never a token in a URL). */
    download: async (voteId: string, format: 'csv' | 'json') => {
      const res = await fetch(`${votePath(boardId, voteId)}/results.${format}`, {
        headers: token ? { authorization: `Bearer ${token}` } : {},
      });
      if (!res.ok) throw new Error(`The export failed (${res.status}).`);
      return res.blob();
    },
  };
}

export type VotesApi = ReturnType<typeof votesApi>;
