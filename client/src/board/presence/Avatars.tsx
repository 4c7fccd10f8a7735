import type { AwarenessUser } from '../../../../shared/protocol/awareness.js';
import type { Peer } from './usePresence.js';

const SHOWN = 4;

function initials(name: string): string {
  const parts = name.trim().split(/\s+/);
  return (
    (parts[0]?.[0] ?? '?') + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? '') : '')
  ).toUpperCase();
}

interface AvatarsProps {
  me: AwarenessUser;
  peers: Peer[];
  followingId: number | null;
  presenting: boolean;
  /** Whether this link may present (editors and owners): no Present button otherwise. */
  canPresent: boolean;
  onFollow(clientId: number | null): void;
  onTogglePresent(): void;
  onRename(): void;
}

/** Everyone on the board (one avatar per person); click someone to follow their view. */
export function Avatars({
  me,
  peers,
  followingId,
  presenting,
  canPresent,
  onFollow,
  onTogglePresent,
  onRename,
}: AvatarsProps) {
  // One entry per person even with several tabs open: the most recently active tab wins.
  const people = [
    ...new Map(peers.sort((a, b) => a.activeAt - b.activeAt).map((p) => [p.user.id, p])).values(),
  ].filter((p) => p.user.id !== me.id);
  const shown = people.slice(0, SHOWN);
  const rest = people.slice(SHOWN);
  return (
    <div className="avatars" role="group" aria-label="People on this board">
      {shown.map((peer) => {
        const following = followingId === peer.clientId;
        return (
          <button
            key={peer.user.id}
            className={`avatar${following ? ' avatar-following' : ''}`}
            style={{ background: peer.user.color }}
            title={
              following ? `Following ${peer.user.name} — click to stop` : `Follow ${peer.user.name}`
            }
            aria-pressed={following}
            data-testid="avatar"
            data-user={peer.user.name}
            onClick={() => onFollow(following ? null : peer.clientId)}
          >
            {initials(peer.user.name)}
          </button>
        );
      })}
      {rest.length > 0 && (
        <span className="avatar avatar-more" title={rest.map((p) => p.user.name).join(', ')}>
          +{rest.length}
        </span>
      )}
      <button
        className="avatar avatar-me"
        style={{ background: me.color }}
        title={`You (${me.name}) — click to change your name`}
        onClick={onRename}
      >
        {initials(me.name)}
      </button>
      {canPresent && (
        <button
          className="btn btn-ghost present-toggle"
          aria-pressed={presenting}
          data-testid="present-toggle"
          title={presenting ? 'Stop presenting' : 'Present: everyone follows your view'}
          onClick={onTogglePresent}
        >
          {presenting ? 'Stop presenting' : 'Present'}
        </button>
      )}
    </div>
  );
}
