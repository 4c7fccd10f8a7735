import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  decodeRelayMessage,
  encodeRelayMessage,
  type RelayMessage,
} from '../../../../server/bus/relayMessages.js';

const bytes = fc.uint8Array({ maxLength: 40 });
const message: fc.Arbitrary<RelayMessage> = fc.oneof(
  bytes.map((update) => ({ kind: 'update' as const, update })),
  bytes.map((update) => ({ kind: 'awareness' as const, update })),
  fc.tuple(bytes, fc.boolean(), fc.boolean()).map(([stateVector, counterRequest, awareness]) => ({
    kind: 'sync-request' as const,
    stateVector,
    wants: { counterRequest, awareness },
  })),
  fc.tuple(bytes, fc.nat(), fc.nat()).map(([update, epoch, through]) => ({
    kind: 'live-update' as const,
    mark: { epoch, through },
    update,
  })),
  fc.constant({ kind: 'leave' as const }),
);

describe('relay messages', () => {
  it('round-trip', () => {
    fc.assert(
      fc.property(message, (m) => {
        expect(decodeRelayMessage(encodeRelayMessage(m))).toEqual(m);
      }),
    );
  });

  it('keep the layout other instances read: kind, the flags of a sync request, the body', () => {
    const body = new Uint8Array([7, 8, 9]);
    expect([...encodeRelayMessage({ kind: 'update', update: body })]).toEqual([0, 7, 8, 9]);
    expect([...encodeRelayMessage({ kind: 'awareness', update: body })]).toEqual([1, 7, 8, 9]);
    const request = (counterRequest: boolean, awareness: boolean) => [
      ...encodeRelayMessage({
        kind: 'sync-request',
        stateVector: body,
        wants: { counterRequest, awareness },
      }),
    ];
    expect(request(false, false)).toEqual([2, 0, 7, 8, 9]);
    expect(request(true, false)).toEqual([2, 1, 7, 8, 9]);
    expect(request(true, true)).toEqual([2, 3, 7, 8, 9]);
  });

  it("W341, W342: a live update carries its sender's epoch and writer tag; a leave is its kind alone", () => {
    const body = new Uint8Array([7, 8, 9]);
    const live = { kind: 'live-update' as const, mark: { epoch: 5, through: 300 }, update: body };
    expect([...encodeRelayMessage(live)]).toEqual([3, 5, 0xac, 0x02, 7, 8, 9]);
    expect([...encodeRelayMessage({ kind: 'leave' })]).toEqual([4]);
  });

  it('ignore kinds this version does not know, and throw on a truncated one', () => {
    expect(decodeRelayMessage(new Uint8Array([9, 1, 2]))).toBeNull();
    expect(() => decodeRelayMessage(new Uint8Array([]))).toThrow();
    expect(() => decodeRelayMessage(new Uint8Array([2]))).toThrow();
  });
});
