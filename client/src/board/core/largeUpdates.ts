import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { splitUpdate } from '../../../../shared/protocol/splitUpdate.js';

const MESSAGE_SYNC = 0;
/**
 * Far below the server's message limit (16 MiB by default), and small enough to apply in a
 * few tens of milliseconds there, so other sockets are served between pieces.
 */
export const UPDATE_PIECE_BYTES = 256 << 10;

/**
 * Returns the doc's 'update' listener it added (see receivedUpdates.ts).
 *
 * y-websocket sends each local transaction, and all it holds that the server lacks (an offline
 * backlog), as one message each. A message over the server's limit can never be delivered and
 * would be sent again on every connect, blocking every later edit; so large ones go in pieces.
 */
export function sendLargeUpdatesInPieces(
  provider: WebsocketProvider,
  pieceBytes = UPDATE_PIECE_BYTES,
): (update: Uint8Array, origin: unknown) => void {
  const { doc } = provider;
  const sendUpdate = provider._updateHandler;
  doc.off('update', sendUpdate);
  const sendInPieces = (update: Uint8Array, origin: unknown) => {
    // What the server sent is never sent back (the provider drops it too): splitting the
    // board's whole first sync only to drop the pieces cost more than applying it.
    if (origin === provider) return;
    for (const piece of splitUpdate(update, pieceBytes)) sendUpdate(piece, origin);
  };
  doc.on('update', sendInPieces);

  const handleSync = provider.messageHandlers[MESSAGE_SYNC]!;
  provider.messageHandlers[MESSAGE_SYNC] = (encoder, decoder, handler, emitSynced, type) => {
    if (decoding.peekVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) {
      handleSync(encoder, decoder, handler, emitSynced, type);
      return;
    }
    decoding.readVarUint(decoder);
    const stateVector = decoding.readVarUint8Array(decoder);
    const [first, ...rest] = splitUpdate(Y.encodeStateAsUpdate(doc, stateVector), pieceBytes);
    // The provider sends the first piece as our sync step 2 once this returns; the rest follow.
    encoding.writeVarUint(encoder, MESSAGE_SYNC);
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, first!);
    if (rest.length > 0) queueMicrotask(() => rest.forEach((piece) => sendUpdate(piece, null)));
  };
  return sendInPieces;
}
