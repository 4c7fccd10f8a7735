import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PostgresStorage } from '../../server/storage/postgres.js';
import { MIGRATIONS } from '../../server/storage/postgresSchema.js';
import type { BoardRecord } from '../../server/storage/storage.js';
import { accountsContract } from './accounts.contract.js';
import { workspaceBoardsContract } from './workspaceBoards.contract.js';
import { mailContract } from './mail.contract.js';
import { notificationMailContract } from './notificationMail.contract.js';
import { notificationsContract } from './notifications.contract.js';
import { reviewsContract } from './reviews.contract.js';
import { votesContract } from './votes.contract.js';
import { digestsContract } from './digests.contract.js';
import { imagesContract } from './images.contract.js';
import { linksContract } from './links.contract.js';
import { searchContract } from './search.contract.js';
import { reviewRemindersContract } from './reviewReminders.contract.js';
import { storageContract, type StorageFixture } from './storage.contract.js';

const DB_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const newSchema = (): string => `jb_t_${randomBytes(6).toString('hex')}`;

/** Runs `fn` on a dedicated connection (not a storage's pool). */
async function withClient<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: DB_URL });
  await c.connect();
  try {
    return await fn(c);
  } finally {
    await c.end();
  }
}

const dropSchema = (schema: string): Promise<void> =>
  withClient(async (c) => {
    await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
  });

/** The URL with an application_name, so that a test can find the pool's backends. */
function tagged(appName: string): string {
  const url = new URL(DB_URL);
  url.searchParams.set('application_name', appName);
  return url.toString();
}

/** Waits until `cond` holds, polling. */
async function until(cond: () => Promise<boolean>, what: string, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

const backendsOf = (appName: string, where = 'true') =>
  withClient(async (c) => {
    const { rows } = await c.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND ${where}`,
      [appName],
    );
    return rows.length;
  });

const terminate = (appName: string) =>
  withClient(async (c) => {
    const { rows } = await c.query<{ ok: boolean }>(
      `SELECT pg_terminate_backend(pid) AS ok FROM pg_stat_activity WHERE application_name = $1`,
      [appName],
    );
    return rows.length;
  });

function board(id: string): BoardRecord {
  return {
    id,
    title: `Board ${id}`,
    mapType: 'current-state',
    persona: '',
    createdAt: '2021-01-01T00:00:00.000Z',
    updatedAt: '2021-01-01T00:00:00.000Z',
    keyVersion: 1,
  };
}

const hexes = (us: Uint8Array[]) => us.map((u) => Buffer.from(u).toString('hex'));

async function freshSchema(): Promise<StorageFixture> {
  const schema = newSchema();
  const open = () => new PostgresStorage({ connectionString: DB_URL, schema, poolSize: 4 });
  return {
    storage: open(),
    reopen: async () => open(),
    second: async () => open(),
    cleanup: () => dropSchema(schema),
    spec: `postgres:${DB_URL}#${schema}`,
  };
}

storageContract('PostgresStorage', freshSchema);
accountsContract('PostgresStorage', freshSchema);
workspaceBoardsContract('PostgresStorage', freshSchema);
mailContract('PostgresStorage', freshSchema);
notificationsContract('PostgresStorage', freshSchema);
notificationMailContract('PostgresStorage', freshSchema);
reviewsContract('PostgresStorage', freshSchema);
reviewRemindersContract('PostgresStorage', freshSchema);
votesContract('PostgresStorage', freshSchema);
imagesContract('PostgresStorage', freshSchema);
linksContract('PostgresStorage', freshSchema);
searchContract('PostgresStorage', freshSchema);
digestsContract('PostgresStorage', freshSchema);

describe('PostgresStorage specifics', () => {
  let schema: string;
  let opened: PostgresStorage[];

  /** A storage over this test's schema, tagged with the schema as application_name. */
  const open = (poolSize = 4): PostgresStorage => {
    const s = new PostgresStorage({ connectionString: tagged(schema), schema, poolSize });
    opened.push(s);
    return s;
  };

  beforeEach(() => {
    schema = newSchema();
    opened = [];
  });

  afterEach(async () => {
    for (const s of opened) await s.close();
    await dropSchema(schema);
  });

  it('refuses schema names that are not plain identifiers', () => {
    for (const bad of [
      '',
      'Public',
      'a-b',
      '1abc',
      'x;drop table boards',
      'a b',
      'é',
      'a'.repeat(64),
    ]) {
      expect(() => new PostgresStorage({ connectionString: DB_URL, schema: bad })).toThrow(
        /schema/,
      );
    }
    const ok = new PostgresStorage({ connectionString: DB_URL, schema: `_${'a'.repeat(62)}` });
    return ok.close();
  });

  it('concurrent init from 5 instances creates the schema once and records each version once', async () => {
    const instances = Array.from({ length: 5 }, () => open(2));
    await Promise.all(instances.map((s) => s.init()));
    // And again, over the existing schema.
    await Promise.all(instances.map((s) => s.init()));
    const { versions, tables } = await withClient(async (c) => ({
      versions: (
        await c.query<{ version: number; applied_at: Date }>(
          `SELECT version, applied_at FROM ${schema}.schema_migrations ORDER BY version`,
        )
      ).rows,
      tables: (
        await c.query<{ table_name: string }>(
          `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 ORDER BY 1`,
          [schema],
        )
      ).rows.map((r) => r.table_name),
    }));
    expect(versions.map((r) => r.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));
    expect(versions[0]!.applied_at).toBeInstanceOf(Date);
    expect(tables).toEqual([
      'access_tokens',
      'audit',
      'board_digests',
      'board_links',
      'board_links_read',
      'board_review_settings',
      'board_roles',
      'board_seen',
      'boards',
      'doc_snapshots',
      'doc_updates',
      'follows',
      'identities',
      'images',
      'invitations',
      'leases',
      'mail_outbox',
      'mail_preferences',
      'members',
      'notifications',
      'password_hashes',
      'password_resets',
      'review_answers',
      'review_reviewers',
      'reviews',
      'schema_migrations',
      'search_boards',
      'search_entries',
      'sessions',
      'shared_copies',
      'user_time_zones',
      'users',
      'versions',
      'vote_voters',
      'votes',
      'workspaces',
    ]);
    // Every instance works on the same data.
    await instances[0]!.createBoard(board('a'), new Uint8Array([1]));
    for (const s of instances) expect(await s.getBoard('a')).toEqual(board('a'));
  });

  it('keeps schemas apart', async () => {
    const a = open();
    const otherSchema = newSchema();
    const b = new PostgresStorage({ connectionString: DB_URL, schema: otherSchema });
    try {
      await a.init();
      await b.init();
      await a.createBoard(board('x'), new Uint8Array([1]));
      expect(await b.getBoard('x')).toBeNull();
      expect(await b.loadDoc('x')).toEqual({ snapshot: null, updates: [], lastSeq: 0 });
    } finally {
      await b.close();
      await dropSchema(otherSchema);
    }
  });

  it('a loadDoc waits for an append holding a lower seq that commits after a higher one', async () => {
    // Commit order differs from seq order: A takes seq N and stalls before COMMIT (on the board
    // row, locked by `holder`); B takes N+1 and commits. A loadDoc+compact must not miss N.
    const a = open();
    const b = open();
    await a.init();
    await b.init();
    await a.createBoard(board('a'), new Uint8Array([0]));
    await withClient(async (holder) => {
      await holder.query('BEGIN');
      await holder.query(`SELECT 1 FROM ${schema}.boards WHERE id = 'a' FOR UPDATE`);
      const appendA = a.appendUpdates([
        { boardId: 'a', docName: 'a', update: new Uint8Array([1]) },
      ]);
      await until(
        async () => (await backendsOf(schema, `wait_event_type = 'Lock'`)) === 1,
        'the append to wait on the board row',
      );
      // Board 'b' is not locked: this append commits right away, with the higher seq.
      await b.appendUpdates([{ boardId: 'b', docName: 'a', update: new Uint8Array([2]) }]);
      const loading = b.loadDoc('a');
      const early = await Promise.race([loading.then(() => 'loaded'), sleep(300, 'waiting')]);
      expect(early).toBe('waiting');
      await holder.query('COMMIT');
      await appendA;
      const loaded = await loading;
      expect(hexes(loaded.updates)).toEqual(['00', '01', '02']);
      await b.compact('a', new Uint8Array([9]), loaded.lastSeq);
    });
    expect(await a.loadDoc('a')).toEqual({
      snapshot: new Uint8Array([9]),
      updates: [],
      lastSeq: (await b.loadDoc('a')).lastSeq,
    });
  });

  it('survives the server dropping idle and busy connections, then works again', async () => {
    const s = open(3);
    await s.init();
    await s.createBoard(board('a'), new Uint8Array([1]));
    // Fill the pool with idle connections.
    await Promise.all([s.loadDoc('a'), s.getBoard('a'), s.logStats('a')]);
    const idle = await terminate(schema);
    expect(idle).toBeGreaterThan(0);
    // Idle clients learn about it from the server: the pool drops them and reports it.
    await until(async () => s.connectionErrors.count >= idle, 'the pool error events');
    expect(s.connectionErrors.last?.message).toMatch(/terminat/);
    expect(await s.getBoard('a')).toEqual(board('a'));

    // Terminated while calls are in flight: they either reconnect or reject, never crash.
    await Promise.all([s.ping(), s.loadDoc('a'), s.logStats('a')]);
    const inFlight = Promise.allSettled([
      s.ping(),
      s.getBoard('a'),
      s.appendUpdates([{ boardId: 'a', docName: 'a', update: new Uint8Array([2]) }]),
    ]);
    await terminate(schema);
    await inFlight;

    // Terminated mid-transaction (blocked on a lock held elsewhere): the call rejects.
    await withClient(async (holder) => {
      await holder.query('BEGIN');
      await holder.query(`LOCK TABLE ${schema}.doc_snapshots IN ACCESS EXCLUSIVE MODE`);
      const loading = s.loadDoc('a').then(
        () => 'loaded',
        (err: Error) => err.message,
      );
      await until(
        async () => (await backendsOf(schema, `wait_event_type = 'Lock'`)) === 1,
        'loadDoc to wait on the lock',
      );
      await terminate(schema);
      expect(await loading).toMatch(/terminat/);
      await holder.query('ROLLBACK');
    });

    await expect(s.ping()).resolves.toBeUndefined();
    await s.appendUpdates([{ boardId: 'a', docName: 'a', update: new Uint8Array([3]) }]);
    expect(hexes((await s.loadDoc('a')).updates).at(-1)).toBe('03');
  });

  it('refuses to init when the connection string overrides the search_path', async () => {
    const url = new URL(tagged(schema));
    url.searchParams.set('options', '-c search_path=public');
    const s = new PostgresStorage({ connectionString: url.toString(), schema });
    opened.push(s);
    await expect(s.init()).rejects.toThrow(/search_path/);
  });

  it('rejects (without crashing) while the server refuses connections', async () => {
    const s = new PostgresStorage({ connectionString: 'postgres://postgres@127.0.0.1:1/test' });
    opened.push(s);
    await expect(s.init()).rejects.toThrow(/ECONNREFUSED/);
    await expect(s.ping()).rejects.toThrow(/init/);
  });
});
