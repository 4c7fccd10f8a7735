/**
 * The board page's dot vote (W207, W209): follows the marker in the board doc, fetches what the
 * server lets this person see (their own dots while it runs, the results once it ended), and
 * places or takes back dots. Nothing of anyone's ballots ever comes through the doc.
 */
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import { readVoteMarker, type VoteMarker } from '../../../../shared/model/vote.js';
import { errorMessage } from '../../ui/errors.js';
import { useIdentity } from '../../ui/identity.js';
import { useToasts } from '../../ui/toasts.js';
import { useOpenBoard } from '../core/openBoard.js';
import { votesApi, type NewVote, type VotesApi, type VoteView } from './votesApi.js';

export interface VoteContextValue {
  /** The vote shown: the running one, or ended results not yet closed. */
  view: VoteView | null;
  api: VotesApi;
  /** Server time minus this browser's time, in ms (so time left is right on a wrong clock). */
  skew: number;
  /** Whether a vote runs on the board now (the marker says so). */
  running: boolean;
  place(cardId: string): void;
  takeBack(cardId: string): void;
  start(body: NewVote): Promise<void>;
  end(): Promise<void>;
  /** Shows a past vote's results. */
  show(voteId: string): Promise<void>;
  /** Closes the shown results (remembered per vote on this device). */
  dismiss(): void;
}

const VoteContext = createContext<VoteContextValue | null>(null);

export function useVote(): VoteContextValue {
  const value = useContext(VoteContext);
  if (!value) throw new Error('useVote outside VoteProvider');
  return value;
}

const dismissedKey = (boardId: string) => `journeyboard:vote-closed:${boardId}`;
function readDismissed(boardId: string): string | null {
  try {
    return localStorage.getItem(dismissedKey(boardId));
  } catch {
    return null;
  }
}

function useMarker(): VoteMarker | null {
  const { session } = useOpenBoard();
  const [marker, setMarker] = useState(() => readVoteMarker(session.doc));
  useEffect(() => {
    const root = session.doc.getMap('vote');
    const read = () =>
      setMarker((prev) => {
        const next = readVoteMarker(session.doc);
        return JSON.stringify(prev) === JSON.stringify(next) ? prev : next;
      });
    read();
    root.observe(read);
    return () => root.unobserve(read);
  }, [session.doc]);
  return marker;
}

export function VoteProvider({ children }: { children: ReactNode }) {
  const { session } = useOpenBoard();
  const identity = useIdentity();
  const toasts = useToasts();
  const marker = useMarker();
  const api = useMemo(
    () => votesApi(session.boardId, session.token, identity.name),
    [session.boardId, session.token, identity.name],
  );
  const [view, setView] = useState<VoteView | null>(null);
  const [skew, setSkew] = useState(0);
  const [dismissed, setDismissed] = useState(() => readDismissed(session.boardId));

  const load = useCallback(
    async (voteId: string) => {
      const asked = Date.now();
      const got = await api.get(voteId);
      // The server's clock, less half the round trip.
      setSkew(Date.parse(got.now) - (asked + Date.now()) / 2);
      setView(got);
      return got;
    },
    [api],
  );

  // The marker says which vote runs or was revealed: fetch what we may see of it.
  const markerKey = marker ? `${marker.id}:${marker.status}` : '';
  useEffect(() => {
    if (!marker) return;
    load(marker.id).catch(() => setView(null));
    // markerKey covers the marker's id and status.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [markerKey, load]);

  // At the deadline, ask again: the server ends it then (W206), whether or not the doc says so.
  const endsAt = view?.status === 'running' ? view.endsAt : null;
  const runningId = view?.status === 'running' ? view.id : null;
  useEffect(() => {
    if (!endsAt || !runningId) return;
    const wait = Math.max(0, Date.parse(endsAt) - (Date.now() + skew)) + 250;
    const timer = setTimeout(() => void load(runningId).catch(() => {}), wait);
    return () => clearTimeout(timer);
  }, [endsAt, runningId, skew, load]);

  const ballot = useCallback(
    (cardId: string, delta: 1 | -1) => {
      if (view?.status !== 'running') return;
      const voteId = view.id;
      (delta === 1 ? api.place(voteId, cardId) : api.takeBack(voteId, cardId)).then(
        (answer) =>
          setView((prev) =>
            prev?.status === 'running' && prev.id === voteId ? { ...prev, ...answer } : prev,
          ),
        (err: unknown) => {
          toasts.show(errorMessage(err), 'error');
          void load(voteId).catch(() => {});
        },
      );
    },
    [api, view, toasts, load],
  );

  const value = useMemo<VoteContextValue>(() => {
    const shown = view && (view.status === 'running' || view.id !== dismissed) ? view : null;
    return {
      view: shown,
      api,
      skew,
      running: marker?.status === 'running' && view?.status !== 'ended',
      place: (cardId) => ballot(cardId, 1),
      takeBack: (cardId) => ballot(cardId, -1),
      start: async (body) => {
        const started = await api.start(body);
        setView(started);
      },
      end: async () => {
        if (!view) return;
        setView(await api.end(view.id));
      },
      show: async (voteId) => {
        setDismissed(null);
        await load(voteId);
      },
      dismiss: () => {
        if (!view) return;
        setDismissed(view.id);
        try {
          localStorage.setItem(dismissedKey(session.boardId), view.id);
        } catch {
          // Private mode: closed until the page is left.
        }
      },
    };
  }, [view, dismissed, api, skew, marker, ballot, load, session.boardId]);

  return <VoteContext.Provider value={value}>{children}</VoteContext.Provider>;
}
