/**
 * Linked maps over the real server (AUTH_MODE=accounts, SQLite and PostgreSQL): the link index
 * kept from imports and live edits, `GET /api/boards/:id/links` (restricted never leaks a
 * title, missing targets, breadcrumbs, cycles), the workspace hierarchy, export/import.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  exportBoard,
  initBoard,
  setCardLink,
  setStageLink,
} from '../../shared/model/index.js';
import type { BoardLinks, HierarchyNode } from '../../shared/protocol/links.js';
import type { RunningServer } from '../../server/server.js';
import { disconnectAll, synced, waitForAsync, type Client } from '../helpers/clients.js';
import { TEST_DATABASE_URL, testSchema } from '../helpers/backends.js';
import { connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir, wsUrlOf } from '../helpers/server.js';

let clients: Client[] = [];
afterEach(() => {
  disconnectAll(clients);
  clients = [];
});

interface Made {
  id: string;
  tokens: Record<string, string>;
}

/** A board's JSON: one stage per name, one lane, one card per `cards` entry. */
function boardJson(
  title: string,
  stages: { name: string; link?: string }[],
  cards: { text: string; link?: string }[] = [],
) {
  const doc = new Y.Doc();
  initBoard(doc, { title, mapType: 'current-state' });
  const stageIds = stages.map((s) => addStage(doc, { name: s.name }));
  stages.forEach((s, i) => s.link && setStageLink(doc, stageIds[i]!, s.link));
  const lane = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  for (const card of cards) {
    const id = addCard(doc, { stageId: stageIds[0]!, laneId: lane, text: card.text });
    if (card.link) setCardLink(doc, id, card.link);
  }
  return exportBoard(doc);
}

describe.each(['SQLite', 'PostgreSQL'])('linked maps on %s', (backend) => {
  let dataDir: string;
  let server: RunningServer;
  let schema: Awaited<ReturnType<typeof testSchema>> | null = null;
  let ada: Person;
  let bob: Person;
  let wsA: string;
  let wsB: string;
  let secret: Made;
  let details: Made;
  let onboarding: Made;
  let lifecycle: Made;

  const importInto = async (person: Person, workspaceId: string, json: unknown) => {
    const made = await person.post(`/api/boards/import?workspaceId=${workspaceId}`, json);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body as unknown as Made;
  };
  const linksOf = async (person: Person, id: string, headers?: Record<string, string>) => {
    const answer = await person.get(`/api/boards/${id}/links`, headers);
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    return answer.body as unknown as BoardLinks;
  };

  beforeAll(async () => {
    dataDir = tempDataDir();
    schema = backend === 'PostgreSQL' ? await testSchema() : null;
    server = await startTestServer(dataDir, {
      AUTH_MODE: 'accounts',
      ...(schema ? { DATABASE_URL: TEST_DATABASE_URL, DATABASE_SCHEMA: schema.schema } : {}),
    });
    ada = await setUpAdmin(server.url, 'Acme');
    wsA = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
    wsB = String((await ada.post('/api/workspaces', { name: 'Board room' })).body.id);
    bob = await inviteAndSignUp(ada, wsA, {
      name: 'Bob',
      email: 'bob@example.com',
      password: 'a long enough password',
    });
    details = await importInto(ada, wsA, boardJson('Identity check', [{ name: 'Upload ID' }]));
    onboarding = await importInto(
      ada,
      wsA,
      boardJson('Onboarding', [{ name: 'Welcome' }, { name: 'Verify', link: details.id }]),
    );
    secret = await importInto(
      ada,
      wsB,
      boardJson(
        'Secret acquisition plans',
        [{ name: 'Takeover', link: onboarding.id }],
        [{ text: 'Confidential: buy the competitor', link: onboarding.id }],
      ),
    );
    lifecycle = await importInto(
      ada,
      wsA,
      boardJson(
        'Customer lifecycle',
        [{ name: 'Discover' }, { name: 'Onboarding', link: onboarding.id }],
        [
          { text: 'Board deck', link: secret.id },
          { text: 'Old map', link: 'goneBoard0001' },
        ],
      ),
    );
  });
  afterAll(async () => {
    await server.stop();
    await schema?.drop();
    removeDir(dataDir);
  });

  it('W244: outgoing links carry the child’s title, or restricted, or missing', async () => {
    const links = await linksOf(bob, lifecycle.id);
    const byTarget = (id: string) => links.outgoing.find((l) => l.boardId === id);
    expect(links.outgoing[0]).toMatchObject({
      boardId: onboarding.id,
      title: 'Onboarding',
      state: 'ok',
      itemKind: 'stage',
    });
    expect(byTarget(secret.id)).toMatchObject({
      title: null,
      state: 'restricted',
      itemKind: 'card',
    });
    expect(byTarget('goneBoard0001')).toMatchObject({
      title: null,
      state: 'missing',
      itemKind: 'card',
    });
    expect(links.outgoing).toHaveLength(3);
    // Ada may open the secret map: she sees its title.
    const asAda = await linksOf(ada, lifecycle.id);
    expect(asAda.outgoing.find((l) => l.boardId === secret.id)).toMatchObject({
      title: 'Secret acquisition plans',
      state: 'ok',
    });
  });

  it('S112: a map the caller cannot open never shows its title or its item’s text', async () => {
    const answer = await bob.get(`/api/boards/${onboarding.id}/links`);
    const text = JSON.stringify(answer.body);
    expect(text).not.toContain('Secret');
    expect(text).not.toContain('Confidential');
    expect(text).not.toContain('Takeover');
    const usedIn = (answer.body as unknown as BoardLinks).usedIn;
    expect(usedIn.filter((l) => l.boardId === secret.id)).toEqual(
      [
        {
          boardId: secret.id,
          title: null,
          state: 'restricted',
          itemKind: 'stage',
          itemId: expect.any(String),
          itemLabel: null,
        },
        {
          boardId: secret.id,
          title: null,
          state: 'restricted',
          itemKind: 'card',
          itemId: expect.any(String),
          itemLabel: null,
        },
      ].sort((a, b) => (a.itemKind === 'stage' ? -1 : 1) - (b.itemKind === 'stage' ? -1 : 1)),
    );
    expect(usedIn.find((l) => l.boardId === lifecycle.id)).toMatchObject({
      title: 'Customer lifecycle',
      state: 'ok',
      itemKind: 'stage',
      itemLabel: 'Onboarding',
    });
    // A share-link guest of the lifecycle map opens that map only: its children are restricted.
    const guest = new Person(server.url);
    const viaLink = await linksOf(guest, lifecycle.id, {
      authorization: `Bearer ${lifecycle.tokens.viewer}`,
    });
    expect(viaLink.outgoing.map((l) => [l.state, l.title]).sort()).toEqual([
      ['missing', null],
      ['restricted', null],
      ['restricted', null],
    ]);
    // Someone who cannot open the board itself gets no answer at all.
    expect((await bob.get(`/api/boards/${secret.id}/links`)).status).toBe(403);
  });

  it('W244: breadcrumbs run from the root to the parent, through a live edit, and stop at a cycle', async () => {
    expect((await linksOf(bob, details.id)).breadcrumbs).toEqual([
      { boardId: lifecycle.id, title: 'Customer lifecycle', state: 'ok' },
      { boardId: onboarding.id, title: 'Onboarding', state: 'ok' },
    ]);
    // Ada links the detailed map back to the lifecycle map, live: a cycle.
    const client = connectAs(ada, wsUrlOf(server.url), details.id);
    clients.push(client);
    await synced(client);
    const stageId = [...client.doc.getMap('stages').keys()][0]!;
    setStageLink(client.doc, stageId, lifecycle.id);
    await waitForAsync(
      async () => (await linksOf(bob, lifecycle.id)).usedIn.some((l) => l.boardId === details.id),
      10_000,
      'the index to learn the live link',
    );
    expect((await linksOf(bob, details.id)).breadcrumbs.map((c) => c.title)).toEqual([
      'Customer lifecycle',
      'Onboarding',
    ]);
    // Onboarding's other parent is the secret map: the chain ends there, restricted.
    expect((await linksOf(bob, lifecycle.id)).breadcrumbs.map((c) => c.title ?? c.state)).toEqual([
      'restricted',
      'Onboarding',
      'Identity check',
    ]);
    // The hierarchy breaks the cycle at its first map by title.
    const tree = (await bob.get(`/api/workspaces/${wsA}/hierarchy`)).body.roots as HierarchyNode[];
    const flat = (nodes: HierarchyNode[]): string[] =>
      nodes.flatMap((n) => [`L${n.level} ${n.title}`, ...flat(n.children)]);
    expect(flat(tree)).toEqual(['L0 Customer lifecycle', 'L1 Onboarding', 'L2 Identity check']);
    setStageLink(client.doc, stageId, undefined);
    await waitForAsync(
      async () => !(await linksOf(bob, lifecycle.id)).usedIn.some((l) => l.boardId === details.id),
      10_000,
      'the index to drop the link',
    );
  });

  it('W245: the hierarchy lists only maps the caller can open; strangers get 404', async () => {
    const tree = (await ada.get(`/api/workspaces/${wsB}/hierarchy`)).body.roots as HierarchyNode[];
    expect(tree).toEqual([
      { boardId: secret.id, title: 'Secret acquisition plans', level: 0, children: [] },
    ]);
    const mine = await bob.get(`/api/workspaces/${wsA}/hierarchy`);
    expect(JSON.stringify(mine.body)).not.toContain('Secret');
    expect((await bob.get(`/api/workspaces/${wsB}/hierarchy`)).status).toBe(404);
    expect((await new Person(server.url).get(`/api/workspaces/${wsA}/hierarchy`)).status).toBe(401);
  });

  it('W242, W243: export and import keep links by id; a deleted child reads as missing', async () => {
    const exported = await ada.get(`/api/boards/${lifecycle.id}`);
    const copy = await importInto(ada, wsA, exported.body);
    const copied = await linksOf(ada, copy.id);
    expect(copied.outgoing.map((l) => `${l.boardId} ${l.state}`).sort()).toEqual(
      [`${onboarding.id} ok`, `${secret.id} ok`, 'goneBoard0001 missing'].sort(),
    );
    // The index knew the copy at import, before anyone opened it.
    expect((await linksOf(ada, onboarding.id)).usedIn.map((l) => l.boardId)).toContain(copy.id);
    // A board duplicated from a version keeps its links too.
    const saved = await ada.post(`/api/boards/${lifecycle.id}/versions`, { label: 'Before' });
    expect(saved.status, JSON.stringify(saved.body)).toBe(201);
    const duplicate = await ada.post(
      `/api/boards/${lifecycle.id}/versions/${String(saved.body.id)}/duplicate`,
      { title: 'Lifecycle copy' },
    );
    expect(duplicate.status, JSON.stringify(duplicate.body)).toBe(201);
    const duplicated = await linksOf(ada, String(duplicate.body.id));
    expect(duplicated.outgoing.map((l) => l.boardId).sort()).toEqual(
      [onboarding.id, secret.id, 'goneBoard0001'].sort(),
    );
    expect((await ada.delete(`/api/boards/${details.id}`)).status).toBe(204);
    const after = await linksOf(ada, onboarding.id);
    expect(after.outgoing).toEqual([
      expect.objectContaining({ boardId: details.id, title: null, state: 'missing' }),
    ]);
  });
});
