/**
 * What the account forms check before asking the server (which checks again and has the last
 * word). Pure; a problem names its field the way the server's errors do.
 */

import type { FormProblem } from './authApi.js';

export const NAME_MAX = 80;
export const WORKSPACE_NAME_MAX = 80;
export const TOKEN_NAME_MAX = 80;
/** Enough to catch a typo; the server decides what it accepts. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function checkName(name: string, field = 'name', what = 'your name'): FormProblem | null {
  const clean = name.trim();
  if (!clean) return { field, error: `Enter ${what}.` };
  if (clean.length > NAME_MAX)
    return { field, error: `Keep ${what} under ${NAME_MAX} characters.` };
  return null;
}

export function checkEmail(email: string, field = 'email'): FormProblem | null {
  const clean = email.trim();
  if (!clean) return { field, error: 'Enter your e-mail address.' };
  if (!EMAIL_SHAPE.test(clean))
    return { field, error: 'Enter an e-mail address like name@example.com.' };
  return null;
}

/** A new password against the server's rules (`passwordRules.minLength`). */
export function checkNewPassword(
  password: string,
  minLength: number,
  field = 'password',
): FormProblem | null {
  if (!password) return { field, error: 'Choose a password.' };
  if (password.length < minLength)
    return { field, error: `Use at least ${minLength} characters for the password.` };
  return null;
}

/** The first problem among `checks`, or null when every one passed. */
function firstProblem(...checks: (FormProblem | null)[]): FormProblem | null {
  return checks.find((c) => c !== null) ?? null;
}

export function checkSignIn(form: { email: string; password: string }): FormProblem | null {
  return firstProblem(
    checkEmail(form.email),
    form.password ? null : { field: 'password', error: 'Enter your password.' },
  );
}

export interface SetupForm {
  name: string;
  email: string;
  password: string;
  workspaceName: string;
}

export function checkSetup(form: SetupForm, minLength: number): FormProblem | null {
  return firstProblem(
    checkName(form.name),
    checkEmail(form.email),
    checkNewPassword(form.password, minLength),
    checkName(form.workspaceName, 'workspaceName', 'a name for the workspace'),
  );
}

export function checkSignUp(
  form: { name: string; email: string; password: string },
  minLength: number,
): FormProblem | null {
  return firstProblem(
    checkName(form.name),
    checkEmail(form.email),
    checkNewPassword(form.password, minLength),
  );
}

export function checkPasswordChange(
  form: { current: string; next: string },
  minLength: number,
): FormProblem | null {
  return firstProblem(
    form.current ? null : { field: 'current', error: 'Enter your current password.' },
    checkNewPassword(form.next, minLength, 'next'),
    form.next && form.next === form.current
      ? { field: 'next', error: 'The new password is the same as the current one.' }
      : null,
  );
}

export function checkTokenName(name: string): FormProblem | null {
  return checkName(name, 'name', 'a name for the token');
}
