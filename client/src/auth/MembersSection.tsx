/**
 * The workspace's members (admins): role, last active, a password reset link, removal. Your own
 * row cannot change your role or remove you (ask another admin), so no one locks themselves out.
 */

import { useState } from 'react';
import { CopyField } from '../ui/CopyField.js';
import { Dialog } from '../ui/Dialog.js';
import { errorMessage } from '../ui/errors.js';
import { absoluteTime, relativeTime } from '../ui/time.js';
import { useToasts } from '../ui/toasts.js';
import { Section } from './AppFrame.js';
import { authApi, WORKSPACE_ROLES, type Member, type WorkspaceRole } from './authApi.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import { ROLE_LABELS, roleWithArticle } from './messages.js';
import { LoadNotice, useLoaded } from './useLoaded.js';
import { Avatar } from './UserMenu.js';

interface MembersSectionProps {
  workspaceId: string;
  /** The signed-in admin's own user id. */
  selfId: string;
  /** Password reset links exist only where people sign in with a password. */
  canReset: boolean;
}

export function MembersSection({ workspaceId, selfId, canReset }: MembersSectionProps) {
  const toasts = useToasts();
  const { loaded, reload } = useLoaded(workspaceId, () => authApi.members(workspaceId));
  const [removing, setRemoving] = useState<Member | null>(null);
  const [resetLink, setResetLink] = useState<{ member: Member; url: string } | null>(null);

  const changeRole = async (member: Member, role: WorkspaceRole) => {
    try {
      await authApi.changeRole(workspaceId, member.userId, role);
      toasts.show(`${member.name} is now ${roleWithArticle(role)}`, 'success');
    } catch (err) {
      toasts.show(`Could not change ${member.name}’s role: ${errorMessage(err)}`, 'error');
    }
    await reload();
  };

  const makeResetLink = async (member: Member) => {
    try {
      const { url } = await authApi.passwordResetLink(workspaceId, member.userId);
      setResetLink({ member, url });
    } catch (err) {
      toasts.show(`Could not make a reset link: ${errorMessage(err)}`, 'error');
    }
  };

  return (
    <Section title="Members" testId="members-section">
      <LoadNotice loaded={loaded} what="the members" />
      {loaded.state === 'ready' && (
        <MemberTable
          members={loaded.value}
          selfId={selfId}
          canReset={canReset}
          onRole={(m, role) => void changeRole(m, role)}
          onReset={(m) => void makeResetLink(m)}
          onRemove={setRemoving}
        />
      )}
      {removing && (
        <ConfirmDialog
          title={`Remove ${removing.name}?`}
          description="They lose access to the workspace’s maps at once, and any map they have open closes."
          confirmLabel="Remove member"
          action={() => authApi.removeMember(workspaceId, removing.userId)}
          onClose={() => setRemoving(null)}
          onDone={() => {
            toasts.show(`Removed ${removing.name}`, 'success');
            setRemoving(null);
            void reload();
          }}
        />
      )}
      {resetLink && (
        <Dialog
          title={`Reset link for ${resetLink.member.name}`}
          description="Send them this link: it works once and lets them choose a new password. Anyone holding it can, so send it only to them."
          onClose={() => setResetLink(null)}
          testId="reset-link-dialog"
        >
          <CopyField
            label="Password reset link"
            value={resetLink.url}
            copiedMessage="Link copied"
            testId="reset-link"
          />
        </Dialog>
      )}
    </Section>
  );
}

function MemberTable(props: {
  members: Member[];
  selfId: string;
  canReset: boolean;
  onRole(member: Member, role: WorkspaceRole): void;
  onReset(member: Member): void;
  onRemove(member: Member): void;
}) {
  return (
    <table className="account-table" data-testid="member-list">
      <thead>
        <tr>
          <th scope="col">Name</th>
          <th scope="col">E-mail</th>
          <th scope="col">Role</th>
          <th scope="col">Last active</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.members.map((member) => {
          const self = member.userId === props.selfId;
          return (
            <tr key={member.userId} data-testid="member-row">
              <th scope="row" data-label="Name">
                <span className="account-person">
                  <Avatar me={{ name: member.name, avatarUrl: null }} size={24} />
                  {member.name}
                  {self && <span className="account-badge">You</span>}
                </span>
              </th>
              <td data-label="E-mail" className="account-email">
                {member.email}
              </td>
              <td data-label="Role">
                <select
                  className="select account-role-select"
                  value={member.role}
                  disabled={self}
                  title={self ? 'Another admin can change your role' : undefined}
                  aria-label={`Role of ${member.name}`}
                  onChange={(e) => props.onRole(member, e.target.value as WorkspaceRole)}
                >
                  {WORKSPACE_ROLES.map((role) => (
                    <option key={role} value={role}>
                      {ROLE_LABELS[role]}
                    </option>
                  ))}
                </select>
              </td>
              <td data-label="Last active">
                {member.lastActiveAt ? (
                  <time dateTime={member.lastActiveAt} title={absoluteTime(member.lastActiveAt)}>
                    {relativeTime(member.lastActiveAt)}
                  </time>
                ) : (
                  'Never'
                )}
              </td>
              <td className="account-table-actions">
                {props.canReset && (
                  <button
                    type="button"
                    className="btn"
                    onClick={() => props.onReset(member)}
                    aria-label={`Make a password reset link for ${member.name}`}
                  >
                    Reset link
                  </button>
                )}
                {!self && (
                  <button
                    type="button"
                    className="btn btn-danger"
                    onClick={() => props.onRemove(member)}
                    aria-label={`Remove ${member.name}`}
                  >
                    Remove
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
