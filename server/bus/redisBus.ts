import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import { Redis } from 'ioredis';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { redactUrl, type Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { Bus, BusEvents, BusHandler, ReleaseLock } from './bus.js';

export interface RedisBusOptions {
  url: string;
  /** Namespaces channels and keys, so deployments can share one Redis. */
  prefix: string;
  instanceId: string;
  /** How often this instance says it is alive; a peer silent for 3 beats (+1 s) is lost. */
  heartbeatMs: number;
  /** How long `connect` waits for Redis before giving up. */
  connectTimeoutMs?: number;
}

const BEAT = 0;
const BYE = 1;

const RELEASE_LOCK = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Redis pub/sub between instances: one connection publishes (and takes locks), one subscribes.
 * Every message carries its sender's id so an instance skips its own. Nothing is queued while
 * Redis is down (a long outage must not grow memory): publishes are dropped and counted, and
 * `reconnected` tells the rooms to resync once both connections are back.
 */
export class RedisBus extends EventEmitter<BusEvents> implements Bus {
  readonly kind = 'redis' as const;
  readonly instanceId: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private readonly handlers = new Map<string, BusHandler>();
  private readonly lastSeen = new Map<string, number>();
  private readonly heartbeat: NodeJS.Timeout;
  private readonly beatChannel: string;
  /** `writeVarString(instanceId)`, which starts every message. */
  private readonly idPrefix: Uint8Array;
  private wasDown = false;
  private closing = false;

  private constructor(
    private readonly options: RedisBusOptions,
    private readonly log: Logger,
    private readonly metrics: Metrics,
  ) {
    super();
    this.instanceId = options.instanceId;
    this.beatChannel = `${options.prefix}:heartbeat`;
    this.idPrefix = encoding.encode((e) => encoding.writeVarString(e, options.instanceId));
    const common = {
      enableOfflineQueue: false,
      autoResubscribe: false,
      lazyConnect: true,
      connectionName: `journeyboard:${options.instanceId}`,
      retryStrategy: (times: number) => Math.min(100 * times, 2_000),
    };
    // Publishes of one event-loop turn (every room's flush) go out in one write.
    this.pub = new Redis(options.url, { ...common, enableAutoPipelining: true });
    this.sub = new Redis(options.url, common);
    for (const conn of [this.pub, this.sub]) {
      conn.on('error', (err: Error) => this.log.debug({ err }, 'redis connection error'));
      conn.on('close', () => this.onDown());
      conn.on('ready', () => void this.onReady());
    }
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) =>
      this.onMessage(channel.toString(), message),
    );
    this.heartbeat = setInterval(() => this.beat(), options.heartbeatMs);
    this.heartbeat.unref();
  }

  /** Connects both connections; rejects with a clear message if Redis does not answer in time. */
  static async connect(options: RedisBusOptions, log: Logger, metrics: Metrics): Promise<RedisBus> {
    const bus = new RedisBus(options, log, metrics);
    const timeoutMs = options.connectTimeoutMs ?? 10_000;
    let lastError = '';
    const ready = (conn: Redis) =>
      new Promise<void>((resolve) => {
        conn.on('error', (err: Error) => (lastError = err.message));
        conn.once('ready', () => resolve());
        // The first attempt may fail; ioredis keeps retrying until the deadline below.
        conn.connect().catch(() => {});
      });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        Promise.all([ready(bus.pub), ready(bus.sub)]),
        new Promise((_, reject) => {
          timer = setTimeout(() => {
            const why = lastError ? ` (${lastError})` : '';
            reject(
              new Error(
                `Redis at ${redactUrl(options.url)} did not answer within ${timeoutMs} ms${why}`,
              ),
            );
          }, timeoutMs);
        }),
      ]);
      await bus.sub.subscribe(bus.beatChannel);
    } catch (err) {
      await bus.close();
      throw err;
    } finally {
      clearTimeout(timer);
    }
    bus.metrics.busConnected.set(1);
    return bus;
  }

  get state(): 'ok' | 'reconnecting' {
    return this.pub.status === 'ready' && this.sub.status === 'ready' ? 'ok' : 'reconnecting';
  }

  private channel(topic: string): string {
    return `${this.options.prefix}:topic:${topic}`;
  }

  async subscribe(topic: string, handler: BusHandler): Promise<void> {
    this.handlers.set(topic, handler);
    if (this.sub.status !== 'ready') return;
    await this.sub.subscribe(this.channel(topic)).catch((err: unknown) => {
      // The connection dropped meanwhile: `onReady` subscribes again and then resyncs everyone.
      this.log.debug({ err, topic }, 'subscribing failed; retried on reconnect');
    });
  }

  async unsubscribe(topic: string): Promise<void> {
    this.handlers.delete(topic);
    if (this.sub.status === 'ready')
      await this.sub.unsubscribe(this.channel(topic)).catch(() => {});
  }

  publish(topic: string, payload: Uint8Array): void {
    this.send(this.channel(topic), payload);
  }

  private send(channel: string, payload: Uint8Array): void {
    if (this.pub.status !== 'ready') {
      this.metrics.busDropped.inc();
      return;
    }
    this.metrics.busMessages.inc({ direction: 'out' });
    // One copy: the sender's id, encoded once, then the payload.
    const message = Buffer.concat([this.idPrefix, payload]);
    this.pub.publish(channel, message).catch(() => {
      this.metrics.busDropped.inc();
    });
  }

  private onMessage(channel: string, message: Buffer): void {
    let from: string;
    let payload: Uint8Array;
    try {
      const decoder = decoding.createDecoder(message);
      from = decoding.readVarString(decoder);
      payload = message.subarray(decoder.pos);
    } catch (err) {
      this.log.warn({ err, channel }, 'ignoring an undecodable bus message');
      return;
    }
    if (channel === this.beatChannel) return this.onBeat(from, payload);
    if (from === this.instanceId) return;
    const prefix = `${this.options.prefix}:topic:`;
    const handler = this.handlers.get(channel.slice(prefix.length));
    if (!handler) return;
    this.metrics.busMessages.inc({ direction: 'in' });
    handler(payload, from);
  }

  private beat(kind = BEAT): void {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, kind);
    encoding.writeFloat64(encoder, performance.now());
    this.send(this.beatChannel, encoding.toUint8Array(encoder));
    if (kind === BEAT) this.checkPeers();
  }

  private onBeat(from: string, payload: Uint8Array): void {
    const decoder = decoding.createDecoder(payload);
    const kind = decoding.readVarUint(decoder);
    if (from === this.instanceId) {
      // Our own beat came back through Redis: the round trip is the bus lag.
      this.metrics.busLag.observe((performance.now() - decoding.readFloat64(decoder)) / 1000);
      return;
    }
    if (kind === BYE) {
      if (this.lastSeen.delete(from)) this.emit('peer-lost', from);
      return;
    }
    this.lastSeen.set(from, Date.now());
  }

  private checkPeers(): void {
    if (this.state !== 'ok') return;
    const deadline = Date.now() - (3 * this.options.heartbeatMs + 1_000);
    for (const [peer, seen] of this.lastSeen) {
      if (seen >= deadline) continue;
      this.lastSeen.delete(peer);
      this.log.warn({ peer }, 'instance stopped answering on the bus');
      this.emit('peer-lost', peer);
    }
  }

  private onDown(): void {
    if (this.closing || this.wasDown) return;
    this.wasDown = true;
    this.metrics.busConnected.set(0);
    this.log.warn('bus connection lost; publishing is paused until Redis is back');
  }

  private async onReady(): Promise<void> {
    if (!this.wasDown || this.state !== 'ok' || this.closing) return;
    this.wasDown = false;
    try {
      await this.sub.subscribe(
        this.beatChannel,
        ...[...this.handlers.keys()].map((t) => this.channel(t)),
      );
    } catch (err) {
      this.log.warn({ err }, 'resubscribing failed; waiting for the next reconnect');
      this.wasDown = true;
      return;
    }
    // Peers were unheard while we were away: give them a fresh grace period.
    for (const peer of this.lastSeen.keys()) this.lastSeen.set(peer, Date.now());
    this.metrics.busConnected.set(1);
    this.log.info({ topics: this.handlers.size }, 'bus reconnected; resyncing rooms');
    this.emit('reconnected');
  }

  async tryLock(name: string, ttlMs: number): Promise<ReleaseLock | null> {
    const key = `${this.options.prefix}:lock:${name}`;
    const token = randomUUID();
    let ok: string | null;
    try {
      ok = await this.pub.set(key, token, 'PX', ttlMs, 'NX');
    } catch {
      return null;
    }
    if (ok !== 'OK') return null;
    return async () => {
      await this.pub.eval(RELEASE_LOCK, 1, key, token).catch(() => {
        // Redis is down: the lock expires on its own after ttlMs.
      });
    };
  }

  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    clearInterval(this.heartbeat);
    if (this.pub.status === 'ready') {
      this.beat(BYE);
      await this.pub.quit().catch(() => this.pub.disconnect());
    } else this.pub.disconnect();
    this.sub.disconnect();
    this.handlers.clear();
  }
}
