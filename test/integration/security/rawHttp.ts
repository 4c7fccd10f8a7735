/**
 * HTTP/1.1 and WebSocket handshakes written byte by byte: fetch and ws normalise what they
 * send (percent-encoding, NUL, header syntax), so the requests an attacker writes by hand need
 * a socket of their own.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';

export interface RawAnswer {
  /** The HTTP status, or 0 when the server closed the connection without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
  /** A WebSocket upgrade that was accepted: the close code of the first close frame. */
  closeCode?: number;
  closeReason?: string;
  /** A WebSocket upgrade that was accepted and sent data (the sync step 1 of a joined room). */
  joined?: boolean;
}

/**
 * Reads the first WebSocket frame that says how the socket went (server frames are unmasked)
 * from the bytes after a 101: a close with its code, or data (the room was joined).
 */
function readFirstFrame(bytes: Buffer): { code: number; reason: string } | 'data' | null {
  let at = 0;
  while (at + 2 <= bytes.length) {
    const opcode = bytes[at]! & 0x0f;
    let length = bytes[at + 1]! & 0x7f;
    let start = at + 2;
    if (length === 126) {
      if (start + 2 > bytes.length) return null;
      length = bytes.readUInt16BE(start);
      start += 2;
    } else if (length === 127) {
      if (start + 8 > bytes.length) return null;
      length = Number(bytes.readBigUInt64BE(start));
      start += 8;
    }
    if (start + length > bytes.length) return null;
    if (opcode === 0x1 || opcode === 0x2) return 'data';
    if (opcode === 0x8) {
      const payload = bytes.subarray(start, start + length);
      return payload.length >= 2
        ? { code: payload.readUInt16BE(0), reason: payload.subarray(2).toString() }
        : { code: 1005, reason: '' };
    }
    at = start + length;
  }
  return null;
}

function parseAnswer(raw: Buffer): RawAnswer {
  const end = raw.indexOf('\r\n\r\n');
  if (end === -1) return { status: 0, headers: {}, body: raw.toString('latin1') };
  const [statusLine, ...lines] = raw.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine ?? '')?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0)
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = raw.subarray(end + 4);
  if (status === 101) {
    const first = readFirstFrame(rest);
    if (first === 'data') return { status, headers, body: '', joined: true };
    return {
      status,
      headers,
      body: '',
      ...(first ? { closeCode: first.code, closeReason: first.reason } : {}),
    };
  }
  let body = rest;
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
    const parts: Buffer[] = [];
    let at = 0;
    for (;;) {
      const lineEnd = body.indexOf('\r\n', at);
      if (lineEnd === -1) break;
      const size = parseInt(body.subarray(at, lineEnd).toString(), 16);
      if (!(size > 0)) break;
      parts.push(body.subarray(lineEnd + 2, lineEnd + 2 + size));
      at = lineEnd + 2 + size + 2;
    }
    body = Buffer.concat(parts);
  }
  return { status, headers, body: body.toString('utf8') };
}

/**
 * Sends `head` (request line and headers, without the blank line) and `body` exactly as given,
 * and reads until the server closes or, for an upgrade, until its first frame arrived.
 */
export function rawRequest(
  port: number,
  head: string | Buffer,
  body: Buffer | string = '',
  timeoutMs = 10_000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = () => {
      clearTimeout(timer);
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks)));
    };
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms to ${String(head).split('\r\n')[0]}`));
    }, timeoutMs);
    socket.on('connect', () => {
      socket.write(Buffer.concat([Buffer.from(head), Buffer.from('\r\n\r\n'), Buffer.from(body)]));
    });
    socket.on('data', (data: Buffer) => {
      chunks.push(data);
      const answer = parseAnswer(Buffer.concat(chunks));
      if (answer.status === 101 && (answer.closeCode !== undefined || answer.joined)) done();
      else if (answer.status > 0 && answer.status !== 101) {
        const length = Number(answer.headers['content-length']);
        const all = Buffer.concat(chunks);
        const bodyBytes = all.length - (all.indexOf('\r\n\r\n') + 4);
        if (Number.isFinite(length) && bodyBytes >= length) done();
        else if (
          /chunked/i.test(answer.headers['transfer-encoding'] ?? '') &&
          all.includes('\r\n0\r\n\r\n')
        )
          done();
      }
    });
    socket.on('error', () => done());
    socket.on('close', () => done());
  });
}

/** The headers of a WebSocket handshake (a random key each time). */
export function upgradeHeaders(): string[] {
  return [
    'Upgrade: websocket',
    'Connection: Upgrade',
    `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
    'Sec-WebSocket-Version: 13',
  ];
}

/** A request whose body is written piece by piece (e.g. all of a chunked body but its end). */
export interface OpenRequest {
  write(data: string | Buffer): Promise<void>;
  /** Resolves with the answer once the server closed the connection or sent it whole. */
  answer: Promise<RawAnswer>;
}

export function openRequest(port: number, head: string): OpenRequest {
  const socket = net.connect(port, '127.0.0.1');
  const chunks: Buffer[] = [];
  const answer = new Promise<RawAnswer>((resolve) => {
    const done = () => {
      socket.destroy();
      resolve(parseAnswer(Buffer.concat(chunks)));
    };
    socket.on('data', (data: Buffer) => {
      chunks.push(data);
      const all = Buffer.concat(chunks);
      const parsed = parseAnswer(all);
      const length = Number(parsed.headers['content-length']);
      if (parsed.status > 0 && all.length - (all.indexOf('\r\n\r\n') + 4) >= length) done();
    });
    socket.on('error', done);
    socket.on('close', done);
  });
  const write = (data: string | Buffer) =>
    new Promise<void>((resolve, reject) =>
      socket.write(data, (err) => (err ? reject(err) : resolve())),
    );
  void write(`${head}\r\n\r\n`);
  return { write, answer };
}
