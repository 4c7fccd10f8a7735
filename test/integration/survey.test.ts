import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import {
  exportBoard,
  readBoard,
  type Card,
  type SurveyImportReport,
} from '../../shared/model/index.js';
import type { RunningServer } from '../../server/server.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import {
  authFor,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
  type Role,
} from '../helpers/server.js';

let dataDir: string;
let server: RunningServer;
const clients: Client[] = [];

beforeAll(async () => {
  dataDir = tempDataDir();
  server = await startTestServer(dataDir);
});

afterAll(async () => {
  disconnectAll(clients);
  await server.stop();
  removeDir(dataDir);
});

const post = (path: string, body: unknown, boardId: string, role: Role = 'editor') =>
  fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...authFor(boardId, role) },
    body: JSON.stringify(body),
  });

/** A current-state board from the template, and a live client on it. */
async function liveBoard() {
  const { id } = await createBoard(server.url);
  const client = connectClient(wsUrlOf(server.url), id);
  clients.push(client);
  await whenSynced(client);
  return { id, client };
}

/** The template's touchpoint card in a stage, as the client sees it. */
function touchpoint(doc: Y.Doc, stageName: string): Card {
  const board = readBoard(doc);
  const stage = board.stages.find((s) => s.name === stageName)!;
  const lane = board.lanes.find((l) => l.kind === 'touchpoints')!;
  return board.cards.find((c) => c.stageId === stage.id && c.laneId === lane.id)!;
}

const MAPPING = {
  touchpoint: 'Touchpoint',
  stage: 'Journey stage',
  csat: 'Q1 satisfaction',
  ces: 'Effort',
  resolved_first_contact: 'Resolved',
  date: 'Date',
  comment: 'Comment',
};
const HEADER = 'Touchpoint,Journey stage,Q1 satisfaction,Effort,Resolved,Date,Comment,Agent';

const VALID = [
  HEADER,
  'Chatbot,Support,2,2,no,2024-09-02,"Bot could not see my account",a1',
  'Ticket form,Support,4,5,yes,2024-09-20,,a2',
  'Help centre,Support,1,1,no,2024-09-25,"Third time explaining,\nsame screenshot",a3',
  'Kickoff call,Onboarding,5,6,yes,2024-08-30,Great kickoff,a4',
  'Live chat,Support,3,4,no,2024-09-01,,a5',
].join('\r\n');

describe('survey import API', () => {
  it('W123: needs an editor token', async () => {
    const { id } = await createBoard(server.url);
    const body = { csv: VALID, mapping: MAPPING, source: 'q3.csv' };
    for (const role of ['viewer', 'commenter'] as const) {
      expect((await post(`/api/boards/${id}/survey/import`, body, id, role)).status).toBe(403);
      expect((await post(`/api/boards/${id}/survey/preview`, body, id, role)).status).toBe(403);
    }
    const anonymous = await fetch(`${server.url}/api/boards/${id}/survey/preview`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ csv: VALID }),
    });
    expect(anonymous.status).toBe(401);
    const missing = await post(`/api/boards/${id}/survey/import`, { csv: VALID }, id);
    expect(missing.status).toBe(400);
    expect(((await missing.json()) as { error: string }).error).toMatch(/^invalid mapping/);
  });

  it('W121: previews headers, the suggested mapping, rows, errors and matches without writing', async () => {
    const { id, client } = await liveBoard();
    const before = exportBoard(client.doc);
    const res = await post(`/api/boards/${id}/survey/preview`, { csv: VALID }, id);
    expect(res.status).toBe(200);
    const preview = (await res.json()) as {
      headers: string[];
      suggestedMapping: Record<string, string>;
      rows: unknown[];
      errors: unknown[];
      matches: SurveyImportReport;
    };
    expect(preview.headers).toEqual(HEADER.split(','));
    expect(preview.suggestedMapping).toEqual(MAPPING);
    expect(preview.rows).toHaveLength(5);
    expect(preview.errors).toEqual([]);
    const support = touchpoint(client.doc, 'Support');
    const onboarding = touchpoint(client.doc, 'Onboarding');
    expect(preview.matches.cards.map((c) => [c.cardId, c.survey.n.responses])).toEqual([
      [onboarding.id, 1],
      [support.id, 3],
    ]);
    expect(preview.matches.unmatched.map((u) => [u.touchpoint, u.reason, u.lines])).toEqual([
      ['Live chat', 'no-card', [7]],
    ]);
    expect(exportBoard(client.doc)).toEqual(before);
  });

  it('W122, W129: refuses a malformed file with every line and column at fault, and changes nothing', async () => {
    const { id, client } = await liveBoard();
    const before = exportBoard(client.doc);
    let updates = 0;
    client.doc.on('update', () => updates++);
    const csv = [
      HEADER,
      'Chatbot,Support,5,6,yes,2024-09-02,fine,a1', // line 2: fine
      'Chatbot,Support,7,6,yes,2024-09-02,,a1', // line 3: csat 7
      '"Help centre",Support,4,2,yes,2024-09-03,"spans', // record on lines 4–5
      'two lines",a2',
      'Ticket form,Support,4,2,perhaps,30/09/2024,,a3', // line 6: resolved and date
    ].join('\n');
    const res = await post(
      `/api/boards/${id}/survey/import`,
      { csv, mapping: MAPPING, source: 'bad.csv' },
      id,
    );
    expect(res.status).toBe(400);
    const body = (await res.json()) as {
      error: string;
      errors: { line: number; column: string; message: string }[];
      errorCount: number;
    };
    expect(body.error).toBe(
      'line 3, column "Q1 satisfaction": 7 is not between 1 and 5 (and 2 more)',
    );
    expect(body.errorCount).toBe(3);
    expect(body.errors.map((e) => [e.line, e.column])).toEqual([
      [3, 'Q1 satisfaction'],
      [6, 'Resolved'],
      [6, 'Date'],
    ]);
    expect(body.errors[2]!.message).toBe(
      'line 6, column "Date": "30/09/2024" is not a date written yyyy-mm-dd',
    );
    // Give any stray update time to arrive, then compare the board as the server and client see it.
    await new Promise((r) => setTimeout(r, 200));
    expect(updates).toBe(0);
    expect(exportBoard(client.doc)).toEqual(before);
    const stored = await fetch(`${server.url}/api/boards/${id}`, { headers: authFor(id) });
    expect(await stored.json()).toEqual(JSON.parse(JSON.stringify(before)));
  });

  it('W122, W138, W139: puts metrics on the right cards for connected clients, and reports deltas on re-import', async () => {
    const { id, client } = await liveBoard();
    const support = touchpoint(client.doc, 'Support');
    const res = await post(
      `/api/boards/${id}/survey/import`,
      { csv: VALID, mapping: MAPPING, source: 'q3.csv', maxQuotes: 1 },
      id,
    );
    expect(res.status).toBe(200);
    const report = (await res.json()) as SurveyImportReport;
    expect(report.rowCount).toBe(5);
    expect(report.matchedRows).toBe(4);
    // Support rows: CSAT 2, 4, 1 → 1 of 3 satisfied = 33.3 %; CES (2 + 5 + 1) / 3 = 2.67;
    // FCR no, yes, no → 1 of 3 = 33.3 %. Three responses are no contact volume: none written.
    const expected = { csat: 33.3, ces: 2.67, fcr: 33.3 };
    await waitFor(
      () => touchpoint(client.doc, 'Support').metrics.csat === 33.3,
      5000,
      'metrics to reach the client',
    );
    const seen = touchpoint(client.doc, 'Support');
    expect(seen.id).toBe(support.id);
    expect(seen.metrics).toEqual(expected);
    expect(seen.evidence.map((e) => [e.kind, e.text, e.source, e.date])).toEqual([
      [
        'data',
        'Survey: CSAT 33.3% (n=3) · CES 2.67 (n=3) · FCR 33.3% (n=3) · 3 responses · 2024-09-02 to 2024-09-25',
        'q3.csv',
        '2024-09-25',
      ],
      ['quote', 'Third time explaining,\nsame screenshot', 'q3.csv', '2024-09-25'],
    ]);
    expect(touchpoint(client.doc, 'Onboarding').metrics).toEqual({
      csat: 100,
      ces: 6,
      fcr: 100,
    });
    expect(report.unmatched).toEqual([
      // Line 7: the quoted comment of line 4 runs onto line 5.
      expect.objectContaining({ touchpoint: 'Live chat', reason: 'no-card', lines: [7] }),
    ]);

    // This export also counts the contacts each row stands for: that is contact volume.
    const next = [
      `${HEADER},Contacts`,
      'Chatbot,Support,5,6,yes,2024-12-02,,b1,120',
      'Help centre,Support,4,6,yes,2024-12-03,,b2,80',
      'Ticket form,Support,2,3,no,2024-12-04,,b3,40',
      'Ticket form,Support,5,7,yes,2024-12-05,,b4,60',
    ].join('\n');
    const again = await post(
      `/api/boards/${id}/survey/import`,
      { csv: next, mapping: { ...MAPPING, volume: 'Contacts' }, source: 'q3.csv' },
      id,
    );
    expect(again.status, await again.clone().text()).toBe(200);
    const second = (await again.json()) as SurveyImportReport;
    // CSAT 5, 4, 2, 5 → 3 of 4 = 75 %; CES (6 + 6 + 3 + 7) / 4 = 5.5; FCR 3 of 4 = 75 %;
    // volume 120 + 80 + 40 + 60 = 300 contacts (from 4 responses).
    expect(second.cards.find((c) => c.cardId === support.id)!.deltas).toEqual([
      { key: 'csat', before: 33.3, after: 75, delta: 41.7 },
      { key: 'ces', before: 2.67, after: 5.5, delta: 2.83 },
      { key: 'fcr', before: 33.3, after: 75, delta: 41.7 },
      { key: 'volume', before: null, after: 300, delta: null },
    ]);
    expect(second.cards.find((c) => c.cardId === support.id)!.survey.n.responses).toBe(4);
    await waitFor(
      () => touchpoint(client.doc, 'Support').metrics.volume === 300,
      5000,
      'the re-import to reach the client',
    );
    const after = touchpoint(client.doc, 'Support');
    expect(after.metrics).toEqual({ csat: 75, ces: 5.5, fcr: 75, volume: 300 });
    // The summary of the same source was replaced, not added to.
    expect(after.evidence.filter((e) => e.kind === 'data')).toHaveLength(1);
  });

  it('W124: reads, checks and plans a file too large to parse in line in a worker, with the same result', async () => {
    const { id, client } = await liveBoard();
    const rows = VALID.split('\r\n').slice(1);
    const copies = 400; // ~100 KB: past the size parsed in line
    const csv = [HEADER, ...Array.from({ length: copies }, () => rows).flat()].join('\r\n');
    expect(csv.length).toBeGreaterThan(64 << 10);

    const previewed = await post(`/api/boards/${id}/survey/preview`, { csv }, id);
    expect(previewed.status).toBe(200);
    const preview = (await previewed.json()) as { rowCount: number; rows: unknown[] };
    expect(preview.rowCount).toBe(rows.length * copies);
    expect(preview.rows).toHaveLength(20);

    const res = await post(
      `/api/boards/${id}/survey/import`,
      { csv, mapping: MAPPING, source: 'big.csv' },
      id,
    );
    expect(res.status).toBe(200);
    const report = (await res.json()) as SurveyImportReport;
    expect(report.rowCount).toBe(rows.length * copies);
    expect(report.matchedRows).toBe(4 * copies);
    // The same shares as one copy of the file (see above); responses are no contact volume.
    await waitFor(
      () => touchpoint(client.doc, 'Support').metrics.csat === 33.3,
      5000,
      'metrics to reach the client',
    );
    expect(touchpoint(client.doc, 'Support').metrics).toEqual({ csat: 33.3, ces: 2.67, fcr: 33.3 });
    const support = report.cards.find((c) => c.text === touchpoint(client.doc, 'Support').text)!;
    expect(support.survey.n.responses).toBe(3 * copies);

    const broken = `${csv}\r\nChatbot,Support,9,2,no,2024-09-02,,a1`;
    const refused = await post(
      `/api/boards/${id}/survey/import`,
      { csv: broken, mapping: MAPPING, source: 'big.csv' },
      id,
    );
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: string }).error).toBe(
      `line ${csv.split(/\r?\n/).length + 1}, column "Q1 satisfaction": 9 is not between 1 and 5`,
    );
  });

  it('W123, S42: respects the JSON body limit', async () => {
    const smallDir = tempDataDir();
    const small = await startTestServer(smallDir, { JSON_BODY_LIMIT_BYTES: '2048' });
    try {
      const { id } = await createBoard(small.url);
      const res = await fetch(`${small.url}/api/boards/${id}/survey/preview`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...authFor(id) },
        body: JSON.stringify({ csv: `${HEADER}\n${'Chatbot,Support,5,,,,,\n'.repeat(200)}` }),
      });
      expect(res.status).toBe(413);
    } finally {
      await small.stop();
      removeDir(smallDir);
    }
  });
});
