import { describe, expect, it } from 'vitest';
import {
  checkEmail,
  checkName,
  checkNewPassword,
  checkPasswordChange,
  checkSetup,
  checkSignIn,
  checkSignUp,
  checkTokenName,
  NAME_MAX,
} from '../../../../client/src/auth/validation.js';

const GOOD = {
  name: 'Ada Lovelace',
  email: 'ada@example.com',
  password: 'correct horse',
  workspaceName: 'Analytical Engines',
};

describe('account form checks', () => {
  it('accepts a complete set-up, sign-up and sign-in', () => {
    expect(checkSetup(GOOD, 10)).toBeNull();
    expect(checkSignUp(GOOD, 10)).toBeNull();
    expect(checkSignIn(GOOD)).toBeNull();
  });

  it('names the field of the first problem, as the server does', () => {
    expect(checkSetup({ ...GOOD, name: '  ' }, 10)).toEqual({
      field: 'name',
      error: 'Enter your name.',
    });
    expect(checkSetup({ ...GOOD, email: 'ada' }, 10)?.field).toBe('email');
    expect(checkSetup({ ...GOOD, password: 'short' }, 10)).toEqual({
      field: 'password',
      error: 'Use at least 10 characters for the password.',
    });
    expect(checkSetup({ ...GOOD, workspaceName: '' }, 10)?.field).toBe('workspaceName');
    expect(checkSetup({ ...GOOD, name: '', email: '' }, 10)?.field).toBe('name');
  });

  it('follows the server’s password rule, whatever its minimum', () => {
    expect(checkNewPassword('12345678', 8)).toBeNull();
    expect(checkNewPassword('1234567', 8)?.error).toContain('8 characters');
    expect(checkNewPassword('123456789012', 12)).toBeNull();
    expect(checkNewPassword('', 1)?.error).toBe('Choose a password.');
    expect(checkSignUp({ ...GOOD, password: 'correct horse' }, 20)?.field).toBe('password');
  });

  it('asks for an e-mail that looks like one, spaces around it ignored', () => {
    expect(checkEmail(' ada@example.com ')).toBeNull();
    for (const bad of ['', 'ada', 'ada@', '@example.com', 'ada@example', 'a da@example.com'])
      expect(checkEmail(bad)?.field).toBe('email');
  });

  it('signs in with any non-empty password (the rules are for new ones)', () => {
    expect(checkSignIn({ email: GOOD.email, password: 'x' })).toBeNull();
    expect(checkSignIn({ email: GOOD.email, password: '' })).toEqual({
      field: 'password',
      error: 'Enter your password.',
    });
  });

  it('limits names to what the server keeps', () => {
    expect(checkName('x'.repeat(NAME_MAX))).toBeNull();
    expect(checkName('x'.repeat(NAME_MAX + 1))?.field).toBe('name');
    expect(checkTokenName('')).toEqual({ field: 'name', error: 'Enter a name for the token.' });
  });

  it('changes a password only to a different, valid one', () => {
    expect(checkPasswordChange({ current: 'old password', next: 'new password' }, 10)).toBeNull();
    expect(checkPasswordChange({ current: '', next: 'new password' }, 10)?.field).toBe('current');
    expect(checkPasswordChange({ current: 'old', next: 'short' }, 10)?.field).toBe('next');
    expect(checkPasswordChange({ current: 'same password', next: 'same password' }, 10)).toEqual({
      field: 'next',
      error: 'The new password is the same as the current one.',
    });
  });
});
