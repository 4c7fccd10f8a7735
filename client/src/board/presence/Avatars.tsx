import type { CSSProperties } from 'react';
import type { AwarenessUser } from '../../../../shared/protocol/awareness.js';
import { useMenu } from '../../ui/useMenu.js';
import { avatarOverflow, peopleOf } from './avatarStack.js';
import type { Peer } from './presenceStore.js';

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

/**
 * Everyone on the board (one avatar per person); click someone to follow their view. Past a
 * few, the rest collapse into "+N", which opens the whole list (W238).
 */
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
  const people = peopleOf(peers, me.id);
  const { shown, more } = avatarOverflow(people);
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
      {more > 0 && (
        <PeopleList people={people} more={more} followingId={followingId} onFollow={onFollow} />
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

/** "+N": a menu of everyone on the board, scrollable, each a follow toggle (W238). */
function PeopleList({
  people,
  more,
  followingId,
  onFollow,
}: {
  people: Peer[];
  more: number;
  followingId: number | null;
  onFollow(clientId: number | null): void;
}) {
  const { open, setOpen, close, button, menu, onMenuKey, onButtonKey } = useMenu();
  // On a phone the list is fixed under the button, wherever the wrapped top bar put it.
  const top = open ? (button.current?.getBoundingClientRect().bottom ?? 48) + 6 : 0;
  return (
    <div className="people-list-anchor">
      <button
        ref={button}
        className="avatar avatar-more"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={`${more} more: everyone on this board (${people.length})`}
        title="Everyone on this board"
        data-testid="avatar-more"
        onClick={() => setOpen(!open)}
        onKeyDown={onButtonKey}
      >
        +{more}
      </button>
      {open && (
        <div
          ref={menu}
          className="people-list"
          role="menu"
          aria-label={`Everyone on this board (${people.length})`}
          data-testid="people-list"
          style={{ '--people-list-top': `${Math.round(top)}px` } as CSSProperties}
          onKeyDown={onMenuKey}
        >
          {people.map((peer) => {
            const following = followingId === peer.clientId;
            return (
              <button
                key={peer.user.id}
                role="menuitemcheckbox"
                aria-checked={following}
                className="people-list-item"
                data-testid="people-list-item"
                data-user={peer.user.name}
                onClick={() => {
                  onFollow(following ? null : peer.clientId);
                  close(true);
                }}
              >
                <span className="people-list-dot" style={{ background: peer.user.color }}>
                  {initials(peer.user.name)}
                </span>
                <span className="people-list-name">{peer.user.name}</span>
                <span className="people-list-action">
                  {following ? 'Stop following' : peer.presenting ? 'Presenting' : 'Follow'}
                </span>
              </button>
            );
          })}
        </div>
      )}
    </div>
  );
}
