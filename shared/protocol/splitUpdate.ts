import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';

/** A run of structs of one client with consecutive clocks, already encoded (update format v1). */
interface Run {
  client: number;
  clock: number;
  length: number;
  structs: Uint8Array[];
}

/** Deleted ranges of one client. */
type Deletes = [client: number, ranges: readonly { clock: number; len: number }[]];

/** Varints around each run (count, client, clock) at their largest. */
const RUN_HEADER_BYTES = 15;
/** Varints of a piece: how many runs, how many clients with deletions. */
const PIECE_HEADER_BYTES = 10;

function encodeStruct(struct: Y.Item | Y.GC): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  struct.write(encoder, 0);
  return encoder.toUint8Array();
}

function writeUpdate(runs: readonly Run[], deletes: readonly Deletes[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(encoder, run.structs.length);
    encoding.writeVarUint(encoder, run.client);
    encoding.writeVarUint(encoder, run.clock);
    for (const bytes of run.structs) encoding.writeUint8Array(encoder, bytes);
  }
  encoding.writeVarUint(encoder, deletes.length);
  for (const [client, ranges] of deletes) {
    encoding.writeVarUint(encoder, client);
    encoding.writeVarUint(encoder, ranges.length);
    for (const { clock, len } of ranges) {
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarUint(encoder, len);
    }
  }
  return encoding.toUint8Array(encoder);
}

/**
 * Splits a Yjs update (v1) into updates of at most about `maxBytes` each that, applied in
 * order, do what it does: whole structs per piece (a single struct larger than `maxBytes`
 * travels alone), then the deletions. A piece whose structs depend on a later one waits in the
 * receiver until that one arrives, as any update with missing dependencies does.
 */
export function splitUpdate(update: Uint8Array, maxBytes: number): Uint8Array[] {
  if (update.byteLength <= maxBytes) return [update];
  const { structs, ds } = Y.decodeUpdate(update);
  const pieces: Uint8Array[] = [];
  let runs: Run[] = [];
  let bytes = PIECE_HEADER_BYTES;
  const flush = () => {
    if (runs.length > 0) pieces.push(writeUpdate(runs, []));
    runs = [];
    bytes = PIECE_HEADER_BYTES;
  };
  for (const struct of structs) {
    if (struct instanceof Y.Skip) continue;
    const encoded = encodeStruct(struct);
    const { client, clock } = struct.id;
    let run = runs.find((r) => r.client === client);
    // A client may appear once per update: a gap in its clocks starts a new piece.
    if (run && run.clock + run.length !== clock) flush();
    const cost = encoded.byteLength + (run ? 0 : RUN_HEADER_BYTES);
    if (runs.length > 0 && bytes + cost > maxBytes) flush();
    run = runs.find((r) => r.client === client);
    if (!run) {
      run = { client, clock, length: 0, structs: [] };
      runs.push(run);
      bytes += RUN_HEADER_BYTES;
    }
    run.structs.push(encoded);
    run.length += struct.length;
    bytes += encoded.byteLength;
  }
  flush();
  let deletes: Deletes[] = [];
  let deleteBytes = PIECE_HEADER_BYTES;
  for (const [client, ranges] of ds.clients) {
    const size = RUN_HEADER_BYTES + ranges.length * 10;
    if (deletes.length > 0 && deleteBytes + size > maxBytes) {
      pieces.push(writeUpdate([], deletes));
      deletes = [];
      deleteBytes = PIECE_HEADER_BYTES;
    }
    deletes.push([client, ranges]);
    deleteBytes += size;
  }
  if (deletes.length > 0 || pieces.length === 0) pieces.push(writeUpdate([], deletes));
  return pieces;
}
