/** A fresh install's first page: whoever opens it creates the admin account and the workspace. */

import { useRef, useState, type FormEvent } from 'react';
import { HOME_PATH } from '../../../shared/protocol/returnTo.js';
import { navigate } from '../router.js';
import { AuthCard } from './AuthCard.js';
import { authApi, type AuthConfig } from './authApi.js';
import { useAuth } from './AuthProvider.js';
import { errorFor, FormAlert, SubmitButton, TextField, useFormSubmit } from './forms.js';
import { checkSetup, NAME_MAX, WORKSPACE_NAME_MAX, type SetupForm } from './validation.js';

const FIELDS = ['name', 'email', 'password', 'workspaceName'] as const;

export function SetupPage({ config }: { config: AuthConfig }) {
  const { refresh } = useAuth();
  const [form, setForm] = useState<SetupForm>({
    name: '',
    email: '',
    password: '',
    workspaceName: '',
  });
  const formRef = useRef<HTMLFormElement>(null);
  const { busy, problem, submit } = useFormSubmit();
  const minLength = config.passwordRules.minLength;
  const set = (key: keyof SetupForm) => (value: string) => setForm((f) => ({ ...f, [key]: value }));

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    const created = await submit(
      formRef.current,
      () => checkSetup(form, minLength),
      async () => {
        await authApi.setup({
          name: form.name.trim(),
          email: form.email.trim(),
          password: form.password,
          workspaceName: form.workspaceName.trim(),
        });
        await refresh();
      },
    );
    if (created) navigate(HOME_PATH, { replace: true });
  };

  return (
    <AuthCard
      title="Create the admin account"
      documentTitle="Set up"
      testId="setup-page"
      intro={
        <>
          <p>
            This journeyboard is new: no one has an account yet. The account you create now is its
            administrator, who invites people, sets their roles and decides who may sign up.
          </p>
          <p>Everyone else joins by an invitation link from you.</p>
        </>
      }
    >
      <form ref={formRef} className="auth-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <TextField
          label="Your name"
          name="name"
          autoComplete="name"
          value={form.name}
          onChange={set('name')}
          maxLength={NAME_MAX}
          error={errorFor(problem, 'name')}
          autoFocus
          testId="setup-name"
        />
        <TextField
          label="E-mail"
          name="email"
          type="email"
          autoComplete="email"
          value={form.email}
          onChange={set('email')}
          error={errorFor(problem, 'email')}
          testId="setup-email"
        />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          value={form.password}
          onChange={set('password')}
          hint={`At least ${minLength} characters.`}
          error={errorFor(problem, 'password')}
          testId="setup-password"
        />
        <TextField
          label="Workspace name"
          name="workspaceName"
          autoComplete="organization"
          value={form.workspaceName}
          onChange={set('workspaceName')}
          maxLength={WORKSPACE_NAME_MAX}
          hint="Your team or company: the people you invite join it."
          error={errorFor(problem, 'workspaceName')}
          testId="setup-workspace"
        />
        <FormAlert problem={problem} fields={FIELDS} testId="setup-error" />
        <SubmitButton busy={busy} busyLabel="Creating…" testId="setup-submit">
          Create the admin account
        </SubmitButton>
      </form>
    </AuthCard>
  );
}
