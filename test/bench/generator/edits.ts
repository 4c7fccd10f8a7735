/**
 * Real document edits for the edit workloads: each editor owns a Y.Doc whose client id is its
 * socket's, and an edit sets its own key of a shared map to `{ t, x, y }` (like moving an
 * item). Its own keys only, so an update never depends on content the editor has not seen.
 */
import * as Y from 'yjs';

export class Editor {
  private readonly doc = new Y.Doc();
  private readonly map: Y.Map<unknown>;
  private readonly key: string;
  private last: Uint8Array | null = null;

  constructor(clientId: number) {
    this.doc.clientID = clientId;
    this.key = `editor-${clientId}`;
    this.map = this.doc.getMap('bench');
    this.doc.on('update', (update: Uint8Array) => {
      this.last = update;
    });
  }

  /** The update of one edit carrying `t` (generator ms), and the clock of its item. */
  edit(t: number): { update: Uint8Array; clock: number } {
    this.last = null;
    const clock = Y.getState(this.doc.store, this.doc.clientID);
    this.map.set(this.key, { t, x: Math.round(Math.random() * 4000), y: 0 });
    if (!this.last) throw new Error('an edit produced no update');
    return { update: this.last, clock };
  }
}

/** Calls `visit` with (sender client id, clock, t) for every timestamped value in an update. */
export function forEachEditStamp(
  update: Uint8Array,
  visit: (clientId: number, clock: number, t: number) => void,
): void {
  for (const struct of Y.decodeUpdate(update).structs) {
    if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentAny)) continue;
    const value = struct.content.arr[0] as { t?: unknown } | undefined;
    if (typeof value?.t === 'number') visit(struct.id.client, struct.id.clock, value.t);
  }
}
