/**
 * Shared insights over the real server (W301–W306, S131): a pain point shared into other maps
 * over REST, its copies kept in step with live edits of the origin, a copy's own edits replaced,
 * a stale copy refreshed when its map opens, detaching, and what `GET /links` tells whom.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  deleteCard,
  detachSharedCopy,
  exportBoard,
  initBoard,
  readBoard,
  type Card,
} from '../../shared/model/index.js';
import type { BoardLinks } from '../../shared/protocol/links.js';
import { disconnectAll, synced, waitForAsync, whenDoc, type Client } from '../helpers/clients.js';
import { connectAs, twoPeople, type Person, type TwoPeople } from '../helpers/people.js';
import { wsUrlOf } from '../helpers/server.js';

let clients: Client[] = [];
afterEach(() => {
  disconnectAll(clients);
  clients = [];
});

interface Made {
  id: string;
}

/** A map with the given stages and, in a lane of `kind`, one card per text (first stage). */
function mapJson(title: string, stages: string[], kind: string, texts: string[], extra = {}) {
  const doc = new Y.Doc();
  initBoard(doc, { title, mapType: 'current-state' });
  const stageIds = stages.map((name) => addStage(doc, { name }));
  const lane = addLane(doc, { name: kind, kind: kind as 'painPoints' });
  for (const text of texts)
    addCard(doc, { stageId: stageIds.at(-1)!, laneId: lane, text, tags: ['billing'], ...extra });
  return exportBoard(doc);
}

const cardsOf = (doc: Y.Doc): Card[] => readBoard(doc).cards;
const copyIn = (doc: Y.Doc, ref: string) => cardsOf(doc).find((c) => c.sharedFrom === ref);

describe('shared pain points and opportunities', () => {
  let env: TwoPeople;
  let ada: Person;
  let bob: Person;
  let origin: Made;
  let support: Made;
  let renewal: Made;
  let painId: string;
  let touchpointId: string;
  let wsUrl: string;

  const importMap = async (person: Person, json: unknown, workspaceId = env.workspaceId) => {
    const made = await person.post(`/api/boards/import?workspaceId=${workspaceId}`, json);
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    return made.body as unknown as Made;
  };
  const share = (person: Person, board: string, card: string, to: string) =>
    person.post(`/api/boards/${board}/cards/${card}/share`, { to });
  const linksOf = async (person: Person, id: string) =>
    (await person.get(`/api/boards/${id}/links`)).body as unknown as BoardLinks;
  const open = async (person: Person, boardId: string) => {
    const client = connectAs(person, wsUrl, boardId);
    clients.push(client);
    await synced(client);
    return client.doc;
  };

  beforeAll(async () => {
    env = await twoPeople();
    ({ ada, bob } = env);
    wsUrl = wsUrlOf(env.server.url);
    origin = await importMap(ada, mapJson('Onboarding', ['Sign up', 'Verify'], 'painPoints', []));
    support = await importMap(
      ada,
      mapJson('Support', ['Contact', 'verify '], 'touchpoints', ['Chat']),
    );
    renewal = await importMap(ada, mapJson('Renewal', ['Renew'], 'painPoints', ['Price shock']));
    const doc = await open(ada, origin.id);
    const lane = readBoard(doc).lanes[0]!;
    const verify = readBoard(doc).stages[1]!;
    painId = addCard(doc, {
      stageId: verify.id,
      laneId: lane.id,
      text: 'Waiting two days for the ID check',
      tags: ['kyc'],
      color: '#f28b82',
    });
    const supportDoc = await open(ada, support.id);
    touchpointId = readBoard(supportDoc).cards[0]!.id;
    disconnectAll(clients);
    clients = [];
  });
  afterAll(() => env.stop());

  it('W303: sharing places one copy in a lane of the same kind at the stage of the same name', async () => {
    // The origin card reaches the server through Ada's socket: wait until the server knows it.
    await waitForAsync(
      async () => (await share(bob, origin.id, painId, support.id)).status === 201,
      10_000,
      'the first share',
    );
    const again = await share(bob, origin.id, painId, support.id);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ boardId: support.id, created: false });
    const doc = await open(bob, support.id);
    const board = readBoard(doc);
    const copy = copyIn(doc, `${origin.id}/${painId}`)!;
    expect(copy).toMatchObject({
      id: again.body.cardId,
      text: 'Waiting two days for the ID check',
      tags: ['kyc'],
      color: '#f28b82',
    });
    expect(board.cards.filter((c) => c.sharedFrom)).toHaveLength(1);
    // Support had no pain point lane: one was added; its stage "verify" matches "Verify".
    expect(board.lanes.find((l) => l.id === copy.laneId)?.kind).toBe('painPoints');
    expect(board.stages.find((s) => s.id === copy.stageId)?.name).toBe('verify');
    // The origin is marked, live, for everyone holding it open.
    const originDoc = await open(bob, origin.id);
    await whenDoc(
      originDoc,
      () => cardsOf(originDoc).find((c) => c.id === painId)?.sharedOut === true,
    );
  });

  it('W304: an edit of the origin reaches every copy; W305: an edit of a copy is replaced', async () => {
    expect((await share(ada, origin.id, painId, renewal.id)).status).toBe(201);
    const [originDoc, supportDoc, renewalDoc] = [
      await open(bob, origin.id),
      await open(bob, support.id),
      await open(bob, renewal.id),
    ];
    const ref = `${origin.id}/${painId}`;
    const text = (originDoc.getMap('cards').get(painId) as Y.Map<unknown>).get('text') as Y.Text;
    text.insert(text.length, ' (and no status e-mail)');
    const edited = 'Waiting two days for the ID check (and no status e-mail)';
    await whenDoc(supportDoc, () => copyIn(supportDoc, ref)?.text === edited);
    await whenDoc(renewalDoc, () => copyIn(renewalDoc, ref)?.text === edited);
    // Bob types into the copy on Support: the origin's words come back.
    const copyId = copyIn(supportDoc, ref)!.id;
    const copyText = (supportDoc.getMap('cards').get(copyId) as Y.Map<unknown>).get(
      'text',
    ) as Y.Text;
    copyText.insert(0, 'NOT ');
    await whenDoc(supportDoc, () => copyIn(supportDoc, ref)?.text === edited);
    expect(cardsOf(originDoc).find((c) => c.id === painId)?.text).toBe(edited);
  });

  it('W303, W306, S131: links tell a copy its origin and an origin its copies; what is refused', async () => {
    const fromSupport = await linksOf(bob, support.id);
    expect(fromSupport.sharedFrom).toEqual([
      expect.objectContaining({
        boardId: origin.id,
        title: 'Onboarding',
        state: 'ok',
        originCardId: painId,
        originGone: false,
      }),
    ]);
    const fromOrigin = await linksOf(bob, origin.id);
    expect(fromOrigin.sharedTo).toEqual([
      {
        cardId: painId,
        copies: [support.id, renewal.id]
          .sort()
          .map((id) => expect.objectContaining({ boardId: id, state: 'ok' })),
      },
    ]);
    // Only pain points and opportunities; not into a map one cannot open; not onto itself.
    expect((await share(bob, support.id, touchpointId, renewal.id)).status).toBe(400);
    const other = String((await ada.post('/api/workspaces', { name: 'Private' })).body.id);
    const secret = await importMap(ada, mapJson('Secret', ['S'], 'painPoints', []), other);
    const refused = await share(bob, origin.id, painId, secret.id);
    expect(refused.status).toBe(404);
    expect((await share(bob, origin.id, painId, origin.id)).status).toBe(409);
    // A copy shares its origin: Bob cannot edit the secret origin, so he cannot pass it on.
    const secretPain = await importMap(
      ada,
      mapJson('Secret pains', ['Verify'], 'painPoints', ['Fraud rules leak']),
      other,
    );
    const secretDoc = await open(ada, secretPain.id);
    const secretCard = readBoard(secretDoc).cards[0]!.id;
    expect((await share(ada, secretPain.id, secretCard, support.id)).status).toBe(201);
    const supportDoc = await open(bob, support.id);
    await whenDoc(
      supportDoc,
      () => copyIn(supportDoc, `${secretPain.id}/${secretCard}`) !== undefined,
    );
    const secretCopy = copyIn(supportDoc, `${secretPain.id}/${secretCard}`)!.id;
    const passedOn = await share(bob, support.id, secretCopy, renewal.id);
    expect(passedOn.status).toBe(403);
    expect(JSON.stringify(passedOn.body)).not.toContain('Secret');
    expect((await share(ada, support.id, secretCopy, renewal.id)).status).toBe(201);
  });

  it('W304: a copy that missed edits while its map slept is refreshed when the map opens', async () => {
    const stale = mapJson('Imported', ['Verify'], 'painPoints', ['An old wording'], {
      sharedFrom: `${origin.id}/${painId}`,
    });
    const imported = await importMap(ada, stale);
    const doc = await open(bob, imported.id);
    await whenDoc(
      doc,
      () => copyIn(doc, `${origin.id}/${painId}`)?.text.startsWith('Waiting') === true,
    );
  });

  it('W306: a copy deleted right after it was shared leaves the index (the share wrote it outside the indexer)', async () => {
    const target = await importMap(ada, mapJson('Invoices', ['Pay'], 'painPoints', ['Late fee']));
    const marker = await importMap(ada, mapJson('Marker', ['One'], 'touchpoints', ['Before']));
    const searchFinds = (q: string) => async () =>
      ((await ada.get(`/api/search?q=${q}`)).body.hits as unknown[]).length > 0;
    // Both maps indexed once (the target without copies) before the share.
    await waitForAsync(searchFinds('late'), 10_000, 'the target to be indexed');
    await waitForAsync(searchFinds('before'), 10_000, 'the marker to be indexed');
    const [targetDoc, markerDoc] = [await open(ada, target.id), await open(ada, marker.id)];
    const ref = `${origin.id}/${painId}`;
    expect((await share(ada, origin.id, painId, target.id)).status).toBe(201);
    await whenDoc(targetDoc, () => copyIn(targetDoc, ref) !== undefined);
    // Gone again within the indexer's delay: what it reads now equals what it last wrote.
    deleteCard(targetDoc, copyIn(targetDoc, ref)!.id);
    const copiesOfPain = async () =>
      (await linksOf(ada, origin.id)).sharedTo.find((l) => l.cardId === painId)?.copies ?? [];
    const markerCard = readBoard(markerDoc).cards[0]!;
    const text = (markerDoc.getMap('cards').get(markerCard.id) as Y.Map<unknown>).get('text');
    (text as Y.Text).insert(0, 'Afterwards ');
    // One queue, in order: once the marker's later edit is indexed, the target's pass is done.
    await waitForAsync(searchFinds('afterwards'), 10_000, 'the marker edit to be indexed');
    expect((await copiesOfPain()).map((c) => c.boardId)).not.toContain(target.id);
  });

  it('W302, W305: a detached copy keeps its text, leaves the index and no longer follows; a deleted origin reads as gone', async () => {
    const [originDoc, supportDoc, renewalDoc] = [
      await open(bob, origin.id),
      await open(bob, support.id),
      await open(bob, renewal.id),
    ];
    const ref = `${origin.id}/${painId}`;
    detachSharedCopy(supportDoc, copyIn(supportDoc, ref)!.id);
    // Once the index has dropped Support, an origin edit reaches Renewal only.
    await waitForAsync(
      async () =>
        !(await linksOf(bob, origin.id)).sharedTo
          .find((l) => l.cardId === painId)
          ?.copies.some((c) => c.boardId === support.id),
      10_000,
      'the index to drop the detached copy',
    );
    const text = (originDoc.getMap('cards').get(painId) as Y.Map<unknown>).get('text') as Y.Text;
    text.delete(0, text.length);
    text.insert(0, 'ID check takes two days');
    await whenDoc(renewalDoc, () => copyIn(renewalDoc, ref)?.text === 'ID check takes two days');
    expect(cardsOf(supportDoc).some((c) => c.text === 'ID check takes two days')).toBe(false);
    originDoc.getMap('cards').delete(painId);
    await waitForAsync(
      async () =>
        (await linksOf(bob, renewal.id)).sharedFrom.find((l) => l.originCardId === painId)
          ?.originGone === true,
      10_000,
      'the origin to read as gone',
    );
    expect(copyIn(renewalDoc, ref)?.text).toBe('ID check takes two days');
  });
});
