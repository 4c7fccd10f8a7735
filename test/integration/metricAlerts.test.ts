/**
 * Metric threshold alerts over the real server (AUTH_MODE=accounts): a batch posted to the
 * ingestion API that starts an alert puts one `metric-alert` item in the board owners' inbox,
 * naming the card and leading to it; the same alert again tells no one twice, a small move tells
 * no one, and a member who does not own the board hears nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { excerptOf } from '../../server/inbox/inbox.js';
import type { RunningServer } from '../../server/server.js';
import { itemPath } from '../../shared/protocol/inbox.js';
import { waitForAsync } from '../helpers/clients.js';
import { twoPeople, type Person, type TwoPeople } from '../helpers/people.js';

interface Item {
  kind: 'metric-alert';
  boardId: string;
  threadId: string | null;
  messageId: string | null;
  actor: { id: string | null; name: string };
  excerpt: string;
}

describe('metric threshold alerts in the inbox (AUTH_MODE=accounts)', () => {
  let team: TwoPeople;
  let server: RunningServer;
  let ada: Person;
  let bob: Person;
  let wsA: string;
  let adaToken: string;
  let boardId: string;
  let cards: { id: string; text: string }[];
  /** The template's Support touchpoint, which the survey import's rows match (W264). */
  let surveyed: { id: string; text: string };

  const post = async (rows: unknown[]) => {
    const res = await fetch(`${server.url}/api/workspaces/${wsA}/metrics`, {
      method: 'POST',
      headers: { authorization: `Bearer ${adaToken}`, 'content-type': 'application/json' },
      body: JSON.stringify({ rows }),
    });
    expect(res.status).toBe(200);
    return (await res.json()) as { written: number; unchanged: number };
  };
  const month = (touchpoint: string, m: 1 | 2, value: number, metric = 'csat') => ({
    board: boardId,
    touchpoint,
    metric,
    value,
    n: 100,
    periodStart: `2026-0${m}-01`,
    periodEnd: m === 1 ? '2026-01-31' : '2026-02-28',
    source: 'bi',
  });
  const alertsOf = async (person: Person) =>
    (((await person.get('/api/inbox')).body.items ?? []) as Item[]).filter(
      (i) => i.kind === 'metric-alert',
    );
  /** Waits until `person` has an alert about `cardId`: writes are told in the order made. */
  const toldOf = (person: Person, cardId: string) =>
    waitForAsync(
      async () => (await alertsOf(person)).some((i) => i.messageId === cardId),
      5000,
      `a metric-alert item about ${cardId}`,
    );

  beforeAll(async () => {
    team = await twoPeople();
    ({ server, ada, bob, workspaceId: wsA, adaToken } = team);
    const made = await ada.post('/api/boards', { title: 'Checkout', template: 'current-state' });
    boardId = String(made.body.id);
    const board = (await ada.get(`/api/boards/${boardId}`)).body as {
      stages: { id: string; name: string }[];
      lanes: { id: string; kind: string }[];
      cards: { id: string; text: string; stageId: string; laneId: string }[];
    };
    const support = board.stages.find((st) => st.name === 'Support')!.id;
    const touchpoints = board.lanes.find((l) => l.kind === 'touchpoints')!.id;
    surveyed = board.cards.find((c) => c.stageId === support && c.laneId === touchpoints)!;
    cards = board.cards.filter((c) => c !== surveyed).slice(0, 4);
    expect(cards).toHaveLength(4);
  });
  afterAll(() => team.stop());

  it('W299, W300, S130: a batch crossing into red tells each owner once, naming the card and leading to it', async () => {
    const card = cards[0]!;
    await post([month(card.id, 1, 80), month(card.id, 2, 58)]);
    await toldOf(ada, card.id);
    const items = await alertsOf(ada);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      boardId,
      messageId: card.id,
      actor: { id: null, name: 'Metric alert' },
      excerpt: excerptOf(
        `Checkout · ${card.text.trim() || 'A touchpoint'}: CSAT fell 22 points to 58% (Jan → Feb 2026)`,
      ),
    });
    expect(itemPath(items[0]!)).toBe(`/b/${boardId}?card=${encodeURIComponent(card.id)}`);
    // Bob is a member of the workspace, not an owner of the board: told nothing.
    expect(await alertsOf(bob)).toEqual([]);
  });

  it('W299, W300: the same alert is told once, however often its points are sent', async () => {
    const card = cards[0]!;
    expect(await post([month(card.id, 1, 80), month(card.id, 2, 58)])).toMatchObject({
      written: 0,
      unchanged: 2,
    });
    // Out of the red and back in, in the same period: the same event, still one item.
    await post([month(card.id, 2, 70)]);
    await post([month(card.id, 2, 58)]);
    const sentinel = cards[3]!;
    await post([month(sentinel.id, 1, 90), month(sentinel.id, 2, 40)]);
    await toldOf(ada, sentinel.id);
    expect((await alertsOf(ada)).filter((i) => i.messageId === card.id)).toHaveLength(1);
  });

  it('W297, W299: a small move or an improvement tells no one; a fall beyond the allowance does', async () => {
    const [, small, fall] = cards as [unknown, { id: string }, { id: string }];
    await post([month(small.id, 1, 85), month(small.id, 2, 80)]);
    await post([month(small.id, 1, 40, 'nps'), month(small.id, 2, 70, 'nps')]);
    await post([month(fall.id, 1, 6.5, 'ces'), month(fall.id, 2, 5.6, 'ces')]);
    await toldOf(ada, fall.id);
    const items = await alertsOf(ada);
    expect(items.filter((i) => i.messageId === small.id)).toEqual([]);
    expect(items.find((i) => i.messageId === fall.id)!.excerpt).toContain(
      'CES fell 0.9 to 5.6 (Jan → Feb 2026)',
    );
    expect(await alertsOf(bob)).toEqual([]);
  });

  it('W299, W300: the survey import writes through the same path: a first point in the red tells', async () => {
    const csv = [
      'Touchpoint,Journey stage,Q1 satisfaction',
      'Chatbot,Support,2',
      'Ticket form,Support,1',
    ].join('\r\n');
    const mapping = { touchpoint: 'Touchpoint', stage: 'Journey stage', csat: 'Q1 satisfaction' };
    const answer = await ada.post(`/api/boards/${boardId}/survey/import`, {
      csv,
      mapping,
      source: 'q3.csv',
    });
    expect(answer.status).toBe(200);
    await toldOf(ada, surveyed.id);
    const item = (await alertsOf(ada)).find((i) => i.messageId === surveyed.id)!;
    expect(item.excerpt).toContain(': CSAT is in the red at 0%');
  });
});
