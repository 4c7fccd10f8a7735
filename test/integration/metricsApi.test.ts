/**
 * The metrics ingestion API over the real server (AUTH_MODE=accounts): personal access tokens,
 * validation with the row and field named, all-or-nothing and partial batches, idempotency,
 * permissions, and a browser-like client seeing the points arrive live.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import type { RunningServer } from '../../server/server.js';
import {
  readBoard,
  readMetricSeries,
  seriesOf,
  setCesMethod,
  setExternalKey,
  type BoardChange,
} from '../../shared/model/index.js';
import { disconnectAll, synced, waitForAsync, whenDoc, type Client } from '../helpers/clients.js';
import { connectAs, twoPeople, type Person, type TwoPeople } from '../helpers/people.js';
import { wsUrlOf } from '../helpers/server.js';

let clients: Client[] = [];
afterEach(() => {
  disconnectAll(clients);
  clients = [];
});
const keep = (client: Client) => (clients.push(client), client);

interface Answer {
  status: number;
  body: {
    error?: string;
    written?: number;
    unchanged?: number;
    rejected?: { row: number; field?: string; message: string }[];
  };
}

describe('metrics ingestion API (AUTH_MODE=accounts)', () => {
  let team: TwoPeople;
  let server: RunningServer;
  let ada: Person;
  let bob: Person;
  let wsA: string;
  let adaToken: string;
  let bobToken: string;
  let boardId: string;
  let cardId: string;
  let otherCard: string;

  const post = async (token: string, body: unknown, query = ''): Promise<Answer> => {
    const res = await fetch(`${server.url}/api/workspaces/${wsA}/metrics${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as Answer['body'] };
  };
  const row = (extra: Record<string, unknown> = {}) => ({
    board: boardId,
    touchpoint: cardId,
    metric: 'csat',
    value: 71.5,
    n: 212,
    periodStart: '2026-10-01',
    periodEnd: '2026-10-31',
    source: 'qualtrics',
    ...extra,
  });
  const series = async () => {
    const json = (await ada.get(`/api/boards/${boardId}`)).body as {
      metricSeries?: {
        cardId: string;
        metric: string;
        value: number;
        source: string;
        periodEnd: string;
        method?: string;
      }[];
    };
    return json.metricSeries ?? [];
  };

  beforeAll(async () => {
    team = await twoPeople();
    ({ server, ada, bob, workspaceId: wsA, adaToken } = team);
    bobToken = String((await bob.post('/api/me/tokens', { name: 'bob job' })).body.token);
    const made = await ada.post('/api/boards', { title: 'Onboarding', template: 'current-state' });
    boardId = String(made.body.id);
    const board = (await ada.get(`/api/boards/${boardId}`)).body as {
      lanes: { id: string; kind: string }[];
      cards: { id: string; laneId: string }[];
    };
    const touchpoints = board.lanes.find((l) => l.kind === 'touchpoints')!.id;
    [cardId, otherCard] = board.cards.filter((c) => c.laneId === touchpoints).map((c) => c.id) as [
      string,
      string,
    ];
  });
  afterAll(() => team.stop());

  it('W258, W263: a batch over a personal access token is written live into an open board, by card id or external key', async () => {
    const doc = new Y.Doc();
    const browser = keep(connectAs(ada, wsUrlOf(server.url), boardId, doc));
    await synced(browser);
    setExternalKey(doc, otherCard, 'TP-KICKOFF');
    await waitForAsync(
      async () => {
        const json = (await ada.get(`/api/boards/${boardId}`)).body as {
          cards: { id: string; externalKey?: string }[];
        };
        return json.cards.some((c) => c.externalKey === 'TP-KICKOFF');
      },
      5000,
      'the external key on the server',
    );
    const arrived = whenDoc(
      doc,
      () => readBoard(doc).cards.find((c) => c.id === cardId)?.metrics.csat === 71.5,
    );
    const answer = await post(adaToken, {
      rows: [row(), row({ touchpoint: 'TP-KICKOFF', metric: 'nps', value: -12, n: 80 })],
    });
    expect(answer).toEqual({ status: 200, body: { written: 2, unchanged: 0, rejected: [] } });
    await arrived;
    const points = readMetricSeries(doc);
    expect(seriesOf(points, cardId, 'csat').map((p) => [p.value, p.n, p.source])).toEqual([
      [71.5, 212, 'qualtrics'],
    ]);
    expect(readBoard(doc).cards.find((c) => c.id === otherCard)!.metrics.nps).toBe(-12);
  });

  it('W258: n is optional: a row without one is written', async () => {
    const { n: _n, ...withoutN } = row({ metric: 'ces', value: 5.2 });
    const answer = await post(adaToken, { rows: [withoutN] });
    expect(answer).toEqual({ status: 200, body: { written: 1, unchanged: 0, rejected: [] } });
  });

  it('W92: a batch is an entry of the activity feed, by the person whose token sent it', async () => {
    const sent = await post(adaToken, {
      rows: [row({ metric: 'fcr', value: 64, periodStart: '2026-03-01', periodEnd: '2026-03-31' })],
    });
    expect(sent.body.written).toBe(1);
    const feed = (await ada.get(`/api/boards/${boardId}/activity`)).body as {
      entries: { via: string; author: { name: string }; records: { card: { changed: number } } }[];
    };
    const entry = feed.entries.find((e) => e.via === 'metrics-api');
    expect(entry).toMatchObject({
      author: { name: 'Ada Admin' },
      records: { card: { changed: 1 } },
    });
  });

  it('W261: resending changes nothing; a new value for the same key replaces it', async () => {
    expect((await post(adaToken, { rows: [row()] })).body).toEqual({
      written: 0,
      unchanged: 1,
      rejected: [],
    });
    expect((await post(adaToken, { rows: [row({ value: 74 })] })).body).toMatchObject({
      written: 1,
      unchanged: 0,
    });
    const csat = (await series()).filter((p) => p.cardId === cardId && p.metric === 'csat');
    expect(csat.map((p) => p.value)).toEqual([74]);
  });

  it('W259, W260: every bad row is named with its field, and nothing of the batch is written', async () => {
    const before = await series();
    const answer = await post(adaToken, {
      rows: [
        row({ periodStart: '2026-11-01', periodEnd: '2026-11-30', value: 80 }),
        row({ touchpoint: 'no-such-card' }),
        row({ metric: 'ces', value: 9 }),
        row({ value: 101 }),
        row({ periodEnd: '2026-09-30' }),
        row({ board: 'nope' }),
        row({ metric: 'joy' }),
        row({ periodStart: '2026-11-01', periodEnd: '2026-11-30', value: 81 }),
      ],
    });
    expect(answer.status).toBe(400);
    expect(answer.body.written).toBe(0);
    expect(answer.body.rejected!.map((r) => r.message)).toEqual([
      `rows[1].touchpoint: no card with the id or external key 'no-such-card' on board '${boardId}'`,
      "rows[2].value: CES mean must be 1–7, the board's CES method",
      'rows[3].value: CSAT must be 0–100',
      'rows[4].periodEnd: periodEnd must not be before periodStart',
      "rows[5].board: no board 'nope' in this workspace",
      expect.stringMatching(/^rows\[6\]\.metric: /),
      'rows[7]: the same touchpoint, metric, period and source as rows[0]',
    ]);
    expect(answer.body.error).toContain('nothing was written');
    expect(await series()).toEqual(before);
  });

  it('W260: with ?partial=1 the good rows are written and the bad ones reported', async () => {
    const answer = await post(
      adaToken,
      {
        rows: [
          row({ periodStart: '2026-11-01', periodEnd: '2026-11-30', value: 80 }),
          row({ value: 'high' }),
        ],
      },
      '?partial=1',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.written).toBe(1);
    expect(answer.body.rejected!.map((r) => [r.row, r.field])).toEqual([[1, 'value']]);
    const csat = (await series()).filter((p) => p.cardId === cardId && p.metric === 'csat');
    expect(csat.map((p) => p.value)).toEqual([74, 80]);
  });

  it('W262: a batch over the cap is refused with 413, an empty or malformed body with 400', async () => {
    const many = Array.from({ length: 5001 }, () => row());
    const big = await post(adaToken, { rows: many });
    expect(big.status).toBe(413);
    expect(big.body.error).toContain('at most 5000 rows');
    expect((await post(adaToken, { rows: [] })).status).toBe(400);
    expect((await post(adaToken, { points: [row()] })).status).toBe(400);
  });

  it('S116: a token of someone who cannot edit the board is refused; no credentials is 401', async () => {
    const bobId = String((await bob.get('/api/me')).body.id);
    const demoted = await ada.call('PUT', `/api/boards/${boardId}/people/${bobId}`, {
      role: 'viewer',
    });
    expect(demoted.status).toBe(200);
    const answer = await post(bobToken, { rows: [row({ value: 10 })] });
    expect(answer.status).toBe(400);
    expect(answer.body.rejected![0]!.message).toBe(
      `rows[0].board: you cannot edit board '${boardId}' (this needs the editor role; you are viewer)`,
    );
    const anonymous = await fetch(`${server.url}/api/workspaces/${wsA}/metrics`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [row()] }),
    });
    expect(anonymous.status).toBe(401);
  });

  it('S117: a board of another workspace is refused like an unknown one; a workspace not yours is 404', async () => {
    const gamma = String((await ada.post('/api/workspaces', { name: 'Gamma' })).body.id);
    const elsewhere = String(
      (await ada.post('/api/boards', { title: 'Gamma map', workspaceId: gamma })).body.id,
    );
    const answer = await post(adaToken, { rows: [row({ board: elsewhere })] });
    expect(answer.status).toBe(400);
    expect(answer.body.rejected![0]!.message).toBe(
      `rows[0].board: no board '${elsewhere}' in this workspace`,
    );
    const notBobs = await fetch(`${server.url}/api/workspaces/${gamma}/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${bobToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows: [row()] }),
    });
    expect(notBobs.status).toBe(404);
  });

  it('W250, W246: a CES row takes the board’s method unless it says one; each range is checked and named', async () => {
    const doc = new Y.Doc();
    const browser = keep(connectAs(ada, wsUrlOf(server.url), boardId, doc));
    await synced(browser);
    setCesMethod(doc, 'top2box');
    await waitForAsync(
      async () => {
        const json = (await ada.get(`/api/boards/${boardId}`)).body as {
          meta: { cesMethod?: string };
        };
        return json.meta.cesMethod === 'top2box';
      },
      5000,
      'the CES method on the server',
    );
    const december = { periodStart: '2026-12-01', periodEnd: '2026-12-31' };
    const ces = (extra: Record<string, unknown>) => row({ metric: 'ces', ...december, ...extra });
    const answer = await post(
      adaToken,
      {
        rows: [
          ces({ value: 72 }),
          ces({ value: 5.8, method: 'mean' }),
          ces({ value: 140, method: 'top2box', source: 'medallia' }),
          row({ metric: 'csat', value: 70, method: 'top2box' }),
          ces({ value: 8, method: 'mean', source: 'medallia' }),
          ces({ value: 101, source: 'medallia' }),
          ces({ value: 5, method: 'median', source: 'medallia' }),
        ],
      },
      '?partial=1',
    );
    expect(answer.status).toBe(200);
    expect(answer.body.written).toBe(2);
    expect(answer.body.rejected!.map((r) => r.message)).toEqual([
      'rows[2].value: CES top-2-box must be 0–100 (a %)',
      'rows[3].method: method is for CES only (mean or top2box)',
      'rows[4].value: CES mean must be 1–7',
      "rows[5].value: CES top-2-box must be 0–100 (a %), the board's CES method",
      'rows[6].method: method must be one of mean, top2box',
    ]);
    const points = await series();
    const decemberCes = points.filter(
      (p) => p.cardId === cardId && p.metric === 'ces' && p.periodEnd === '2026-12-31',
    );
    // Both methods of one period and source stand side by side; the card keeps the mean.
    expect(decemberCes.map((p) => [p.value, p.method ?? 'mean'])).toEqual([
      [5.8, 'mean'],
      [72, 'top2box'],
    ]);
    await whenDoc(
      doc,
      () => readBoard(doc).cards.find((c) => c.id === cardId)?.metrics.ces === 5.8,
    );
    // Sent again: unchanged, per method.
    expect((await post(adaToken, { rows: [ces({ value: 72 })] })).body).toEqual({
      written: 0,
      unchanged: 1,
      rejected: [],
    });
  });

  it('W275, W273: the diff endpoint reports the series points added and changed since a version', async () => {
    const saved = await ada.post(`/api/boards/${boardId}/versions`, {
      label: 'Before the Q1 feed',
    });
    expect(saved.status).toBe(201);
    const versionId = String(saved.body.id);
    const q1 = (m: string, value: number) =>
      row({ metric: 'fcr', value, periodStart: `2027-${m}-01`, periodEnd: `2027-${m}-28` });
    expect((await post(adaToken, { rows: [q1('01', 61), q1('02', 66)] })).body.written).toBe(2);
    expect((await post(adaToken, { rows: [row({ value: 77 })] })).body.written).toBe(1);
    const diff = (await ada.get(`/api/boards/${boardId}/diff?from=${versionId}&to=current`))
      .body as { changes: BoardChange[] };
    const change = diff.changes.find((c) => c.kind === 'card-series-changed');
    if (change?.kind !== 'card-series-changed') throw new Error('no series change');
    expect(change.cardId).toBe(cardId);
    expect(
      change.series.map((s) => [s.metric, s.added.map((p) => p.value), s.changed.length]),
    ).toEqual([
      ['csat', [], 1],
      ['fcr', [61, 66], 0],
    ]);
    // January ends on the 28th here (not a whole month); February 2027 is one.
    expect(change.label).toContain('CSAT Oct 2026 74 → 77; FCR +2 points (2027-01-28, Feb 2027)');
  });
});
