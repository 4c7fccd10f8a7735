import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import type { WebsocketProvider } from 'y-websocket';

const MESSAGE_AWARENESS = 1;

interface AwarenessChange {
  added: number[];
  updated: number[];
  removed: number[];
}

/**
 * y-websocket sends every awareness change it applies, everyone else's included: each presence
 * frame received is echoed back, so N people cost the server N echoes per batch. The server
 * drops them, but only our own state needs to go out.
 */
export function sendOwnAwarenessOnly(provider: WebsocketProvider): void {
  const { awareness } = provider;
  awareness.off('update', provider._awarenessUpdateHandler);
  awareness.on('update', ({ added, updated, removed }: AwarenessChange) => {
    const own = awareness.clientID;
    if (!added.includes(own) && !updated.includes(own) && !removed.includes(own)) return;
    if (!provider.wsconnected || !provider.ws) return;
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(encoder, awarenessProtocol.encodeAwarenessUpdate(awareness, [own]));
    provider.ws.send(encoding.toUint8Array(encoder));
  });
  // On reconnecting, y-websocket dropped everyone else's state and raised their clocks, so it
  // would ignore the states the server sends until each person next moves: forget those clocks.
  provider.on('status', ({ status }: { status: string }) => {
    if (status !== 'connected') return;
    for (const id of [...awareness.meta.keys()]) {
      if (id !== awareness.clientID && !awareness.states.has(id)) awareness.meta.delete(id);
    }
  });
}
