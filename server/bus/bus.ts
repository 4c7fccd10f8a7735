import type { EventEmitter } from 'node:events';

/** Receives a message another instance published on a topic. */
export type BusHandler = (payload: Uint8Array, from: string) => void;

/** Releases a lock taken with `tryLock`. */
export type ReleaseLock = () => Promise<void>;

export interface BusEvents {
  /** The connection was lost and is back, every subscription live again: messages may be missing. */
  reconnected: [];
  /** Another instance stopped (cleanly or not): whatever it owned (presence) is gone. */
  'peer-lost': [instanceId: string];
}

/**
 * The port between instances (in-process for tests, Redis for scale-out). Delivery is best
 * effort: messages published while a connection is down are lost, which is why every user of
 * the bus resyncs on `reconnected`. All adapters run test/contract/bus.contract.ts.
 */
export interface Bus extends EventEmitter<BusEvents> {
  readonly kind: 'local' | 'redis';
  readonly instanceId: string;
  /** 'ok' while messages flow; 'reconnecting' while the connection is down. */
  readonly state: 'ok' | 'reconnecting';
  /**
   * Delivers the topic's messages from other instances to `handler` (one handler per topic).
   * Resolves once the subscription is live, or at once while disconnected (it goes live, and
   * `reconnected` fires, when the connection is back).
   */
  subscribe(topic: string, handler: BusHandler): Promise<void>;
  unsubscribe(topic: string): Promise<void>;
  /** Fire and forget; dropped (and counted) while disconnected. */
  publish(topic: string, payload: Uint8Array): void;
  /** An exclusive lock across instances that expires after `ttlMs`; null when held elsewhere. */
  tryLock(name: string, ttlMs: number): Promise<ReleaseLock | null>;
  /** Tells the other instances this one leaves, then disconnects. */
  close(): Promise<void>;
}
