/**
 * "Forgot password?" on the sign-in page, when the server mails reset links (W147): an e-mail
 * field, then a note that says the same whether or not the address has an account.
 */

import { useRef, useState, type FormEvent } from 'react';
import { authApi } from './authApi.js';
import { errorFor, FormAlert, SubmitButton, TextField, useFormSubmit } from './forms.js';
import { checkEmail } from './validation.js';

export function ForgotPassword() {
  const [open, setOpen] = useState(false);
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string | null>(null);
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();

  if (!open)
    return (
      <button
        type="button"
        className="auth-link auth-link-button"
        onClick={() => setOpen(true)}
        aria-expanded={false}
        data-testid="forgot-open"
      >
        Forgot password?
      </button>
    );

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const address = email.trim();
    const done = await submit(
      form.current,
      () => checkEmail(address),
      () => authApi.forgotPassword(address),
    );
    if (done) setSentTo(address);
  };

  return (
    <>
      <div className="auth-divider">
        <span>reset your password</span>
      </div>
      <form
        ref={form}
        className="auth-form auth-forgot"
        onSubmit={(e) => void onSubmit(e)}
        noValidate
        aria-label="Reset your password by e-mail"
      >
        <TextField
          label="Your e-mail"
          name="email"
          type="email"
          autoComplete="email"
          value={email}
          onChange={(value) => {
            setEmail(value);
            setSentTo(null);
          }}
          hint="We send a link to choose a new password. It works once, for an hour."
          error={errorFor(problem, 'email')}
          autoFocus
          testId="forgot-email"
        />
        <FormAlert problem={problem} fields={['email']} testId="forgot-error" />
        {sentTo && (
          <p className="auth-notice-ok" role="status" data-testid="forgot-sent">
            If an account uses {sentTo}, a reset link is on its way to it. Check your inbox (and
            spam folder).
          </p>
        )}
        <SubmitButton busy={busy} busyLabel="Sending…" testId="forgot-submit">
          {sentTo ? 'Send again' : 'Send reset link'}
        </SubmitButton>
      </form>
    </>
  );
}
