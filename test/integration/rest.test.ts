import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readMeta, readStages, setPersona } from '../../shared/model/index.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../server/server.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  waitForAsync,
  whenSynced,
} from '../helpers/clients.js';
import {
  adminAuth,
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

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

/** Requests as the admin (owner everywhere) unless they bring their own Authorization. */
const api = (path: string, init: RequestInit = {}) =>
  fetch(`${server.url}${path}`, {
    ...init,
    headers: { ...adminAuth, ...(init.headers as Record<string, string>) },
  });
const post = (path: string, body: unknown) =>
  api(path, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('REST API', () => {
  it('W43, W44: answers /healthz and /metrics', async () => {
    const health = await api('/healthz');
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ ok: true });
    const metrics = await (await api('/metrics')).text();
    expect(metrics).toContain('journeyboard_connections');
    expect(metrics).toContain('journeyboard_store_seconds');
  });

  it('W45, W46, W47, W53: creates a board from each template, lists it and returns its open JSON', async () => {
    for (const template of [
      'current-state',
      'future-state',
      'day-in-the-life',
      'service-blueprint',
    ]) {
      const res = await post('/api/boards', {
        title: `  ${template} map `,
        template,
        persona: { name: 'Priya' },
      });
      expect(res.status).toBe(201);
      const created = (await res.json()) as {
        id: string;
        title: string;
        mapType: string;
        createdAt: string;
      };
      expect(created).toMatchObject({ title: `${template} map`, mapType: template });
      expect(res.headers.get('location')).toBe(`/api/boards/${created.id}`);
      const board = (await (await api(`/api/boards/${created.id}`)).json()) as {
        format: string;
        meta: { persona: { name: string } };
        stages: unknown[];
      };
      expect(board.format).toBe('journeyboard');
      expect(board.meta.persona.name).toBe('Priya');
      expect(board.stages.length).toBeGreaterThan(0);
    }
    const { boards } = (await (await api('/api/boards')).json()) as { boards: { title: string }[] };
    expect(boards.map((b) => b.title)).toContain('service-blueprint map');
  });

  it('W53: creates a blank board of a map type without a template', async () => {
    const res = await post('/api/boards', { title: 'Blank', mapType: 'future-state' });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const board = (await (await api(`/api/boards/${id}`)).json()) as {
      meta: { mapType: string };
      stages: unknown[];
    };
    expect(board.meta.mapType).toBe('future-state');
    expect(board.stages).toEqual([]);
  });

  it('W41, W45: refuses bad bodies with 400 naming the field', async () => {
    const cases: [unknown, string][] = [
      [{}, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 'x', template: 'mind-map' }, 'template'],
      [{ title: 'x', extra: 1 }, '(body)'],
      [{ title: 'x', persona: { name: 5 } }, 'persona.name'],
    ];
    for (const [body, field] of cases) {
      const res = await post('/api/boards', body);
      expect(res.status).toBe(400);
      const answer = (await res.json()) as { error: string; issues: { path: string }[] };
      expect(answer.issues.map((i) => i.path)).toContain(field);
      expect(answer.error).toContain('invalid');
    }
    const broken = await post('/api/boards', '{"title": ');
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: string }).error).toMatch(/not valid JSON/);
  });

  it('W52, W106: imports exported JSON as a new board, and refuses invalid JSON with the path at fault', async () => {
    const { id } = await createBoard(server.url, {
      title: 'Source',
      template: 'service-blueprint',
    });
    const exported = (await (await api(`/api/boards/${id}`)).json()) as Record<string, unknown>;
    const res = await post('/api/boards/import', exported);
    expect(res.status).toBe(201);
    const copy = (await res.json()) as { id: string; title: string };
    expect(copy.id).not.toBe(id);
    expect(copy.title).toBe('Source');
    expect(await (await api(`/api/boards/${copy.id}`)).json()).toEqual(exported);

    const cards = exported.cards as { stageId: string }[];
    cards[0]!.stageId = 'nope';
    const bad = await post('/api/boards/import', exported);
    expect(bad.status).toBe(400);
    const answer = (await bad.json()) as { error: string; issues: { path: string }[] };
    expect(answer.issues[0]!.path).toBe('cards[0].stageId');
    expect(answer.error).toContain('cards[0].stageId');
  });

  it('W49: renames a board with PATCH through its live room: editors see it, the listing follows', async () => {
    const { id } = await createBoard(server.url, { title: 'Before', template: 'future-state' });
    const client = connectClient(wsUrlOf(server.url), id);
    try {
      await whenSynced(client);
      const res = await api(`/api/boards/${id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ title: '  After  ', scenario: 'Q1 review' }),
      });
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ id, title: 'After', mapType: 'future-state' });
      await waitFor(() => readMeta(client.doc).title === 'After');
      expect(readMeta(client.doc).scenario).toBe('Q1 review');
      const { boards } = (await (await api('/api/boards')).json()) as {
        boards: { id: string; title: string }[];
      };
      expect(boards.find((b) => b.id === id)?.title).toBe('After');
    } finally {
      disconnectAll([client]);
    }
    const bad = await api(`/api/boards/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"title":""}',
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { issues: { path: string }[] }).issues[0]!.path).toBe('title');
    const empty = await api(`/api/boards/${id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(empty.status).toBe(400);
    const missing = await api('/api/boards/unknownBoard1', {
      method: 'PATCH',
      headers: { 'content-type': 'application/json' },
      body: '{"title":"x"}',
    });
    expect(missing.status).toBe(404);
  });

  it('W46, W155: the listing names each board’s persona, from creation and from live edits', async () => {
    const { id } = await createBoard(server.url, { title: 'Claims', persona: { name: 'Maya' } });
    const personaOf = async () => {
      const { boards } = (await (await api('/api/boards')).json()) as {
        boards: { id: string; persona: string }[];
      };
      return boards.find((b) => b.id === id)?.persona;
    };
    expect(await personaOf()).toBe('Maya');
    const client = connectClient(wsUrlOf(server.url), id);
    try {
      await whenSynced(client);
      setPersona(client.doc, { name: 'Sam, claims agent', description: '' });
      await waitForAsync(
        async () => (await personaOf()) === 'Sam, claims agent',
        10_000,
        'the listing',
      );
      setPersona(client.doc, { name: '', description: '' });
      await waitForAsync(async () => (await personaOf()) === '', 10_000, 'no persona listed');
    } finally {
      disconnectAll([client]);
    }
  });

  it('W42, W47: 404s unknown boards and routes', async () => {
    expect((await api('/api/boards/unknownBoard1')).status).toBe(404);
    expect((await api('/api/boards/..%2F..%2Fetc')).status).toBe(404);
    expect((await api('/api/boards/unknownBoard1', { method: 'DELETE' })).status).toBe(404);
    expect((await api('/api/nothing')).status).toBe(404);
  });

  it('W51: deletes a board, closing its live connections with 4404', async () => {
    const { id } = await createBoard(server.url);
    const client = connectClient(wsUrlOf(server.url), id);
    try {
      await whenSynced(client);
      expect(readStages(client.doc).length).toBeGreaterThan(0);
      expect((await api(`/api/boards/${id}`, { method: 'DELETE' })).status).toBe(204);
      expect(await client.closed).toBe(CloseCode.NOT_FOUND);
      expect((await api(`/api/boards/${id}`)).status).toBe(404);
    } finally {
      disconnectAll([client]);
    }
  });

  it('serves a status page, listing no boards, when the client is not built', async () => {
    const emptyDir = tempDataDir();
    const bare = await startTestServer(emptyDir, { CLIENT_DIR: emptyDir });
    try {
      await createBoard(bare.url, { title: 'Private roadmap' });
      const html = await (await fetch(`${bare.url}/`)).text();
      expect(html).toContain('npm run build');
      expect(html).not.toContain('Private roadmap');
    } finally {
      await bare.stop();
      removeDir(emptyDir);
    }
  });

  it('W100: serves the built client shell at / and /b/<id>, uncached, and its hashed assets cached', async () => {
    const clientDir = tempDataDir();
    mkdirSync(path.join(clientDir, 'assets'));
    writeFileSync(path.join(clientDir, 'index.html'), '<!doctype html><title>shell</title>');
    writeFileSync(path.join(clientDir, 'assets', 'app-abc123.js'), 'console.log(1)');
    const withClient = await startTestServer(path.join(clientDir, 'data'), {
      CLIENT_DIR: clientDir,
    });
    try {
      for (const route of ['/', '/b/abcdefgh1234']) {
        const res = await fetch(`${withClient.url}${route}`);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain('<title>shell</title>');
        expect(res.headers.get('cache-control')).toBe('no-cache');
      }
      const asset = await fetch(`${withClient.url}/assets/app-abc123.js`);
      expect(asset.headers.get('cache-control')).toContain('immutable');
      expect((await fetch(`${withClient.url}/assets/missing.js`)).status).toBe(404);
      expect((await fetch(`${withClient.url}/api/boards`, { headers: adminAuth })).status).toBe(
        200,
      );
    } finally {
      await withClient.stop();
      removeDir(clientDir);
    }
  });
});
