/**
 * Inviting people (admins): a role and, optionally, the one e-mail that may use the link; the
 * link to send is shown with a Copy button. Open invitations are listed and can be revoked.
 */

import { useRef, useState, type FormEvent } from 'react';
import { CopyField } from '../ui/CopyField.js';
import { absoluteTime, shortDate } from '../ui/time.js';
import { useToasts } from '../ui/toasts.js';
import { Section } from './AppFrame.js';
import { useAuth } from './AuthProvider.js';
import { authApi, WORKSPACE_ROLES, type Invitation, type WorkspaceRole } from './authApi.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import {
  errorFor,
  FormAlert,
  SelectField,
  SubmitButton,
  TextField,
  useFormSubmit,
} from './forms.js';
import { ROLE_HINTS, ROLE_LABELS } from './messages.js';
import { LoadNotice, useLoaded } from './useLoaded.js';
import { checkEmail } from './validation.js';

const ROLE_OPTIONS = WORKSPACE_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

export function InvitationsSection({ workspaceId }: { workspaceId: string }) {
  const toasts = useToasts();
  const { loaded, reload } = useLoaded(workspaceId, () => authApi.invitations(workspaceId));
  const [link, setLink] = useState<InvitationMade | null>(null);
  const [revoking, setRevoking] = useState<Invitation | null>(null);

  return (
    <Section
      title="Invite people"
      description="Make a link and send it however you like: whoever opens it creates their account and joins this workspace."
      testId="invite-section"
    >
      <InviteForm
        workspaceId={workspaceId}
        onInvited={(made) => {
          setLink(made);
          void reload();
        }}
      />
      {link && (
        <div className="account-new-secret" role="status" data-testid="invitation-made">
          {link.mailedTo && (
            <p data-testid="invitation-mailed">
              Sent to <strong>{link.mailedTo}</strong>. You can also copy the link:
            </p>
          )}
          <CopyField
            label="Invitation link"
            value={link.url}
            copiedMessage="Link copied"
            testId="invitation-link"
          />
          <p className="muted">
            Works until <time dateTime={link.expiresAt}>{absoluteTime(link.expiresAt)}</time>.
          </p>
        </div>
      )}
      <LoadNotice loaded={loaded} what="the invitations" />
      {loaded.state === 'ready' && (
        <InvitationList
          invitations={loaded.value.filter((i) => !i.revoked)}
          onRevoke={setRevoking}
        />
      )}
      {revoking && (
        <ConfirmDialog
          title="Revoke this invitation?"
          description="The link stops working at once. Accounts already made with it stay."
          confirmLabel="Revoke invitation"
          action={() => authApi.revokeInvitation(workspaceId, revoking.id)}
          onClose={() => setRevoking(null)}
          onDone={() => {
            toasts.show('Invitation revoked', 'success');
            setRevoking(null);
            void reload();
          }}
        />
      )}
    </Section>
  );
}

interface InvitationMade {
  url: string;
  expiresAt: string;
  /** The address the server mailed the link to (W149), when it mails. */
  mailedTo?: string | null;
}

function InviteForm(props: { workspaceId: string; onInvited(link: InvitationMade): void }) {
  const { config } = useAuth();
  const mails = config?.mail === true;
  const [role, setRole] = useState<WorkspaceRole>('member');
  const [email, setEmail] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const made = await submit(
      form.current,
      () => (email.trim() ? checkEmail(email) : null),
      () =>
        authApi.invite(props.workspaceId, {
          role,
          ...(email.trim() ? { email: email.trim() } : {}),
        }),
    );
    if (!made) return;
    setEmail('');
    props.onInvited(made.value);
  };

  return (
    <form ref={form} className="account-inline-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <SelectField<WorkspaceRole>
        label="Role"
        name="role"
        value={role}
        options={ROLE_OPTIONS}
        onChange={setRole}
        hint={ROLE_HINTS[role]}
        testId="invite-role"
      />
      <TextField
        label="E-mail (optional)"
        name="email"
        type="email"
        autoComplete="off"
        value={email}
        onChange={setEmail}
        hint={
          mails
            ? 'With an address, the link is e-mailed there and only that person may use it, once. Empty: up to 50 people may join with it.'
            : 'With an address, only that person may use the link, once. Empty: up to 50 people may join with it.'
        }
        error={errorFor(problem, 'email')}
        testId="invite-email"
      />
      <SubmitButton busy={busy} busyLabel="Making the link…" testId="invite-submit">
        {mails && email.trim() ? 'Send invitation' : 'Make invitation link'}
      </SubmitButton>
      <FormAlert problem={problem} fields={['email']} />
    </form>
  );
}

function InvitationList(props: { invitations: Invitation[]; onRevoke(i: Invitation): void }) {
  if (props.invitations.length === 0) return <p className="muted">No open invitations.</p>;
  return (
    <table className="account-table" data-testid="invitation-list">
      <caption className="account-caption">Open invitations</caption>
      <thead>
        <tr>
          <th scope="col">For</th>
          <th scope="col">Role</th>
          <th scope="col">Expires</th>
          <th scope="col">
            <span className="sr-only">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {props.invitations.map((invitation) => (
          <tr key={invitation.id} data-testid="invitation-row">
            <th scope="row" data-label="For" className="account-email">
              {invitation.email ?? 'Anyone with the link'}
            </th>
            <td data-label="Role">{ROLE_LABELS[invitation.role]}</td>
            <td data-label="Expires">
              <time dateTime={invitation.expiresAt} title={absoluteTime(invitation.expiresAt)}>
                {shortDate(invitation.expiresAt)}
              </time>
            </td>
            <td className="account-table-actions">
              <button
                type="button"
                className="btn btn-danger"
                onClick={() => props.onRevoke(invitation)}
              >
                Revoke
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
