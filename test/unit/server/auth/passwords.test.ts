import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../../server/config.js';
import {
  decoyHash,
  DEFAULT_PASSWORD_COST,
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

  it('S58: production hashes at N=2^17 unless PASSWORD_HASH_COST says otherwise (tests: 2^10)', async () => {
    expect(loadConfig({}).PASSWORD_HASH_COST).toBe(DEFAULT_PASSWORD_COST);
    expect(DEFAULT_PASSWORD_COST).toBe(17);
    expect(() => loadConfig({ PASSWORD_HASH_COST: '9' })).toThrow(/PASSWORD_HASH_COST/);
    const cheap = await hashPassword('correct horse battery', 10);
    expect(cheap).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await verifyPassword('correct horse battery', cheap)).toBe(true);
    expect(await verifyPassword('correct horse batterY', cheap)).toBe(false);
    // The decoy an unknown e-mail is checked against costs what a real hash costs.
    expect(await decoyHash(10)).toMatch(/^scrypt\$1024\$/);
  });

  it('names what is wrong with a new password', () => {
    expect(passwordProblem('short')).toMatch(/at least 10/);
    expect(passwordProblem('aaaaaaaaaaaa')).toMatch(/too few different/);
    expect(passwordProblem('ada.lovelace-2024', 'ada.lovelace@example.com')).toMatch(/e-mail name/);
    expect(passwordProblem('x'.repeat(257))).toMatch(/at most 256/);
    expect(passwordProblem('correct horse battery', 'ada@example.com')).toBeNull();
  });
});
