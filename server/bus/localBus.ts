import { EventEmitter } from 'node:events';
import type { Bus, BusEvents, BusHandler, ReleaseLock } from './bus.js';

/** What several in-process buses share: the members and the locks. */
export class LocalHub {
  readonly members = new Set<LocalBus>();
  readonly locks = new Map<string, { owner: symbol; expires: number }>();
}

/**
 * The bus between servers running in one process (tests, and the in-process contract). Messages
 * are delivered asynchronously, like over a network, in publish order.
 */
export class LocalBus extends EventEmitter<BusEvents> implements Bus {
  readonly kind = 'local' as const;
  readonly state = 'ok' as const;
  private readonly handlers = new Map<string, BusHandler>();
  private closed = false;

  constructor(
    private readonly hub: LocalHub,
    readonly instanceId: string,
  ) {
    super();
    hub.members.add(this);
  }

  async subscribe(topic: string, handler: BusHandler): Promise<void> {
    this.handlers.set(topic, handler);
  }

  async unsubscribe(topic: string): Promise<void> {
    this.handlers.delete(topic);
  }

  publish(topic: string, payload: Uint8Array): void {
    if (this.closed) return;
    const copy = payload.slice();
    for (const member of this.hub.members) {
      if (member !== this) setImmediate(() => member.handlers.get(topic)?.(copy, this.instanceId));
    }
  }

  async tryLock(name: string, ttlMs: number): Promise<ReleaseLock | null> {
    const held = this.hub.locks.get(name);
    if (held && held.expires > Date.now()) return null;
    const owner = Symbol(name);
    this.hub.locks.set(name, { owner, expires: Date.now() + ttlMs });
    return async () => {
      if (this.hub.locks.get(name)?.owner === owner) this.hub.locks.delete(name);
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.hub.members.delete(this);
    this.handlers.clear();
    for (const member of this.hub.members) {
      setImmediate(() => member.emit('peer-lost', this.instanceId));
    }
  }
}
