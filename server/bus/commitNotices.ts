import { randomInt } from 'node:crypto';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import type { UpdateWriter } from '../storage/updateWriter.js';
import type { Bus } from './bus.js';
import type { SenderMark } from './heldUpdates.js';

const TOPIC = 'commits';

/**
 * W342 between instances: a live update an instance relays carries its writer's `order` (the
 * tag); once its writer has stored that far, one notice on the instance-wide `commits` topic
 * tells every peer, which then forgets the updates it held. Notices go out only while something
 * relayed is unconfirmed, at most one per group commit.
 */
export class CommitNotices {
  /** This run's epoch (see SenderMark). */
  readonly epoch = randomInt(1, 2 ** 31);
  /** Each peer's last notice. */
  private readonly stored = new Map<string, SenderMark>();
  /** The highest tag relayed live so far. */
  private owed = 0;
  /** The last `durableThrough` announced. */
  private sent = 0;
  private queued = false;

  constructor(
    private readonly bus: Bus,
    private readonly writer: Pick<UpdateWriter, 'enqueuedCount' | 'durableThrough' | 'on'>,
  ) {
    writer.on('written', () => this.queue());
  }

  /** Receives peers' notices: `from` has stored everything it tagged up to `through`. */
  listen(onConfirmed: (from: string, mark: SenderMark) => void): Promise<void> {
    return this.bus.subscribe(TOPIC, (payload, from) => {
      const decoder = decoding.createDecoder(payload);
      const mark = { epoch: decoding.readVarUint(decoder), through: decoding.readVarUint(decoder) };
      this.stored.set(from, mark);
      onConfirmed(from, mark);
    });
  }

  /** A peer's last notice, if any since it was last lost. */
  storedBy(from: string): SenderMark | undefined {
    return this.stored.get(from);
  }

  /** A peer is gone: a run of it that comes back starts its tags again. */
  forget(from: string): void {
    this.stored.delete(from);
  }

  /** The mark of a live update about to be published: what this writer has queued so far. */
  markForPublish(): SenderMark {
    const tag = this.writer.enqueuedCount;
    if (tag > this.owed) this.owed = tag;
    // Already stored (nothing was pending): no write will come to announce it.
    if (this.writer.durableThrough >= tag) this.queue();
    return { epoch: this.epoch, through: tag };
  }

  private queue(): void {
    if (this.queued || this.sent >= this.owed) return;
    this.queued = true;
    // After this turn's publishes, so the notice follows the updates it confirms.
    setImmediate(() => this.announce());
  }

  private announce(): void {
    this.queued = false;
    const through = this.writer.durableThrough;
    if (through <= this.sent || this.sent >= this.owed) return;
    this.sent = through;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, this.epoch);
    encoding.writeVarUint(encoder, through);
    this.bus.publish(TOPIC, encoding.toUint8Array(encoder));
  }
}
