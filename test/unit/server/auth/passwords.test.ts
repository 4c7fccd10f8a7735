import { describe, expect, it } from 'vitest';
import {
  hashPassword,
  passwordProblem,
  verifyPassword,
} from '../../../../server/auth/passwords.js';

describe('passwords', () => {
  it('S58: hashes with scrypt and a salt of its own, and verifies only the right password', async () => {
    const [a, b] = await Promise.all([
      hashPassword('correct horse battery'),
      hashPassword('correct horse battery'),
    ]);
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b); // salted
    expect(a).not.toContain('horse');
    expect(await verifyPassword('correct horse battery', a)).toBe(true);
    expect(await verifyPassword('correct horse batterY', a)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'md5$abc')).toBe(false);
  });

  it('names what is wrong with a new password', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/too few different/);
    expect(passwordProblem('ada.lovelace-2024', 'ada.lovelace@example.com')).toMatch(/e-mail name/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('correct horse battery', 'ada@example.com')).toBeNull();
  });
});
