import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { originAllowed } from '../../../../server/auth/origin.js';
import { loadSecret, SECRET_FILE } from '../../../../server/auth/secret.js';
import { TokenIssuer } from '../../../../server/auth/tokens.js';
import { removeDir, tempDataDir } from '../../../helpers/server.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach(removeDir));
const dir = () => {
  const d = tempDataDir();
  dirs.push(d);
  return d;
};

describe('loadSecret', () => {
  it('S3: generates a secret once into DATA_DIR with mode 0600 and reads it back', () => {
    const d = dir();
    const first = loadSecret(undefined, d);
    const file = path.join(d, SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').length).toBeGreaterThanOrEqual(32);
    expect(loadSecret(undefined, d)).toEqual(first);
  });

  it('S3: prefers AUTH_SECRET and refuses a damaged secret file', () => {
    const d = dir();
    expect(new TextDecoder().decode(loadSecret('x'.repeat(40), d))).toBe('x'.repeat(40));
    writeFileSync(path.join(d, SECRET_FILE), 'short');
    expect(() => loadSecret(undefined, d)).toThrowError(/no usable secret/);
  });
});

describe('TokenIssuer', () => {
  const issuer = new TokenIssuer(new TextEncoder().encode('a'.repeat(32)));

  it('S1, S2: round-trips a capability and refuses tampering or another key', async () => {
    const token = await issuer.sign({ boardId: 'abcdefgh1234', role: 'commenter', keyVersion: 3 });
    expect(await issuer.verify(token)).toEqual({
      boardId: 'abcdefgh1234',
      role: 'commenter',
      keyVersion: 3,
    });
    const [h, p, s] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ b: 'abcdefgh1234', r: 'owner', kv: 3 })).toString(
      'base64url',
    );
    expect(await issuer.verify(`${h}.${forged}.${s}`)).toBeNull();
    expect(await issuer.verify(`${h}.${p}`)).toBeNull();
    expect(await issuer.verify('not a token')).toBeNull();
    const other = new TokenIssuer(new TextEncoder().encode('b'.repeat(32)));
    expect(await other.verify(token)).toBeNull();
  });

  it('S1: issues one token per role', async () => {
    const tokens = await issuer.tokensFor('abcdefgh1234', 1);
    expect(Object.keys(tokens).sort()).toEqual(['commenter', 'editor', 'owner', 'viewer']);
    expect((await issuer.verify(tokens.viewer))?.role).toBe('viewer');
  });
});

describe('originAllowed', () => {
  it('S11: allows no Origin (non-browser clients), the same origin and listed ones only', () => {
    expect(originAllowed(undefined, 'board.example:1234', [])).toBe(true);
    expect(originAllowed('http://board.example:1234', 'board.example:1234', [])).toBe(true);
    expect(originAllowed('https://evil.example', 'board.example:1234', [])).toBe(false);
    expect(
      originAllowed('https://app.example', 'board.example:1234', ['https://app.example']),
    ).toBe(true);
    expect(originAllowed('null', 'board.example:1234', [])).toBe(false);
  });
});
