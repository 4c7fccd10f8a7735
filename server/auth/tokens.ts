import { jwtVerify, SignJWT } from 'jose';
import { isBoardId } from '../../shared/protocol/boardId.js';
import { ROLES, isRole, type Role } from '../../shared/protocol/roles.js';

export interface Capability {
  boardId: string;
  role: Role;
  /** The board's key version when the token was issued; rotation moves the board past it. */
  keyVersion: number;
}

export type BoardTokens = Record<Role, string>;

/** Capability tokens: HS256 JWTs naming one board, one role and a key version. No expiry. */
export class TokenIssuer {
  constructor(private readonly secret: Uint8Array) {}

  sign({ boardId, role, keyVersion }: Capability): Promise<string> {
    return new SignJWT({ b: boardId, r: role, kv: keyVersion })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuedAt()
      .sign(this.secret);
  }

  async tokensFor(boardId: string, keyVersion: number): Promise<BoardTokens> {
    const entries = await Promise.all(
      ROLES.map(async (role) => [role, await this.sign({ boardId, role, keyVersion })] as const),
    );
    return Object.fromEntries(entries) as BoardTokens;
  }

  /** The capability a token grants, or null for anything forged, malformed or foreign. */
  async verify(token: string): Promise<Capability | null> {
    try {
      const { payload } = await jwtVerify(token, this.secret, { algorithms: ['HS256'] });
      const { b, r, kv } = payload as { b?: unknown; r?: unknown; kv?: unknown };
      if (typeof b !== 'string' || !isBoardId(b) || !isRole(r) || typeof kv !== 'number')
        return null;
      return { boardId: b, role: r, keyVersion: kv };
    } catch {
      return null;
    }
  }
}
