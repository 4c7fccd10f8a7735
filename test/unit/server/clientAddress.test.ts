import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientAddress } from '../../../server/sync/connection.js';

function request(peer: string, forwardedFor?: string | string[]): IncomingMessage {
  const headers = forwardedFor === undefined ? {} : { 'x-forwarded-for': forwardedFor };
  return { socket: { remoteAddress: peer }, headers } as unknown as IncomingMessage;
}

describe('clientAddress', () => {
  it('S36: is the peer unless proxies are trusted, then the entry the last trusted one added', () => {
    // No trusted proxy: whatever the header claims is ignored.
    expect(clientAddress(request('198.51.100.9', '203.0.113.7'), 0)).toBe('198.51.100.9');
    // One trusted proxy (the peer): the entry it appended, not what the client wrote before it.
    expect(clientAddress(request('10.0.0.2', 'forged, 203.0.113.7'), 1)).toBe('203.0.113.7');
    // Two: the first proxy saw the client, the second saw the first.
    expect(clientAddress(request('10.0.0.2', 'forged, 203.0.113.7, 10.0.0.1'), 2)).toBe(
      '203.0.113.7',
    );
    // Repeated headers count as one list; more hops trusted than present: the leftmost.
    expect(clientAddress(request('10.0.0.2', ['forged', '203.0.113.7']), 1)).toBe('203.0.113.7');
    expect(clientAddress(request('10.0.0.2', '203.0.113.7'), 5)).toBe('203.0.113.7');
    // A trusted proxy that sent no header: the peer.
    expect(clientAddress(request('10.0.0.2'), 1)).toBe('10.0.0.2');
  });
});
