/**
 * Sign in: single sign-on when the server has a provider (a link whose accessible name is the
 * operator's button label), e-mail and password unless the server is SSO-only.
 */

import { useRef, useState, type FormEvent } from 'react';
import { navigate } from '../router.js';
import { AppLink, AuthCard } from './AuthCard.js';
import { authApi, oidcLoginHref, type AuthConfig } from './authApi.js';
import { useAuth } from './AuthProvider.js';
import { ForgotPassword } from './ForgotPassword.js';
import { errorFor, FormAlert, SubmitButton, TextField, useFormSubmit } from './forms.js';
import { checkSignIn } from './validation.js';

const FIELDS = ['email', 'password'] as const;

export function SignInPage({ config, returnTo }: { config: AuthConfig; returnTo: string }) {
  const sso = config.oidc;
  return (
    <AuthCard
      title="Sign in"
      documentTitle="Sign in"
      intro={<p>Sign in to see your team’s journey maps.</p>}
      testId="signin-page"
    >
      {sso && (
        <a className="btn auth-sso" href={oidcLoginHref(returnTo)} data-testid="sso-sign-in">
          {sso.label}
        </a>
      )}
      {sso && config.localSignIn && (
        <div className="auth-divider">
          <span>or with your e-mail</span>
        </div>
      )}
      {config.localSignIn && <PasswordSignIn returnTo={returnTo} />}
      {!sso && !config.localSignIn && (
        <p className="home-form-error" role="alert">
          This server has no way to sign in configured. Ask whoever runs it.
        </p>
      )}
      {config.localSignIn && config.passwordResetByEmail && <ForgotPassword />}
      {config.localSignIn && (
        <p className="auth-footer muted">
          {!config.passwordResetByEmail &&
            'Forgot your password? Ask a workspace admin for a reset link.'}
          {config.openSignup && (
            <>
              {!config.passwordResetByEmail && <br />}
              New here?{' '}
              <AppLink to="/signup" testId="signup-link">
                Create an account
              </AppLink>
            </>
          )}
        </p>
      )}
    </AuthCard>
  );
}

function PasswordSignIn({ returnTo }: { returnTo: string }) {
  const { refresh } = useAuth();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const signedIn = await submit(
      form.current,
      () => checkSignIn({ email, password }),
      async () => {
        await authApi.login({ email: email.trim(), password });
        await refresh();
      },
    );
    if (signedIn) navigate(returnTo, { replace: true });
  };

  return (
    <form
      ref={form}
      className="auth-form"
      onSubmit={(e) => void onSubmit(e)}
      noValidate
      aria-label="Sign in with e-mail"
    >
      <TextField
        label="E-mail"
        name="email"
        type="email"
        autoComplete="email"
        value={email}
        onChange={setEmail}
        error={errorFor(problem, 'email')}
        autoFocus
        testId="signin-email"
      />
      <TextField
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errorFor(problem, 'password')}
        testId="signin-password"
      />
      <FormAlert problem={problem} fields={FIELDS} testId="signin-error" />
      <SubmitButton busy={busy} busyLabel="Signing in…" testId="signin-submit">
        Sign in
      </SubmitButton>
    </form>
  );
}
