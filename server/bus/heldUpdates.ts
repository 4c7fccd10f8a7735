/** Which run of an instance sent something, and how far its writer has stored. */
export interface SenderMark {
  /** Random per process start: an instance restarted under the same id is another sender. */
  epoch: number;
  /** The writer `order` through which everything it queued is stored (or, on an update, queued). */
  through: number;
}

/**
 * Live updates another instance relayed to a room here, held unwritten until their sender says
 * it has stored them (W342). If the sender is lost first (or comes back as another run), they
 * are written here instead: a client whose instance died reconnects to one that already holds
 * its edit and does not send it again, so an instance holding an edit must see it stored.
 */
export class HeldUpdates {
  /** Per sender: the run that relayed them, and the updates with the tag each waits for. */
  private readonly bySender = new Map<
    string,
    { epoch: number; held: { tag: number; update: Uint8Array }[] }
  >();
  private bytes = 0;

  constructor(
    /** Held bytes beyond which a sender's updates are written here at once (one that never confirms). */
    private readonly maxBytes: number,
    /** Writes updates here (queues them for this instance's group commit). */
    private readonly write: (updates: Uint8Array[]) => void,
  ) {}

  get heldBytes(): number {
    return this.bytes;
  }

  /**
   * Holds an update `from` tagged `mark.through`, unless `stored` (the sender's last notice)
   * already covers it.
   */
  hold(from: string, mark: SenderMark, update: Uint8Array, stored: SenderMark | undefined): void {
    if (stored?.epoch === mark.epoch && stored.through >= mark.through) return;
    let entry = this.bySender.get(from);
    if (entry && entry.epoch !== mark.epoch) {
      this.writeFrom(from);
      entry = undefined;
    }
    if (!entry) this.bySender.set(from, (entry = { epoch: mark.epoch, held: [] }));
    entry.held.push({ tag: mark.through, update });
    this.bytes += update.byteLength;
    if (this.bytes > this.maxBytes) this.writeLargest();
  }

  /** The sender's notice: what it tagged up to `mark.through` needs nothing more here. */
  confirmed(from: string, mark: SenderMark): void {
    const entry = this.bySender.get(from);
    if (!entry) return;
    // Another run of it: the one that relayed these died before storing them.
    if (entry.epoch !== mark.epoch) return this.writeFrom(from);
    const { held } = entry;
    let n = 0;
    while (n < held.length && held[n]!.tag <= mark.through)
      this.bytes -= held[n++]!.update.byteLength;
    if (n === held.length) this.bySender.delete(from);
    else held.splice(0, n);
  }

  /** The sender is gone before confirming: what it relayed is written here. */
  writeFrom(from: string): void {
    const entry = this.bySender.get(from);
    if (!entry) return;
    this.bySender.delete(from);
    for (const { update } of entry.held) this.bytes -= update.byteLength;
    this.write(entry.held.map((h) => h.update));
  }

  /** Writes everything held: this instance stops holding the room (unload, shutdown). */
  writeAll(): void {
    for (const from of [...this.bySender.keys()]) this.writeFrom(from);
  }

  private writeLargest(): void {
    const sizes = [...this.bySender].map(
      ([from, { held }]) => [from, held.reduce((n, h) => n + h.update.byteLength, 0)] as const,
    );
    for (const [from] of sizes.sort((a, b) => b[1] - a[1])) {
      if (this.bytes <= this.maxBytes) return;
      this.writeFrom(from);
    }
  }
}
