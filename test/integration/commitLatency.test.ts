/**
 * W317: `journeyboard_update_commit_seconds` counts each accepted update once, when its group
 * commit is durable, with the time since the room accepted it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { addStage, readStages } from '../../shared/model/index.js';
import type { RunningServer } from '../../server/server.js';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import {
  connectClient,
  disconnectAll,
  synced,
  waitForAsync,
  whenDoc,
  type Client,
} from '../helpers/clients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

/** The group commit waits this long after the first update of a batch (the largest allowed). */
const FLUSH_DELAY_MS = 50;

interface CommitReading {
  count: number;
  sum: number;
  /** Observations of at most 30 ms. */
  within30ms: number;
  pending: number;
}

async function readCommits(url: string): Promise<CommitReading> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const value = (pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? NaN);
  return {
    count: value(/^journeyboard_update_commit_seconds_count (\S+)$/m),
    sum: value(/^journeyboard_update_commit_seconds_sum (\S+)$/m),
    within30ms: value(/^journeyboard_update_commit_seconds_bucket\{le="0\.03"\} (\S+)$/m),
    pending: value(/^journeyboard_pending_updates (\S+)$/m),
  };
}

describe.each(['SQLite', 'PostgreSQL'])('commit latency on %s', (backend) => {
  let dataDir = '';
  let server: RunningServer | null = null;
  let schema: Awaited<ReturnType<typeof testSchema>> | null = null;
  const clients: Client[] = [];
  afterEach(async () => {
    disconnectAll(clients);
    clients.length = 0;
    await server?.stop();
    await schema?.drop();
    removeDir(dataDir);
  });

  it('W317: a client edit is counted once, when committed, with the wait since it was accepted', async () => {
    dataDir = tempDataDir();
    schema = backend === 'PostgreSQL' ? await testSchema() : null;
    server = await startTestServer(dataDir, {
      FLUSH_DELAY_MS: String(FLUSH_DELAY_MS),
      ...(schema ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema.schema } : {}),
    });
    const { url } = server;
    const { id } = await createBoard(url);
    const [editor, observer] = [0, 1].map(() => connectClient(wsUrlOf(url), id)) as [
      Client,
      Client,
    ];
    clients.push(editor, observer);
    await Promise.all([synced(editor), synced(observer)]);
    // Creating a board writes storage directly: no update has passed the writer yet.
    expect(await readCommits(url)).toMatchObject({ count: 0, pending: 0 });

    const arrived = whenDoc(observer.doc, () =>
      readStages(observer.doc).some((s) => s.name === 'Committed stage'),
    );
    addStage(editor.doc, { name: 'Committed stage' });
    await arrived;
    // Accepted (relayed): it is either still pending or already counted, never both.
    const accepted = await readCommits(url);
    expect(accepted.count + accepted.pending).toBe(1);

    await waitForAsync(
      async () => (await readCommits(url)).pending === 0,
      30_000,
      'the edit to be committed',
    );
    const committed = await readCommits(url);
    expect(committed.count).toBe(1);
    // Measured from acceptance, so it holds the group commit's wait, not only the write.
    expect(committed.within30ms).toBe(0);
    expect(committed.sum).toBeGreaterThanOrEqual((FLUSH_DELAY_MS - 1) / 1000);
  });
});
