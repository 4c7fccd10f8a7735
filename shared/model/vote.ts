/**
 * The running vote's marker in the board doc (root `vote`, W207): which vote runs (id, title,
 * deadline) and, once ended, that its results are revealed. The server writes it (an editor's
 * client could too: it is a hint, the REST state is the truth); ballots and totals are never here (they are fetched over REST, docs/WIRE.md W196–W209).
 */
import type * as Y from 'yjs';

export interface VoteMarker {
  id: string;
  title: string;
  /** ISO 8601; null when the vote runs until the facilitator ends it. */
  endsAt: string | null;
  status: 'running' | 'ended';
}

const root = (doc: Y.Doc) => doc.getMap<unknown>('vote');

/** The marker, or null when there is none or another client stored something unreadable. */
export function readVoteMarker(doc: Y.Doc): VoteMarker | null {
  const map = root(doc);
  const id = map.get('id');
  const title = map.get('title');
  const endsAt = map.get('endsAt');
  const status = map.get('status');
  if (typeof id !== 'string' || id === '' || typeof title !== 'string') return null;
  if (status !== 'running' && status !== 'ended') return null;
  return { id, title, endsAt: typeof endsAt === 'string' ? endsAt : null, status };
}

/** Writes the marker (one transaction); the previous vote's is replaced. */
export function setVoteMarker(doc: Y.Doc, marker: VoteMarker, origin?: unknown): void {
  doc.transact(() => {
    const map = root(doc);
    for (const key of [...map.keys()]) {
      if (!['id', 'title', 'endsAt', 'status'].includes(key)) map.delete(key);
    }
    map.set('id', marker.id);
    map.set('title', marker.title);
    if (marker.endsAt === null) map.delete('endsAt');
    else map.set('endsAt', marker.endsAt);
    map.set('status', marker.status);
  }, origin);
}
