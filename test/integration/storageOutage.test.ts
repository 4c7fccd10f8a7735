/**
 * PostgreSQL that answers but refuses writes (a trigger raising on every insert into the update
 * log, as a full disk or a revoked grant would): /healthz must say so, and once writes work
 * again an editor must get back in at once, not after the writer's backoff.
 */
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addStage } from '../../shared/model/index.js';
import type { RunningServer } from '../../server/server.js';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';
import { rawConnect } from './security/support.js';

let schema: Awaited<ReturnType<typeof testSchema>>;
let dataDir: string;
let server: RunningServer;
let admin: pg.Client;
const clients: Client[] = [];

beforeAll(async () => {
  schema = await testSchema();
  dataDir = tempDataDir();
  server = await startTestServer(dataDir, {
    DATABASE_URL: TEST_DATABASE_URL,
    DATABASE_SCHEMA: schema.schema,
  });
  admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await admin.connect();
  await admin.query(
    `CREATE FUNCTION ${schema.schema}.refuse_writes() RETURNS trigger LANGUAGE plpgsql AS
     $$ BEGIN RAISE EXCEPTION 'could not extend file: No space left on device (test outage)'; END $$`,
  );
});

afterEach(async () => {
  disconnectAll(clients.splice(0));
  await restoreWrites();
});

afterAll(async () => {
  await server.stop();
  await admin.end();
  await schema.drop();
  removeDir(dataDir);
});

const refuseWrites = () =>
  admin.query(
    `CREATE TRIGGER outage BEFORE INSERT ON ${schema.schema}.doc_updates
     FOR EACH STATEMENT EXECUTE FUNCTION ${schema.schema}.refuse_writes()`,
  );
const restoreWrites = () =>
  admin.query(`DROP TRIGGER IF EXISTS outage ON ${schema.schema}.doc_updates`);

async function health(): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${server.url}/healthz`);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

async function storeErrors(): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  return Number(/^journeyboard_store_errors_total (\d+)/m.exec(text)?.[1] ?? 0);
}

/** Polls `check` (an HTTP look) until it holds. */
async function until(check: () => Promise<boolean>, what: string, timeoutMs = 15_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** An editor on a new board makes one change while writes are refused. */
async function editDuringOutage(): Promise<{ boardId: string; token: string }> {
  const { id, tokens } = await createBoard(server.url);
  const editor = connectClient(wsUrlOf(server.url), id, new Y.Doc(), tokens.editor);
  clients.push(editor);
  await whenSynced(editor);
  await refuseWrites();
  addStage(editor.doc, { name: 'Written during the outage' });
  return { boardId: id, token: tokens.editor };
}

describe('storage that refuses writes', () => {
  it('W43: makes /healthz answer 503 with writes: failing, and 200 again once writes work', async () => {
    const before = await health();
    expect(before).toMatchObject({ status: 200, body: { ok: true, writes: 'ok' } });
    await editDuringOutage();
    await until(
      async () => (await health()).status === 503,
      '/healthz to report the failing writes',
    );
    expect((await health()).body).toMatchObject({
      ok: false,
      storage: 'postgres',
      writes: 'failing',
      error: expect.stringContaining('writes are failing'),
    });
    await restoreWrites();
    await until(async () => (await health()).status === 200, '/healthz to recover');
    expect((await health()).body).toMatchObject({ ok: true, writes: 'ok' });
  }, 40_000);

  it('lets the first editor who joins after the outage in at once', async () => {
    const { boardId, token } = await editDuringOutage();
    // Long enough for the writer's backoff to grow (5 failures: 50 + 100 + … ms).
    const failedBefore = await storeErrors();
    await until(async () => (await storeErrors()) >= failedBefore + 5, 'five failed writes');
    disconnectAll(clients.splice(0));

    await restoreWrites();
    const restoredAt = Date.now();
    const joiner = rawConnect(wsUrlOf(server.url), boardId, token);
    await waitFor(
      () => joiner.frames.length > 0 || joiner.closeInfo !== null,
      10_000,
      'the join to be answered',
    );
    const joinedMs = Date.now() - restoredAt;
    expect(
      joiner.closeInfo,
      `the first join after the outage: ${JSON.stringify(joiner.closeInfo)}`,
    ).toBeNull();
    console.info(`first join after the outage answered in ${joinedMs} ms`);
    // The old writer waited up to 5 s before its next try, and refused every join meanwhile.
    expect(joinedMs).toBeLessThan(2_500);
    joiner.ws.close();

    // And the change made during the outage is stored.
    const stored = await admin.query(
      `SELECT count(*)::int AS n FROM ${schema.schema}.doc_updates WHERE doc_name = $1`,
      [boardId],
    );
    expect(stored.rows[0].n).toBeGreaterThan(1);
  }, 40_000);
});
