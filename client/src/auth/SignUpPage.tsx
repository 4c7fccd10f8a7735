/**
 * Sign up: by an invitation link (`/signup#invite=<secret>`, the secret never in the query), or
 * freely when the admin opened sign-up.
 */

import { useEffect, useRef, useState, type FormEvent } from 'react';
import { HOME_PATH } from '../../../shared/protocol/returnTo.js';
import { navigate } from '../router.js';
import { Spinner } from '../ui/icons.js';
import { AppLink, AuthCard, AuthNotice } from './AuthCard.js';
import { authApi, problemOf, type AuthConfig, type InvitationPreview } from './authApi.js';
import { useAuth } from './AuthProvider.js';
import { JoinWorkspace } from './JoinWorkspace.js';
import { errorFor, FormAlert, SubmitButton, TextField, useFormSubmit } from './forms.js';
import { invitationRefusal, roleWithArticle } from './messages.js';
import { checkSignUp, NAME_MAX } from './validation.js';

const FIELDS = ['name', 'email', 'password'] as const;

type Invitation =
  | { state: 'none' }
  | { state: 'loading' }
  | { state: 'ready'; preview: InvitationPreview }
  | { state: 'refused'; title: string; message: string };

function useInvitation(secret: string | null): Invitation {
  const [invitation, setInvitation] = useState<Invitation>(
    secret ? { state: 'loading' } : { state: 'none' },
  );
  useEffect(() => {
    if (!secret) return;
    let current = true;
    setInvitation({ state: 'loading' });
    authApi.invitation(secret).then(
      (preview) => current && setInvitation({ state: 'ready', preview }),
      (err: unknown) => {
        const { status, error } = problemOf(err);
        if (current) setInvitation({ state: 'refused', ...invitationRefusal(status, error) });
      },
    );
    return () => {
      current = false;
    };
  }, [secret]);
  return invitation;
}

export function SignUpPage({ config, invite }: { config: AuthConfig; invite: string | null }) {
  const invitation = useInvitation(invite);
  const { me } = useAuth();
  if (invitation.state === 'loading')
    return (
      <AuthNotice title="Checking your invitation…" documentTitle="Sign up">
        <p className="auth-loading" role="status">
          <Spinner /> One moment.
        </p>
      </AuthNotice>
    );
  if (invitation.state === 'refused')
    return (
      <AuthNotice title={invitation.title} documentTitle="Sign up" testId="invitation-refused">
        <p role="alert">{invitation.message}</p>
        <p>
          Already have an account? <AppLink to="/signin">Sign in</AppLink>
        </p>
      </AuthNotice>
    );
  if (invitation.state === 'none' && !config.openSignup)
    return (
      <AuthNotice title="Sign-up is by invitation" documentTitle="Sign up" testId="signup-closed">
        <p>Ask a workspace admin for an invitation link, then open it here.</p>
        <p>
          Already have an account? <AppLink to="/signin">Sign in</AppLink>
        </p>
      </AuthNotice>
    );
  const preview = invitation.state === 'ready' ? invitation.preview : null;
  if (me && preview && invite) return <JoinWorkspace me={me} preview={preview} invite={invite} />;
  return (
    <AuthCard
      title={
        preview
          ? `Join ${preview.workspace.name} as ${roleWithArticle(preview.role)}`
          : 'Create your account'
      }
      documentTitle="Sign up"
      testId="signup-page"
      intro={<p>Your name is how others see you on maps, cursors and comments.</p>}
    >
      <SignUpForm config={config} invite={preview ? invite : null} presetEmail={preview?.email} />
    </AuthCard>
  );
}

function SignUpForm(props: {
  config: AuthConfig;
  invite: string | null;
  presetEmail?: string | null;
}) {
  const { refresh } = useAuth();
  const [name, setName] = useState('');
  const [email, setEmail] = useState(props.presetEmail ?? '');
  const [password, setPassword] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();
  const minLength = props.config.passwordRules.minLength;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submit(
      form.current,
      () => checkSignUp({ name, email, password }, minLength),
      async () => {
        await authApi.signup({
          name: name.trim(),
          email: email.trim(),
          password,
          ...(props.invite ? { invitation: props.invite } : {}),
        });
        await refresh();
      },
    );
    if (done) navigate(HOME_PATH, { replace: true });
  };

  return (
    <form ref={form} className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate>
      <TextField
        label="Your name"
        name="name"
        autoComplete="name"
        value={name}
        onChange={setName}
        maxLength={NAME_MAX}
        error={errorFor(problem, 'name')}
        autoFocus
        testId="signup-name"
      />
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        readOnly={Boolean(props.presetEmail)}
        hint={props.presetEmail ? 'The invitation is for this address.' : undefined}
        error={errorFor(problem, 'email')}
        testId="signup-email"
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        value={password}
        onChange={setPassword}
        hint={`At least ${minLength} characters.`}
        error={errorFor(problem, 'password')}
        testId="signup-password"
      />
      <FormAlert problem={problem} fields={FIELDS} testId="signup-error" />
      <SubmitButton busy={busy} busyLabel="Creating your account…" testId="signup-submit">
        Create account
      </SubmitButton>
      <p className="auth-footer muted">
        Already have an account? <AppLink to="/signin">Sign in</AppLink>
      </p>
    </form>
  );
}
