/**
 * The docs' generated tables (configuration, limits, close codes) match the code they are
 * generated from; `npm run docs` rewrites them.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GENERATED, generatedFiles, regenerate } from '../../scripts/docTables.js';
import { CONFIG_DOCS, envSchema } from '../../server/config.js';
import { CloseCode, closeCodeList, stockClientRetries } from '../../shared/protocol/closeCodes.js';

const ROOT = path.resolve(import.meta.dirname, '../..');

describe('generated tables in the docs', () => {
  it('W2, W34: are up to date (else: run npm run docs)', async () => {
    for (const { file, current, expected } of await generatedFiles(ROOT)) {
      expect(current, `${file} is out of date: run npm run docs`).toBe(expected);
    }
  });

  it('notice a stale table: a row taken out is put back', async () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const stale = readme.replace(/^\| `MAX_BOARD_BYTES` .*\n/m, '');
    expect(stale).not.toBe(readme);
    expect(await regenerate(ROOT, 'README.md', stale)).toBe(readme);
  });

  it('refuse a file whose markers are missing, naming them', async () => {
    await expect(regenerate(ROOT, 'docs/WIRE.md', '# Wire\n')).rejects.toThrow(
      /docs\/WIRE\.md: the markers <!-- generated:close-codes -->/,
    );
  });

  it('W2, W34: list every environment variable in the README and every close code in WIRE.md', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    for (const name of Object.keys(envSchema.shape)) expect(readme).toContain(`| \`${name}\``);
    expect(Object.keys(CONFIG_DOCS).sort()).toEqual(Object.keys(envSchema.shape).sort());
    const wire = readFileSync(path.join(ROOT, 'docs/WIRE.md'), 'utf8');
    for (const code of Object.values(CloseCode))
      expect(wire).toMatch(new RegExp(`^\\| ${code} `, 'm'));
    expect(new Set(GENERATED.map((g) => g.file))).toEqual(
      new Set(['README.md', 'docs/SECURITY.md', 'docs/WIRE.md']),
    );
  });
});

describe('close codes', () => {
  it('W34: keep their constants and list each code once, in order', () => {
    expect(CloseCode.GOING_AWAY).toBe(1001);
    expect(CloseCode.NOT_FOUND).toBe(4404);
    expect(CloseCode.STORAGE_UNAVAILABLE).toBe(4503);
    const codes = closeCodeList().map((c) => c.code);
    expect(codes).toEqual([...new Set(Object.values(CloseCode))].sort((a, b) => a - b));
    for (const { name, code } of closeCodeList()) expect(CloseCode[name]).toBe(code);
  });

  it('W34: say what a stock y-websocket 3.1 client does: 4400–4499 are final', () => {
    expect([1001, 4399, 4400, 4499, 4500, 4503].map(stockClientRetries)).toEqual([
      true,
      true,
      false,
      false,
      true,
      true,
    ]);
  });
});
