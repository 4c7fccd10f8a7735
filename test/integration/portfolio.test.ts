/**
 * The portfolio of a workspace (W291–W294, S129): every map a person can open with its review
 * standing, the worst touchpoints across maps, hot stages; kept current from live edits.
 */
import type * as Y from 'yjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { addLane, addStage } from '../../shared/model/axes.js';
import { addCard, setMetrics } from '../../shared/model/cards.js';
import type { PortfolioView } from '../../shared/protocol/portfolio.js';
import { disconnectAll, synced, waitForAsync, type Client } from '../helpers/clients.js';
import { connectAs, inviteAndSignUp, Person, setUpAdmin } from '../helpers/people.js';
import { removeDir, startTestServer, tempDataDir, wsUrlOf } from '../helpers/server.js';

let server: RunningServer;
let dir: string;
let ada: Person;
let workspaceId: string;
const clients: Client[] = [];

beforeAll(async () => {
  dir = tempDataDir();
  server = await startTestServer(dir, { AUTH_MODE: 'accounts' });
  ada = await setUpAdmin(server.url);
  workspaceId = ((await ada.get('/api/me')).body.workspaces as { id: string }[])[0]!.id;
}, 60_000);

afterAll(async () => {
  disconnectAll(clients);
  await server?.stop();
  removeDir(dir);
});

/** A board of Ada's with one touchpoint per CSAT value given, written by a live client. */
async function mapWith(title: string, csats: number[]): Promise<{ id: string; doc: Y.Doc }> {
  const id = String((await ada.post('/api/boards', { title, workspaceId })).body.id);
  const client = connectAs(ada, wsUrlOf(server.url), id);
  clients.push(client);
  await synced(client);
  const { doc } = client;
  const stageId = addStage(doc, { name: 'Support' });
  const laneId = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  csats.forEach((csat, i) => {
    const cardId = addCard(doc, { stageId, laneId, text: `${title} touchpoint ${i}` });
    setMetrics(doc, cardId, { csat, volume: 100 * (i + 1) });
  });
  return { id, doc };
}

const portfolio = async (who: Person = ada) =>
  (await who.get(`/api/workspaces/${workspaceId}/portfolio`)).body as unknown as PortfolioView;

describe('the portfolio', { timeout: 60_000 }, () => {
  it('W291, W292, W294: lists every map with its standing and ranks the worst touchpoint first, across maps', async () => {
    const billing = await mapWith('Billing', [81, 64]);
    const onboarding = await mapWith('Onboarding', [72, 42, 90]);
    let ranked = await portfolio();
    await waitForAsync(
      async () => (ranked = await portfolio()).worst.csat.length === 5,
      20_000,
      'both maps digested',
    );
    expect(ranked.worst.csat.map((t) => [t.boardTitle, t.value])).toEqual([
      ['Onboarding', 42],
      ['Billing', 64],
      ['Onboarding', 72],
      ['Billing', 81],
      ['Onboarding', 90],
    ]);
    expect(ranked.worst.csat[0]).toMatchObject({
      boardId: onboarding.id,
      stageName: 'Support',
      text: 'Onboarding touchpoint 1',
      metrics: { csat: 42, volume: 200 },
    });
    // The highest volume is the worst end of volume.
    expect(ranked.worst.volume[0]).toMatchObject({ boardId: onboarding.id, value: 300 });
    const maps = new Map(ranked.maps.map((m) => [m.boardId, m]));
    expect(maps.get(billing.id)).toMatchObject({
      title: 'Billing',
      mapType: 'current-state',
      owner: { name: 'Ada Admin' },
      review: 'none',
      reviewed: false,
      overdue: false,
      openThreads: 0,
      cards: 2,
      touchpoints: 2,
    });

    // W291: a live edit reaches the portfolio after the delay, without a restart.
    const billingCards = [...billing.doc.getMap<Y.Map<unknown>>('cards').entries()];
    const worstOfBilling = billingCards.find(
      ([, c]) => String(c.get('text')) === 'Billing touchpoint 1',
    );
    setMetrics(billing.doc, worstOfBilling![0], { csat: 12 });
    let after = ranked;
    await waitForAsync(
      async () => (after = await portfolio()).worst.csat[0]?.value === 12,
      20_000,
      'the edit in the portfolio',
    );
    expect(after.worst.csat[0]).toMatchObject({
      boardId: billing.id,
      text: 'Billing touchpoint 1',
    });
  });

  it('W293, S129: only maps the caller can open; another workspace and strangers see nothing', async () => {
    const bea = await inviteAndSignUp(ada, workspaceId, {
      name: 'Bea',
      email: 'bea@example.com',
      password: 'a long and quiet harbour walk',
    });
    const beas = await portfolio(bea);
    expect(beas.maps.map((m) => m.title).sort()).toEqual(['Billing', 'Onboarding']);
    // Bea's own workspace, with a map Ada cannot open.
    const made = await bea.post('/api/workspaces', { name: 'Bea’s own' });
    expect(made.status).toBe(201);
    const own = String(made.body.id);
    const secret = await bea.post('/api/boards', { title: 'Secret map', workspaceId: own });
    expect(secret.status).toBe(201);
    const adas = await portfolio();
    expect(adas.maps.map((m) => m.title)).not.toContain('Secret map');
    expect((await ada.get(`/api/workspaces/${own}/portfolio`)).status).toBe(404);
    expect((await new Person(server.url).get(`/api/workspaces/${own}/portfolio`)).status).toBe(401);
  });
});
