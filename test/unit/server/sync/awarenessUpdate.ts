import { encodeAwarenessUpdate } from '../../../../server/sync/frames.js';

/** One client's entry in an awareness update: its state as JSON (`null`: removed). */
export interface EntryJson {
  clientId: number;
  clock: number;
  json: string;
}

/** An awareness update of these entries (one per client id), through the server's encoder. */
export function awarenessUpdate(entries: readonly EntryJson[]): Uint8Array {
  const byId = new Map(entries.map((e) => [e.clientId, e]));
  return encodeAwarenessUpdate(
    entries.map((e) => e.clientId),
    (id) => byId.get(id)!.clock,
    (id) => byId.get(id)!.json,
  );
}
