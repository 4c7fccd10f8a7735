/** `/account`: your name, e-mail and password, personal access tokens, sign out everywhere. */

import { useRef, useState, type FormEvent } from 'react';
import { navigate } from '../router.js';
import { useToasts } from '../ui/toasts.js';
import { AppFrame, Section } from './AppFrame.js';
import { authApi, type AuthConfig, type Me } from './authApi.js';
import { useAuth } from './AuthProvider.js';
import { ConfirmDialog } from '../ui/ConfirmDialog.js';
import { errorFor, FormAlert, SubmitButton, TextField, useFormSubmit } from './forms.js';
import { MailSection } from './MailSection.js';
import { TimeZoneSection } from './TimeZoneSection.js';
import { TokensSection } from './TokensSection.js';
import { Avatar } from './UserMenu.js';
import { checkName, checkPasswordChange, NAME_MAX } from './validation.js';

export function AccountPage({ config, me }: { config: AuthConfig; me: Me }) {
  return (
    <AppFrame title="Your account" subtitle={me.email} testId="account-page">
      <ProfileSection me={me} />
      {config.localSignIn && <PasswordSection email={me.email} config={config} />}
      <MailSection />
      <TimeZoneSection />
      <TokensSection />
      <SessionsSection />
    </AppFrame>
  );
}

function ProfileSection({ me }: { me: Me }) {
  const { refresh } = useAuth();
  const toasts = useToasts();
  const [name, setName] = useState(me.name);
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const saved = await submit(
      form.current,
      () => checkName(name),
      async () => {
        await authApi.updateMe({ name: name.trim() });
        await refresh();
      },
    );
    if (saved) toasts.show('Name saved', 'success');
  };

  return (
    <Section title="Profile" description="How others see you on maps, cursors and comments.">
      <form ref={form} className="account-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="account-profile-row">
          <Avatar me={{ name: name || me.name, avatarUrl: me.avatarUrl }} size={48} />
          <TextField
            label="Name"
            name="name"
            autoComplete="name"
            value={name}
            onChange={setName}
            maxLength={NAME_MAX}
            error={errorFor(problem, 'name')}
            testId="account-name"
          />
        </div>
        <div className="field">
          <span>E-mail</span>
          <span className="account-value" data-testid="account-email">
            {me.email}
          </span>
        </div>
        <FormAlert problem={problem} fields={['name']} />
        <div className="account-form-actions">
          <SubmitButton busy={busy} busyLabel="Saving…" testId="account-name-save">
            Save name
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}

/** The server may name the fields `password.current` / `password.next` or just `password`. */
const passwordField = (field: string) =>
  field === 'password.current' ? 'current' : field.startsWith('password') ? 'next' : field;

function PasswordSection({ email, config }: { email: string; config: AuthConfig }) {
  const toasts = useToasts();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();
  const minLength = config.passwordRules.minLength;

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const changed = await submit(
      form.current,
      () => checkPasswordChange({ current, next }, minLength),
      () => authApi.updateMe({ password: { current, next } }),
      passwordField,
    );
    if (!changed) return;
    setCurrent('');
    setNext('');
    toasts.show('Password changed', 'success');
  };

  return (
    <Section title="Password">
      <form ref={form} className="account-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        {/* For password managers: which account this password belongs to. */}
        <input
          className="sr-only"
          type="email"
          autoComplete="username"
          value={email}
          readOnly
          tabIndex={-1}
          aria-hidden="true"
        />
        <TextField
          label="Current password"
          name="current"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={setCurrent}
          error={errorFor(problem, 'current')}
        />
        <TextField
          label="New password"
          name="next"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={setNext}
          hint={`At least ${minLength} characters.`}
          error={errorFor(problem, 'next')}
        />
        <FormAlert problem={problem} fields={['current', 'next']} />
        <div className="account-form-actions">
          <SubmitButton busy={busy} busyLabel="Changing…">
            Change password
          </SubmitButton>
        </div>
      </form>
    </Section>
  );
}

function SessionsSection() {
  const { refresh } = useAuth();
  const [confirming, setConfirming] = useState(false);
  return (
    <Section
      title="Sessions"
      description="Signed in on a computer you no longer use, or lost a phone? End every session, this one included."
    >
      <div>
        <button
          type="button"
          className="btn btn-danger"
          onClick={() => setConfirming(true)}
          data-testid="sign-out-everywhere"
        >
          Sign out everywhere
        </button>
      </div>
      {confirming && (
        <ConfirmDialog
          title="Sign out everywhere?"
          description="Every browser signed in to your account is signed out, this one too. Personal access tokens keep working."
          confirmLabel="Sign out everywhere"
          action={async () => {
            await authApi.logoutEverywhere();
            await refresh();
          }}
          onClose={() => setConfirming(false)}
          onDone={() => navigate('/signin', { replace: true })}
        />
      )}
    </Section>
  );
}
