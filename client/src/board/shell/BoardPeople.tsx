/**
 * "People with access" in the Share dialog (signed in only): every member of the board's
 * workspace with their role here and where it comes from. The board's owners give someone
 * another role on this map alone, or the workspace's default again; their open pages follow at
 * once (the server reconnects them under the new role).
 */

import { useEffect, useState } from 'react';
import { ROLES, type Role } from '../../../../shared/protocol/roles.js';
import { useAuth } from '../../auth/index.js';
import { errorMessage } from '../../ui/errors.js';
import { Spinner } from '../../ui/icons.js';
import { ROLE_LABELS } from '../../ui/roleLabels.js';
import { useToasts } from '../../ui/toasts.js';
import { peopleApi, type BoardPerson } from '../core/peopleApi.js';
import type { BoardSession } from '../core/session.js';
import './boardPeople.css';

/** What a person may now do, for the toast after a change. */
const NOW_ABLE: Readonly<Record<Role, string>> = {
  owner: 'is now an owner of this map',
  editor: 'can now edit this map',
  commenter: 'can now comment on this map',
  viewer: 'can now only view this map',
};

/** The select's value that gives the workspace's default back (the server's `null`). */
const WORKSPACE_DEFAULT = '';

type Loaded =
  | { state: 'loading' }
  | { state: 'ready'; people: BoardPerson[] }
  | { state: 'error'; message: string };

interface BoardPeopleProps {
  session: BoardSession;
  /** This page's role on the board: owners may change the others'. */
  role: Role;
}

/** Nothing in open mode or with a share link alone: only signed-in people have a list. */
export function BoardPeople({ session, role }: BoardPeopleProps) {
  const { config, me } = useAuth();
  if (!config || config.mode === 'open' || !me) return null;
  return <PeopleList session={session} canChange={role === 'owner'} selfId={me.id} />;
}

function PeopleList(props: { session: BoardSession; canChange: boolean; selfId: string }) {
  const { session, canChange, selfId } = props;
  const toasts = useToasts();
  const [loaded, setLoaded] = useState<Loaded>({ state: 'loading' });
  const [saving, setSaving] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    peopleApi.list(session.boardId, session.token).then(
      ({ people }) => live && setLoaded({ state: 'ready', people }),
      (err: unknown) => live && setLoaded({ state: 'error', message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [session]);

  const changeRole = async (person: BoardPerson, role: Role | null) => {
    setSaving(person.userId);
    setError(null);
    try {
      const answer = await peopleApi.setRole(session.boardId, person.userId, role, session.token);
      const from = role ? 'board' : 'workspace';
      setLoaded((before) =>
        before.state === 'ready'
          ? {
              state: 'ready',
              people: before.people.map((p) =>
                p.userId === answer.userId ? { ...p, role: answer.role, from } : p,
              ),
            }
          : before,
      );
      toasts.show(
        role
          ? `${person.name} ${NOW_ABLE[answer.role]}`
          : `${person.name} has the workspace’s role again: ${ROLE_LABELS[answer.role].toLowerCase()}`,
        'success',
      );
    } catch (err) {
      setError(`Could not change ${person.name}’s role: ${errorMessage(err)}`);
    } finally {
      setSaving(null);
    }
  };

  return (
    <section
      className="board-people"
      aria-labelledby="board-people-title"
      data-testid="board-people"
    >
      <div>
        <h3 id="board-people-title" className="board-people-title">
          People with access
        </h3>
        <p className="board-people-hint muted">
          {canChange
            ? 'Everyone in the workspace. Give someone another role on this map alone, or the workspace’s default again.'
            : 'Everyone in the workspace, and what they can do on this map. Its owners can change that.'}
        </p>
      </div>
      {loaded.state === 'loading' && (
        <p className="board-people-status muted" role="status">
          <Spinner /> Loading the people…
        </p>
      )}
      {loaded.state === 'error' && (
        <div className="home-form-error" role="alert">
          Could not load the people: {loaded.message}
        </div>
      )}
      {loaded.state === 'ready' && (
        <ul className="board-people-list">
          {loaded.people.map((person) => (
            <PersonRow
              key={person.userId}
              person={person}
              self={person.userId === selfId}
              canChange={canChange}
              saving={saving === person.userId}
              disabled={saving !== null}
              onRole={(role) => void changeRole(person, role)}
            />
          ))}
        </ul>
      )}
      {error && (
        <div className="home-form-error" role="alert">
          {error}
        </div>
      )}
    </section>
  );
}

/** One person: who, their role (a select for owners; never for yourself) and its source. */
function PersonRow(props: {
  person: BoardPerson;
  self: boolean;
  canChange: boolean;
  saving: boolean;
  disabled: boolean;
  onRole(role: Role | null): void;
}) {
  const { person, self } = props;
  const source = person.from === 'board' ? 'Set on this map' : 'From the workspace';
  return (
    <li className="board-person" data-testid="board-person" data-email={person.email}>
      <div className="board-person-who">
        <span className="board-person-name">
          {person.name}
          {self && <span className="board-person-you">You</span>}
        </span>
        <span className="board-person-email muted">{person.email}</span>
      </div>
      <div className="board-person-access">
        {props.canChange && !self ? (
          <span className="board-person-select">
            {props.saving && <Spinner />}
            <select
              className="select"
              value={person.role}
              disabled={props.disabled}
              aria-busy={props.saving || undefined}
              aria-label={`Role of ${person.name} on this map`}
              data-testid="person-role-select"
              onChange={(e) =>
                props.onRole(e.target.value === WORKSPACE_DEFAULT ? null : (e.target.value as Role))
              }
            >
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {ROLE_LABELS[role]}
                </option>
              ))}
              <option value={WORKSPACE_DEFAULT}>Workspace default</option>
            </select>
          </span>
        ) : (
          <span className="board-person-role" data-testid="person-role">
            {ROLE_LABELS[person.role]}
          </span>
        )}
        <span className="board-person-source muted" data-testid="person-role-source">
          {source}
        </span>
      </div>
    </li>
  );
}
