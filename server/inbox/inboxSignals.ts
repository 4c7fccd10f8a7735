import { EventEmitter } from 'node:events';
import type { Bus } from '../bus/bus.js';
import type { Logger } from '../logger.js';

/** Another instance changed a person's inbox: payload is the user id, UTF-8. */
export const INBOX_TOPIC = 'inbox-changed';

/** The event every change emits besides its person's (user ids are never symbols). */
const ANY = Symbol('any inbox');

/**
 * "This person's inbox changed" (an item created, items marked read), heard by the event
 * streams of every instance: locally at once, and over the bus (Redis in a cluster) by the
 * others, since a person's browser may be connected to any instance.
 */
export class InboxSignals {
  private readonly local = new EventEmitter();

  constructor(
    private readonly bus: Bus | null,
    private readonly log: Logger,
  ) {
    // One listener per open event stream: many people, no leak warning.
    this.local.setMaxListeners(0);
  }

  /** Subscribes to the other instances' signals. */
  async start(): Promise<void> {
    await this.bus?.subscribe(INBOX_TOPIC, (payload) => {
      this.local.emit(new TextDecoder().decode(payload));
      this.local.emit(ANY);
    });
  }

  changed(userId: string): void {
    this.local.emit(userId);
    this.local.emit(ANY);
    try {
      this.bus?.publish(INBOX_TOPIC, new TextEncoder().encode(userId));
    } catch (err) {
      this.log.warn({ err }, 'publishing an inbox change failed');
    }
  }

  /** Calls `listener` whenever `userId`'s inbox changes here or elsewhere; returns the off. */
  watch(userId: string, listener: () => void): () => void {
    // The event's name is the user id: a change wakes only that person's streams.
    this.local.on(userId, listener);
    return () => this.local.off(userId, listener);
  }

  /** Calls `listener` whenever anyone's inbox changes (the e-mail digests wake on it). */
  watchAll(listener: () => void): () => void {
    this.local.on(ANY, listener);
    return () => this.local.off(ANY, listener);
  }

  /** On a bus reconnect messages may have been lost: every stream re-reads its count. */
  onResync(listener: () => void): () => void {
    this.bus?.on('reconnected', listener);
    return () => this.bus?.off('reconnected', listener);
  }
}
