/**
 * What docs/WIRE.md shows a client developer works against the real server: the documented
 * minimal import is accepted, and leaving out any field the import table marks required is
 * refused with that field's path.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { importFieldsTable } from '../../scripts/docTables.js';
import { ROOT, removeDir, startTestServer, tempDataDir } from '../helpers/server.js';

const wire = readFileSync(path.join(ROOT, 'docs/WIRE.md'), 'utf8');

/** The JSON block after `<!-- example:<name> -->` in WIRE.md. */
function example(name: string): Record<string, unknown> {
  const block = new RegExp(`<!-- example:${name} -->\\s*\`\`\`json\\n([\\s\\S]*?)\\n\`\`\``).exec(
    wire,
  );
  if (!block) throw new Error(`docs/WIRE.md has no example:${name}`);
  return JSON.parse(block[1]!) as Record<string, unknown>;
}

let dataDir: string;
let server: RunningServer;

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
});

afterAll(async () => {
  await server.stop();
  removeDir(dataDir);
});

const importBoard = (body: unknown) =>
  fetch(`${server.url}/api/boards/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('docs/WIRE.md against the server', () => {
  it('W52, W112: accepts the minimal import it shows, and the board reads back as imported', async () => {
    const board = example('import');
    const res = await importBoard(board);
    expect(res.status, await res.clone().text()).toBe(201);
    const created = (await res.json()) as { id: string; title: string; tokens: { viewer: string } };
    expect(created.title).toBe('Claims journey');
    const read = await fetch(`${server.url}/api/boards/${created.id}`, {
      headers: { authorization: `Bearer ${created.tokens.viewer}` },
    });
    expect(await read.json()).toEqual(board);
  });

  it('W106, W107: refuses the example without any field its table marks required, naming the field', async () => {
    const required = importFieldsTable()
      .rows.filter(([, isRequired]) => isRequired === 'yes')
      .map(([field]) => field!.replaceAll('`', '').replaceAll('[]', '.0'));
    let tried = 0;
    for (const field of required) {
      const board = example('import');
      const keys = field.split('.');
      const parent = keys.slice(0, -1).reduce<unknown>((at, key) => (at as never)?.[key], board);
      // Fields of records the minimal example has none of (evidence, shapes) cannot be dropped.
      if (typeof parent !== 'object' || parent === null || !(keys.at(-1)! in parent)) continue;
      delete (parent as Record<string, unknown>)[keys.at(-1)!];
      const res = await importBoard(board);
      expect(res.status, field).toBe(400);
      const { issues } = (await res.json()) as { issues: { path: string }[] };
      const shown = field.replace(/\.(\d+)/g, '[$1]');
      expect(
        issues.map((i) => i.path),
        field,
      ).toContain(shown);
      tried++;
    }
    expect(tried).toBeGreaterThan(20);
  });
});
