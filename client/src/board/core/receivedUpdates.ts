import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';

const MESSAGE_SYNC = 0;

/** A listener of the doc's 'update' event. */
export type UpdateListener = (update: Uint8Array, origin: unknown) => void;

/**
 * Yjs encodes every transaction once more for the doc's 'update' listeners; for what the server
 * sent, the received bytes already are that update. Applying the board's first sync (1.7 MB for
 * 5,000 cards) spent a third of its time encoding it again for the offline copy. So `listeners`
 * (which the caller took off the doc) hear every update through one listener of our own, and a
 * sync message from the server is applied without it and handed to them as received. A received
 * update may hold structs the doc already had: storing or ignoring those is harmless, as Yjs
 * updates are idempotent. Listeners added to the doc elsewhere keep hearing Yjs's own encoding.
 */
export function passReceivedUpdatesAsReceived(
  provider: WebsocketProvider,
  listeners: readonly UpdateListener[],
): void {
  const { doc } = provider;
  const fanOut = (update: Uint8Array, origin: unknown) => {
    for (const listener of listeners) listener(update, origin);
  };
  doc.on('update', fanOut);
  const handleSync = provider.messageHandlers[MESSAGE_SYNC]!;
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, handler, emitSynced, type) => {
    const received = receivedUpdate(decoder);
    if (received === null) {
      handleSync(encoder, decoder, handler, emitSynced, type);
      return;
    }
    doc.off('update', fanOut);
    let applied = false;
    const changed = (transaction: Y.Transaction) => {
      applied ||= transaction.origin === provider && hasContent(transaction);
    };
    doc.on('afterTransaction', changed);
    try {
      handleSync(encoder, decoder, handler, emitSynced, type);
    } finally {
      doc.off('afterTransaction', changed);
      doc.on('update', fanOut);
    }
    // A copy: the view's buffer is the whole message, which IndexedDB would store entire.
    if (applied) fanOut(received.slice(), provider);
  };
}

/** The update a sync message carries (step 2 or update), without consuming the decoder. */
function receivedUpdate(decoder: decoding.Decoder): Uint8Array | null {
  const peek = decoding.clone(decoder);
  const kind = decoding.readVarUint(peek);
  if (kind !== syncProtocol.messageYjsSyncStep2 && kind !== syncProtocol.messageYjsUpdate)
    return null;
  return decoding.readVarUint8Array(peek);
}

/** Whether Yjs would have emitted an update for `transaction` (new structs or deletions). */
function hasContent(transaction: Y.Transaction): boolean {
  if (transaction.deleteSet.clients.size > 0) return true;
  for (const [client, clock] of transaction.afterState)
    if (transaction.beforeState.get(client) !== clock) return true;
  return false;
}
