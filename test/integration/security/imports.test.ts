/**
 * Large REST bodies (board imports, survey files) are parsed off the event loop, in a small
 * pool of worker threads with a bounded queue; without CREATE_TOKEN, anonymous creates get a
 * small body limit and a per-address rate.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addStage, type BoardJson } from '../../../shared/model/index.js';
import type { RunningServer } from '../../../server/server.js';
import { bigBoardJson } from '../../bench/generator/boardData.js';
import { connectClient, disconnectAll, whenSynced, type Client } from '../../helpers/clients.js';
import {
  adminAuth,
  createBoard,
  removeDir,
  spawnServer,
  startTestServer,
  tempDataDir,
  wsUrlOf,
  type ServerProcess,
} from '../../helpers/server.js';
import { openRequest } from './rawHttp.js';

/** About 9.6 MB of open JSON, as in the report that found the stall. */
const BIG_CARDS = 45_000;
/**
 * Edits that must cross the server while it works on a 9.6 MB import. The old server parsed on
 * the main thread and relayed nothing for seconds: 45–157 edits got through in the moments it
 * was writing the board; parsed in a worker, 2,400–3,100 do on this machine.
 */
const ROUND_TRIPS = 500;
/** The same for a 9 MB survey file: 1–5 (preview) and 3 (import) before, 211–734 in a worker. */
const SURVEY_ROUND_TRIPS = 50;
let big: BoardJson;
let bigBody: string;

beforeAll(() => {
  big = bigBoardJson(BIG_CARDS);
  bigBody = JSON.stringify(big);
}, 60_000);

/** Polls `check` (an HTTP look) until it holds. */
async function waitUntil(check: () => Promise<boolean>, what: string, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const postJson = (url: string, path: string, body: string, headers: Record<string, string> = {}) =>
  fetch(`${url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

describe('large bodies', () => {
  let dataDir: string;
  let proc: ServerProcess;
  let honest: { writer: Client; reader: Client };

  beforeAll(async () => {
    dataDir = tempDataDir();
    // The honest editor sends edits as fast as they cross; the sync rate limit is not tested here.
    proc = await spawnServer(dataDir, { RATE_DOC_PER_SEC: '100000' });
    const { id } = await createBoard(proc.url);
    honest = {
      writer: connectClient(wsUrlOf(proc.url), id),
      reader: connectClient(wsUrlOf(proc.url), id),
    };
    await Promise.all([whenSynced(honest.writer), whenSynced(honest.reader)]);
  }, 30_000);

  afterAll(async () => {
    disconnectAll([honest.writer, honest.reader]);
    proc?.child.kill('SIGKILL');
    await proc?.exited;
    removeDir(dataDir);
  });

  /** One edit on the honest board, resolved when the other editor has it (a few ms, no polling). */
  const roundTrip = (n: number) =>
    new Promise<void>((resolve) => {
      const seen = () => {
        honest.reader.doc.off('update', seen);
        resolve();
      };
      honest.reader.doc.on('update', seen);
      addStage(honest.writer.doc, { name: `Edit ${n}` });
    });

  /**
   * Sends `body` to `path` and, while the server works on it, makes honest edits one after
   * another (up to `wanted`) and asks /healthz. The body goes first without its last chunk, so
   * the counting starts when the server has all of it.
   */
  async function editsDuring(path: string, auth: string, body: Buffer, wanted: number) {
    const port = Number(new URL(proc.url).port);
    const request = openRequest(
      port,
      [
        `POST ${path} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        'Content-Type: application/json',
        `Authorization: ${auth}`,
        'Transfer-Encoding: chunked',
        'Connection: close',
      ].join('\r\n'),
    );
    await request.write(
      Buffer.concat([Buffer.from(`${body.length.toString(16)}\r\n`), body, Buffer.from('\r\n')]),
    );
    await roundTrip(-1);
    await request.write('0\r\n\r\n');
    let pending = true;
    const answer = request.answer.then((a) => {
      pending = false;
      return a;
    });
    let roundTrips = 0;
    let healthy = false;
    const health = fetch(`${proc.url}/healthz`).then((res) => {
      healthy = res.status === 200 && pending;
    });
    while (pending && roundTrips < wanted) {
      await roundTrip(roundTrips);
      if (pending) roundTrips++;
    }
    await health;
    return { roundTrips, healthy, answer: await answer };
  }

  it('S32: keeps every other board served while a 9.6 MB import is parsed, and /healthz answering', async () => {
    expect(bigBody.length).toBeGreaterThan(9_000_000);
    const run = await editsDuring(
      '/api/boards/import',
      adminAuth.authorization,
      Buffer.from(bigBody),
      ROUND_TRIPS,
    );
    expect(run.answer.status, run.answer.body.slice(0, 200)).toBe(201);
    expect(run.roundTrips, 'edits that crossed the server during the import').toBe(ROUND_TRIPS);
    expect(run.healthy, '/healthz answered during the import').toBe(true);
    // And the import is whole.
    const created = JSON.parse(run.answer.body) as { id: string };
    const board = (await (
      await fetch(`${proc.url}/api/boards/${created.id}`, { headers: adminAuth })
    ).json()) as BoardJson;
    expect(board.cards).toHaveLength(BIG_CARDS);
  }, 120_000);

  it('S32: keeps every other board served while a 9 MB survey file is previewed and imported', async () => {
    const { id, tokens } = await createBoard(proc.url);
    const csv = bigSurvey();
    const auth = `Bearer ${tokens.editor}`;
    const preview = await editsDuring(
      `/api/boards/${id}/survey/preview`,
      auth,
      Buffer.from(JSON.stringify({ csv })),
      SURVEY_ROUND_TRIPS,
    );
    expect(preview.answer.status, preview.answer.body.slice(0, 200)).toBe(200);
    expect(preview.roundTrips, 'edits that crossed the server during the preview').toBe(
      SURVEY_ROUND_TRIPS,
    );
    expect(preview.healthy, '/healthz answered during the preview').toBe(true);

    const mapping = { touchpoint: 'Touchpoint', stage: 'Journey stage', csat: 'CSAT' };
    const imported = await editsDuring(
      `/api/boards/${id}/survey/import`,
      auth,
      Buffer.from(JSON.stringify({ csv, mapping, source: 'big.csv' })),
      SURVEY_ROUND_TRIPS,
    );
    expect(imported.answer.status, imported.answer.body.slice(0, 200)).toBe(200);
    expect(imported.roundTrips, 'edits that crossed the server during the import').toBe(
      SURVEY_ROUND_TRIPS,
    );
    const report = JSON.parse(imported.answer.body) as { rowCount: number; matchedRows: number };
    expect(report.rowCount).toBeGreaterThan(100_000 - 1);
    expect(report.matchedRows).toBeGreaterThan(0);
  }, 120_000);
});

/** A 9 MB survey file whose rows name the current-state template's touchpoints. */
function bigSurvey(): string {
  const touchpoints = [
    ['Ad', 'Awareness'],
    ['Chatbot', 'Support'],
    ['Kickoff call', 'Onboarding'],
  ] as const;
  const lines = ['Touchpoint,Journey stage,CSAT,Comment'];
  for (let i = 0; lines.length <= 100_000; i++) {
    const [touchpoint, stage] = touchpoints[i % touchpoints.length]!;
    lines.push(
      `${touchpoint},${stage},${1 + (i % 5)},"Response ${i}: ${'a fairly long comment '.repeat(2)}, more or less"`,
    );
  }
  return lines.join('\n');
}

describe('creating boards without a create token', () => {
  let dataDir: string;
  let server: RunningServer;
  const small = { title: 'Small', template: 'current-state' };

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, {
      ANONYMOUS_BODY_LIMIT_BYTES: String(64 << 10),
      ANONYMOUS_CREATES_PER_HOUR: '3',
      TRUST_PROXY: '1',
    });
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('W55: refuses a body past ANONYMOUS_BODY_LIMIT_BYTES with 413 saying how to send more', async () => {
    const json = JSON.stringify(bigBoardJson(400)); // ~90 KB
    const from = { 'x-forwarded-for': '198.51.100.1' };
    const anonymous = await postJson(server.url, '/api/boards/import', json, from);
    expect(anonymous.status).toBe(413);
    const { error } = (await anonymous.json()) as { error: string };
    expect(error).toMatch(/at most 64 KiB .*ANONYMOUS_BODY_LIMIT_BYTES.*CREATE_TOKEN/);
    const create = await postJson(
      server.url,
      '/api/boards',
      JSON.stringify({ ...small, scenario: 'x'.repeat(70_000) }),
      from,
    );
    expect(create.status).toBe(413);
    // The admin token is not anonymous: the full JSON_BODY_LIMIT_BYTES applies.
    const admin = await postJson(server.url, '/api/boards/import', json, adminAuth);
    expect(admin.status).toBe(201);
  });

  it('W56, W57, S31: lets one address create ANONYMOUS_CREATES_PER_HOUR boards, then answers 429 with Retry-After', async () => {
    const from = (address: string) => ({ 'x-forwarded-for': address });
    for (let i = 0; i < 3; i++) {
      expect(
        (await postJson(server.url, '/api/boards', JSON.stringify(small), from('203.0.113.7')))
          .status,
      ).toBe(201);
    }
    const refused = await postJson(
      server.url,
      '/api/boards/import',
      JSON.stringify(big.meta),
      from('203.0.113.7'),
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = (await refused.json()) as { error: string; retryAfterSeconds: number };
    expect(body.error).toMatch(/too many boards without a token.*CREATE_TOKEN/);
    expect(body.retryAfterSeconds).toBeGreaterThan(0);
    // Another address has its own budget; one IPv6 /64 is one address.
    expect(
      (await postJson(server.url, '/api/boards', JSON.stringify(small), from('203.0.113.8')))
        .status,
    ).toBe(201);
    for (let i = 0; i < 3; i++) {
      const v6 = from(`2001:db8:1:2::${i + 1}`);
      expect((await postJson(server.url, '/api/boards', JSON.stringify(small), v6)).status).toBe(
        201,
      );
    }
    expect(
      (
        await postJson(
          server.url,
          '/api/boards',
          JSON.stringify(small),
          from('2001:db8:1:2:ffff::9'),
        )
      ).status,
    ).toBe(429);
    // The admin is not held back.
    const admin = await postJson(server.url, '/api/boards', JSON.stringify(small), {
      ...adminAuth,
      ...from('203.0.113.7'),
    });
    expect(admin.status).toBe(201);
  });

  it('W57: holds no limit for the create token once CREATE_TOKEN is set', async () => {
    const gatedDir = tempDataDir();
    const gated = await startTestServer(gatedDir, {
      CREATE_TOKEN: 'create-token-0123',
      ANONYMOUS_BODY_LIMIT_BYTES: String(64 << 10),
      ANONYMOUS_CREATES_PER_HOUR: '1',
    });
    try {
      const auth = { authorization: 'Bearer create-token-0123' };
      const json = JSON.stringify(bigBoardJson(400));
      expect((await postJson(gated.url, '/api/boards/import', json, auth)).status).toBe(201);
      expect((await postJson(gated.url, '/api/boards', JSON.stringify(small), auth)).status).toBe(
        201,
      );
      expect((await postJson(gated.url, '/api/boards', JSON.stringify(small))).status).toBe(401);
    } finally {
      await gated.stop();
      removeDir(gatedDir);
    }
  });
});

describe('the import workers', () => {
  let dataDir: string;
  let server: RunningServer;
  let port: number;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir, { IMPORT_WORKERS: '1', IMPORT_QUEUE_LENGTH: '0' });
    port = Number(new URL(server.url).port);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  const importsInProgress = async () => {
    const text = await (await fetch(`${server.url}/metrics`)).text();
    return Number(/^journeyboard_imports_in_progress (\d+)/m.exec(text)?.[1] ?? NaN);
  };

  it('W59, S33: answers 503 with Retry-After when every worker is busy and the queue is full', async () => {
    const json = Buffer.from(JSON.stringify(bigBoardJson(400)));
    // One large import holds the only place: its body is not finished yet.
    const first = openRequest(
      port,
      [
        'POST /api/boards/import HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Content-Type: application/json',
        `Content-Length: ${json.length}`,
        `Authorization: ${adminAuth.authorization}`,
        'Connection: close',
      ].join('\r\n'),
    );
    await first.write(json.subarray(0, 1000));
    await waitUntil(
      async () => (await importsInProgress()) === 1,
      'the first import to hold the pool',
    );
    const busy = await postJson(server.url, '/api/boards/import', json.toString(), adminAuth);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('5');
    expect(((await busy.json()) as { error: string }).error).toMatch(/busy with other imports/);
    // Small bodies are parsed in line: they still pass.
    const tiny = JSON.stringify({ ...bigBoardJson(3), meta: { ...big.meta, title: 'Tiny' } });
    expect((await postJson(server.url, '/api/boards/import', tiny, adminAuth)).status).toBe(201);

    await first.write(json.subarray(1000));
    const answer = await first.answer;
    expect(answer.status).toBe(201);
    expect(await importsInProgress()).toBe(0);
  });

  it('W59, W60: refuses bad large bodies from the worker as it does small ones in line', async () => {
    /** Each body padded past the in-line size (worker) or not (in line). */
    const cases: { make: (pad: string) => Buffer; status: number; error: RegExp }[] = [
      {
        make: (pad) => Buffer.from(`{"format": ${pad}`),
        status: 400,
        error: /^request body is not valid JSON/,
      },
      {
        make: (pad) =>
          Buffer.concat([
            Buffer.from(`{"a":"${pad}`),
            Buffer.from([0xff, 0xfe]),
            Buffer.from('"}'),
          ]),
        status: 400,
        error: /not valid UTF-8/,
      },
      {
        make: (pad) => Buffer.from(`[${pad}]`),
        status: 400,
        error: /^invalid board JSON at \(root\)/,
      },
    ];
    for (const { make, status, error } of cases) {
      for (const pad of [' '.repeat(70_000), ' ']) {
        const res = await fetch(`${server.url}/api/boards/import`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...adminAuth },
          body: new Uint8Array(make(pad)),
        });
        const what = `${pad.length > 1 ? 'worker' : 'in line'}: ${String(error)}`;
        expect(res.status, what).toBe(status);
        expect(((await res.json()) as { error: string }).error, what).toMatch(error);
      }
    }
    // A broken board lists its first issues and says how many there are.
    const broken = {
      ...big,
      cards: big.cards.slice(0, 2000).map((c) => ({ ...c, stageId: 'gone' })),
    };
    const res = await postJson(server.url, '/api/boards/import', JSON.stringify(broken), adminAuth);
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { error: string; issues: unknown[]; issueCount: number };
    expect(answer.error).toBe("invalid board JSON at cards[0].stageId: unknown stage 'gone'");
    expect(answer.issues).toHaveLength(100);
    expect(answer.issueCount).toBe(2000);
    expect(await importsInProgress()).toBe(0);
  });
});
