import type { WebSocket } from 'ws';
import { describe, expect, it } from 'vitest';
import {
  SERVER_ORIGIN,
  STORAGE_ORIGIN,
  clientOrigin,
  originOf,
  relayOrigin,
} from '../../../server/updateOrigin.js';

describe('UpdateOrigin', () => {
  it('gives back the origins made here as they are', () => {
    const socket = {} as unknown as WebSocket;
    const client = clientOrigin(socket);
    const relay = relayOrigin('instance-b');
    expect(originOf(client)).toBe(client);
    expect(originOf(client)).toEqual({ kind: 'client', socket });
    expect(originOf(relay)).toEqual({ kind: 'relay', instanceId: 'instance-b' });
    expect(originOf(STORAGE_ORIGIN).kind).toBe('storage');
    expect(originOf(SERVER_ORIGIN).kind).toBe('server');
  });

  it("takes anything else for the server's own change, look-alikes included", () => {
    for (const other of [
      null,
      undefined,
      'journeyboard:reconcile',
      'timeout',
      {},
      { kind: 'storage' },
    ])
      expect(originOf(other)).toBe(SERVER_ORIGIN);
  });
});
