/** A one-time password reset link (`/reset#secret=<secret>`): choose a new password. */

import { useRef, useState, type FormEvent } from 'react';
import { HOME_PATH } from '../../../shared/protocol/returnTo.js';
import { navigate } from '../router.js';
import { AppLink, AuthCard, AuthNotice } from './AuthCard.js';
import { authApi, type AuthConfig } from './authApi.js';
import { useAuth } from './AuthProvider.js';
import { errorFor, FormAlert, SubmitButton, TextField, useFormSubmit } from './forms.js';
import { checkNewPassword } from './validation.js';

const FIELDS = ['password'] as const;

export function ResetPage({ config, secret }: { config: AuthConfig; secret: string | null }) {
  const { refresh } = useAuth();
  const [password, setPassword] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();
  const minLength = config.passwordRules.minLength;

  if (!secret)
    return (
      <AuthNotice
        title="This reset link is incomplete"
        documentTitle="Reset password"
        testId="reset-incomplete"
      >
        <p>Open the whole link you were given, or ask a workspace admin for a new one.</p>
        <p>
          <AppLink to="/signin">Back to sign in</AppLink>
        </p>
      </AuthNotice>
    );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submit(
      form.current,
      () => checkNewPassword(password, minLength),
      async () => {
        await authApi.resetPassword({ secret, password });
        await refresh();
      },
    );
    if (done) navigate(HOME_PATH, { replace: true });
  };

  return (
    <AuthCard
      title="Choose a new password"
      documentTitle="Reset password"
      testId="reset-page"
      intro={<p>This link works once. You are signed in as soon as the new password is saved.</p>}
    >
      <form ref={form} className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          hint={`At least ${minLength} characters.`}
          error={errorFor(problem, 'password')}
          autoFocus
          testId="reset-password"
        />
        <FormAlert problem={problem} fields={FIELDS} testId="reset-error" />
        <SubmitButton busy={busy} busyLabel="Saving…" testId="reset-submit">
          Save and sign in
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
