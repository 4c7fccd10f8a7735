import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { LocalBus, LocalHub } from '../../server/bus/localBus.js';
import { RedisBus } from '../../server/bus/redisBus.js';
import { createLogger } from '../../server/logger.js';
import { createMetrics } from '../../server/metrics.js';
import { RedisProcess, TEST_REDIS_URL, randomName } from '../helpers/backends.js';
import { waitFor } from '../helpers/clients.js';
import { busContract } from './bus.contract.js';

const log = createLogger('silent');

busContract('LocalBus', async () => {
  const hub = new LocalHub();
  return { open: async (id) => new LocalBus(hub, id), cleanup: async () => {} };
});

const openRedis = (url: string, prefix: string, instanceId: string) =>
  RedisBus.connect({ url, prefix, instanceId, heartbeatMs: 100 }, log, createMetrics());

busContract('RedisBus', async () => {
  const prefix = randomName('jbtest');
  return { open: (id) => openRedis(TEST_REDIS_URL, prefix, id), cleanup: async () => {} };
});

describe('RedisBus specifics', () => {
  it('refuses to start when Redis does not answer, naming it without its password', async () => {
    await expect(
      RedisBus.connect(
        {
          url: 'redis://:hunter2@127.0.0.1:1',
          prefix: 'x',
          instanceId: 'x',
          heartbeatMs: 1000,
          connectTimeoutMs: 300,
        },
        log,
        createMetrics(),
      ),
    ).rejects.toThrow(/redis:\/\/:\*\*\*@127\.0\.0\.1:1\/? did not answer/);
  });

  it('survives a Redis restart: reports it, resubscribes, and says so', async () => {
    const redis = await RedisProcess.start();
    const metrics = createMetrics();
    const a = await RedisBus.connect(
      { url: redis.url, prefix: 'r', instanceId: 'a', heartbeatMs: 100 },
      log,
      metrics,
    );
    const b = await openRedis(redis.url, 'r', 'b');
    try {
      const got: number[] = [];
      await b.subscribe('t', (p) => got.push(p[0]!));
      let reconnected = 0;
      b.on('reconnected', () => reconnected++);
      await redis.kill();
      await waitFor(() => a.state === 'reconnecting' && b.state === 'reconnecting', 3000, 'down');
      a.publish('t', new Uint8Array([1])); // dropped, and counted
      await redis.restart();
      await waitFor(() => reconnected === 1 && a.state === 'ok', 10_000, 'reconnected');
      a.publish('t', new Uint8Array([2]));
      await waitFor(() => got.includes(2), 3000, 'delivery after the restart');
      expect(got).toEqual([2]);
      const lagCount = async () =>
        (await metrics.busLag.get()).values.find((v) => v.metricName?.endsWith('_count'))?.value;
      // The publish above and the heartbeats while Redis was down.
      expect((await metrics.busDropped.get()).values[0]!.value).toBeGreaterThanOrEqual(1);
      await new Promise((r) => setTimeout(r, 300));
      expect(await lagCount()).toBeGreaterThan(0);
    } finally {
      await a.close();
      await b.close();
      await redis.kill();
    }
  });

  it('carries Yjs updates byte for byte', async () => {
    const prefix = randomName('jbtest');
    const a = await openRedis(TEST_REDIS_URL, prefix, 'a');
    const b = await openRedis(TEST_REDIS_URL, prefix, 'b');
    try {
      const doc = new Y.Doc();
      doc.getText('t').insert(0, 'héllo 👋');
      const update = Y.encodeStateAsUpdate(doc);
      const got: Uint8Array[] = [];
      await b.subscribe('doc', (p) => got.push(p));
      a.publish('doc', update);
      await waitFor(() => got.length === 1, 3000, 'update');
      const copy = new Y.Doc();
      Y.applyUpdate(copy, got[0]!);
      expect(copy.getText('t').toString()).toBe('héllo 👋');
    } finally {
      await a.close();
      await b.close();
    }
  });
});
