import { jwtVerify, SignJWT } from 'jose';

/** The JWT type: a board's capability token (tokens.ts) never verifies as this, nor this as one. */
const TYPE = 'unsubscribe+jwt';

/**
 * The signed, single-purpose token of an e-mail's unsubscribe link (W177): it names one person
 * and does one thing, stop their notification e-mail, without a session. It does not expire:
 * an old e-mail's link still works.
 */
export class UnsubscribeTokens {
  constructor(private readonly secret: Uint8Array) {}

  sign(userId: string): Promise<string> {
    return new SignJWT({ p: 'unsubscribe', u: userId })
      .setProtectedHeader({ alg: 'HS256', typ: TYPE })
      .setIssuedAt()
      .sign(this.secret);
  }

  /** The person a token names, or null for anything forged, malformed or meant for another use. */
  async verify(token: string): Promise<string | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, {
        algorithms: ['HS256'],
        typ: TYPE,
      });
      const { p, u } = payload as { p?: unknown; u?: unknown };
      return p === 'unsubscribe' && typeof u === 'string' && u.length > 0 ? u : null;
    } catch {
      return null;
    }
  }
}
