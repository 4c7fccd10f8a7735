/**
 * An invitation link opened by someone already signed in: they join that workspace with their
 * own account (W157) instead of making another, and land in it on the boards page.
 */

import { useRef, type FormEvent } from 'react';
import { HOME_PATH } from '../../../shared/protocol/returnTo.js';
import { navigate } from '../router.js';
import { AppLink, AuthCard } from './AuthCard.js';
import { authApi, type InvitationPreview, type Me } from './authApi.js';
import { useAuth } from './AuthProvider.js';
import { useCurrentWorkspace } from './currentWorkspace.js';
import { FormAlert, SubmitButton, useFormSubmit } from './forms.js';
import { roleWithArticle } from './messages.js';

export function JoinWorkspace(props: { me: Me; preview: InvitationPreview; invite: string }) {
  const { refresh } = useAuth();
  const { switchTo } = useCurrentWorkspace();
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();
  const { workspace, role } = props.preview;

  const join = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submit(
      form.current,
      () => null,
      async () => {
        const joined = await authApi.joinWorkspace(props.invite);
        await refresh();
        return joined;
      },
    );
    if (!done) return;
    switchTo(done.value.id);
    navigate(HOME_PATH, { replace: true });
  };

  return (
    <AuthCard
      title={`Join ${workspace.name} as ${roleWithArticle(role)}`}
      documentTitle="Join a workspace"
      testId="join-workspace-page"
      intro={
        <p>
          You are signed in as {props.me.name} ({props.me.email}). Joining adds this workspace to
          yours; the others stay as they are.
        </p>
      }
    >
      <form ref={form} className="auth-form" onSubmit={(e) => void join(e)} noValidate>
        <FormAlert problem={problem} fields={[]} testId="join-workspace-error" />
        <SubmitButton busy={busy} busyLabel="Joining…" testId="join-workspace-submit">
          Join {workspace.name}
        </SubmitButton>
        <p className="auth-footer muted">
          <AppLink to={HOME_PATH}>Not now</AppLink>
        </p>
      </form>
    </AuthCard>
  );
}
