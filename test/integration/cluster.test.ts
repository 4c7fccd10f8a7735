/**
 * The scale-out topology with real processes: three instances sharing PostgreSQL and Redis
 * behind HAProxy (deploy/haproxy.cfg). Clients anywhere converge; killing an instance, restarting
 * Redis or restarting everything loses nothing.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  connectClient,
  disconnectAll,
  waitFor,
  waitForAsync,
  whenSynced,
  type Client,
} from '../helpers/clients.js';
import { Cluster, connectionCounts, connectionsOn, type Instance } from '../helpers/cluster.js';
import { createBoard, wsUrlOf } from '../helpers/server.js';

const edits = (c: Client) => c.doc.getMap<number>('edits');
const names = (c: Client) =>
  [...c.provider.awareness.getStates().values()]
    .map((s) => (s.user as { name?: string } | undefined)?.name)
    .filter(Boolean)
    .sort();

/** Every client writes `<name>:<i>` every `everyMs` until stopped; returns every key written. */
function editContinuously(clients: Client[], everyMs: number) {
  const written = new Set<string>();
  let i = 0;
  const timer = setInterval(() => {
    i++;
    clients.forEach((c, n) => {
      const key = `c${n}:${i}`;
      edits(c).set(key, i);
      written.add(key);
    });
  }, everyMs);
  return { written, stop: () => clearInterval(timer) };
}

async function expectEverywhere(clients: Client[], keys: Set<string>, timeoutMs = 15_000) {
  await waitFor(
    () => clients.every((c) => [...keys].every((k) => edits(c).has(k))),
    timeoutMs,
    `all ${keys.size} edits on all ${clients.length} clients`,
  );
}

describe('cluster: 3 instances, PostgreSQL, Redis, HAProxy', { timeout: 90_000 }, () => {
  let cluster: Cluster;
  const clients: Client[] = [];
  const join = (wsUrl: string, room: string) => {
    const c = connectClient(wsUrl, room);
    clients.push(c);
    return c;
  };
  const direct = (inst: Instance, room: string) => join(wsUrlOf(inst.url), room);

  beforeAll(async () => {
    cluster = await Cluster.start(3);
  }, 60_000);

  // A test that failed half-way must not leave the next one without an instance.
  beforeEach(async () => {
    await Promise.all(
      cluster.instances.filter((i) => !i.proc).map((i) => cluster.startInstance(i)),
    );
  });

  afterAll(async () => {
    disconnectAll(clients);
    await cluster?.shutdown();
  });

  it('clients spread over the instances converge and see each other', async () => {
    const board = await createBoard(cluster.instances[0]!.url);
    const spread = cluster.instances.flatMap((inst) => [
      direct(inst, board.id),
      direct(inst, board.id),
    ]);
    await Promise.all(spread.map((c) => whenSynced(c)));
    spread.forEach((c, n) => c.provider.awareness.setLocalStateField('user', { name: `u${n}` }));
    const run = editContinuously(spread, 10);
    await new Promise((r) => setTimeout(r, 500));
    run.stop();
    await expectEverywhere(spread, run.written);
    const text = (c: Client) => c.doc.getText('t');
    spread.forEach((c, n) => text(c).insert(0, `[${n}]`));
    await waitFor(() => new Set(spread.map((c) => text(c).toString())).size === 1, 5000, 'text');
    expect(text(spread[0]!).toString()).toHaveLength(spread.length * 3);
    const everyone = spread.map((_, n) => `u${n}`).sort();
    await waitFor(
      () => spread.every((c) => names(c).join() === everyone.join()),
      5000,
      'everyone seeing everyone',
    );
    // HAProxy answers with the instances' health, which reports storage and bus.
    const health = (await (await fetch(`${cluster.lbUrl}/healthz`)).json()) as Record<
      string,
      unknown
    >;
    expect(health).toMatchObject({ ok: true, storage: 'postgres', bus: 'ok' });
    const metrics = await (await fetch(`${cluster.instances[0]!.url}/metrics`)).text();
    expect(metrics).toMatch(/journeyboard_bus_messages_total\{direction="in"\} [1-9]/);
    expect(metrics).toMatch(/journeyboard_bus_messages_total\{direction="out"\} [1-9]/);
    expect(metrics).toMatch(/journeyboard_bus_lag_seconds_count [1-9]/);
    expect(metrics).toMatch(/journeyboard_bus_connected 1/);
  });

  it('kill -9 of an instance under continuous edits: its clients move on and lose nothing', async () => {
    const board = await createBoard(cluster.lbUrl);
    const viaLb = Array.from({ length: 9 }, () => join(cluster.lbWsUrl, board.id));
    await Promise.all(viaLb.map((c) => whenSynced(c)));
    // Board affinity (W320) puts all nine on the board's instance: that one dies.
    const counts = await connectionCounts(cluster);
    const victim = cluster.instances[counts.indexOf(Math.max(...counts))]!;
    expect(await connectionsOn(victim)).toBeGreaterThan(0);
    viaLb.forEach((c, n) => c.provider.awareness.setLocalStateField('user', { name: `k${n}` }));
    const run = editContinuously(viaLb, 20);
    await new Promise((r) => setTimeout(r, 400));
    await cluster.kill(victim);
    try {
      await new Promise((r) => setTimeout(r, 1500));
      run.stop();
      await expectEverywhere(viaLb, run.written);
      // Others see the clients that moved as soon as the dead instance is forgotten. The moved
      // clients see the others when those next move: a y-websocket client that lost its
      // connection ignores states it already had (it bumped their clocks when it dropped them).
      const everyone = viaLb.map((_, n) => `k${n}`).sort();
      viaLb.forEach((c, n) => c.provider.awareness.setLocalStateField('cursor', { x: n, y: n }));
      await waitFor(
        () => viaLb.every((c) => names(c).join() === everyone.join()),
        10_000,
        'presence after fail-over',
      );
    } finally {
      run.stop();
      await cluster.startInstance(victim);
    }
    // What the survivors hold is durable, the relayed edits of the dead instance's clients too.
    disconnectAll(viaLb);
    await Promise.all(cluster.instances.map((inst) => cluster.stop(inst)));
    await Promise.all(cluster.instances.map((inst) => cluster.startInstance(inst)));
    const late = join(cluster.lbWsUrl, board.id);
    await whenSynced(late);
    await expectEverywhere([late], run.written, 5000);
  });

  it('W341, W342: kill -9 of the instance clients edit on while the others hold their relayed edits unwritten: nothing is lost, even when the others die next', async () => {
    const board = await createBoard(cluster.lbUrl);
    const viaLb = Array.from({ length: 4 }, () => join(cluster.lbWsUrl, board.id));
    await Promise.all(viaLb.map((c) => whenSynced(c)));
    const counts = await connectionCounts(cluster);
    const victim = cluster.instances[counts.indexOf(Math.max(...counts))]!;
    const others = cluster.instances.filter((i) => i !== victim);
    // The others hold the room too: the victim publishes to them, and they only hold its edits.
    const watchers = others.map((inst) => direct(inst, board.id));
    await Promise.all(watchers.map((c) => whenSynced(c)));
    const everyone = [...viaLb, ...watchers];
    everyone.forEach((c, n) => c.provider.awareness.setLocalStateField('user', { name: `h${n}` }));
    const run = editContinuously(viaLb, 10);
    await waitFor(() => watchers.every((c) => edits(c).size > 20), 10_000, 'relayed edits');
    await cluster.kill(victim);
    try {
      await new Promise((r) => setTimeout(r, 500));
      run.stop();
      await expectEverywhere(everyone, run.written);
      // Seeing everyone again means each survivor has dropped the victim (and written what it
      // held of it); then their writers drain.
      const allNames = everyone.map((_, n) => `h${n}`).sort();
      everyone.forEach((c, n) => c.provider.awareness.setLocalStateField('cursor', { x: n, y: 0 }));
      await waitFor(
        () => everyone.every((c) => names(c).join() === allNames.join()),
        10_000,
        'presence after fail-over',
      );
      const pending = async (inst: Instance) =>
        /^journeyboard_pending_updates 0$/m.test(await (await fetch(`${inst.url}/metrics`)).text());
      await waitForAsync(
        async () => (await Promise.all(others.map(pending))).every(Boolean),
        10_000,
        'survivors written',
      );
    } finally {
      run.stop();
    }
    // No shutdown write: the survivors die too, and what they stored must be everything.
    disconnectAll(everyone);
    await Promise.all(others.map((inst) => cluster.kill(inst)));
    await Promise.all(cluster.instances.map((inst) => cluster.startInstance(inst)));
    const late = join(cluster.lbWsUrl, board.id);
    await whenSynced(late);
    await expectEverywhere([late], run.written, 5000);
  });

  it('Redis restarted mid-session: instances reconnect and converge', async () => {
    const board = await createBoard(cluster.lbUrl);
    const spread = cluster.instances.map((inst) => direct(inst, board.id));
    await Promise.all(spread.map((c) => whenSynced(c)));
    await cluster.redis.kill();
    // Edits made while the bus is down stay on their instance for now...
    const run = editContinuously(spread, 20);
    await new Promise((r) => setTimeout(r, 400));
    await cluster.redis.restart();
    await new Promise((r) => setTimeout(r, 300));
    run.stop();
    // ...and reach everyone once the instances have resynced.
    await expectEverywhere(spread, run.written);
    const states = spread.map((c) => Buffer.from(Y.encodeStateVector(c.doc)).toString('hex'));
    expect(new Set(states).size).toBe(1);
    for (const inst of cluster.instances) {
      const health = (await (await fetch(`${inst.url}/healthz`)).json()) as { bus: string };
      expect(health.bus).toBe('ok');
    }
  });

  it('every instance stopped and started again: the boards come back from PostgreSQL', async () => {
    const board = await createBoard(cluster.lbUrl);
    const spread = cluster.instances.map((inst) => direct(inst, `${board.id}`));
    const comments = join(cluster.lbWsUrl, `${board.id}/comments`);
    await Promise.all([...spread, comments].map((c) => whenSynced(c)));
    const run = editContinuously(spread, 10);
    await new Promise((r) => setTimeout(r, 300));
    run.stop();
    comments.doc.getArray('scratch').push(['kept']);
    await expectEverywhere(spread, run.written);
    disconnectAll([...spread, comments]);
    await Promise.all(cluster.instances.map((inst) => cluster.stop(inst)));
    await Promise.all(cluster.instances.map((inst) => cluster.startInstance(inst)));
    const back = join(cluster.lbWsUrl, board.id);
    const backComments = join(cluster.lbWsUrl, `${board.id}/comments`);
    await Promise.all([back, backComments].map((c) => whenSynced(c)));
    await expectEverywhere([back], run.written, 5000);
    expect(backComments.doc.getArray('scratch').toJSON()).toEqual(['kept']);
  });
});
