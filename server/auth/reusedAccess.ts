import type { AccessResult } from './access.js';

/** How long a share link's admission to a board is reused for the next upgrades (S137). */
export const ACCESS_REUSE_MS = 1_000;
/** Past this many remembered admissions the oldest go first (each is one board and token). */
const MAX_REMEMBERED = 10_000;

type ShareLinkCheck = (boardId: string, token: string | undefined) => Promise<AccessResult>;

interface Remembered {
  boardId: string;
  /** When its check began (performance.now()). */
  at: number;
  result: Promise<AccessResult>;
}

/**
 * Share-link checks done once per board and token for a short while (S137): a join storm of 500
 * people (1,000 sockets, one link) costs one token verification and one board read instead of
 * one each through the storage worker. Only for open mode, where a link's answer changes only
 * when the board's links are replaced or the board is deleted: both call `forgetBoard` on every
 * instance (the registry's events, relayed over the bus), so the next upgrade checks again. A
 * refusal is never reused (a board created a moment later must open).
 */
export class ReusedAccess {
  private readonly remembered = new Map<string, Remembered>();

  constructor(
    private readonly check: ShareLinkCheck,
    private readonly onCheck: (reused: boolean) => void = () => {},
  ) {}

  /** What `token` may do on the board: reused when checked less than 1 s ago and admitted. */
  access(boardId: string, token: string | undefined): Promise<AccessResult> {
    if (!token) return this.check(boardId, token);
    const now = performance.now();
    const key = `${boardId}\n${token}`;
    const known = this.remembered.get(key);
    if (known && now - known.at < ACCESS_REUSE_MS) {
      this.onCheck(true);
      return known.result;
    }
    this.dropExpired(now);
    this.onCheck(false);
    const entry: Remembered = { boardId, at: now, result: this.check(boardId, token) };
    // Re-inserted, so the map stays in the order the checks began (dropExpired reads its head).
    this.remembered.delete(key);
    this.remembered.set(key, entry);
    const forgetRefusal = (admitted: boolean) => {
      if (!admitted && this.remembered.get(key) === entry) this.remembered.delete(key);
    };
    entry.result.then(
      (result) => forgetRefusal(result.ok),
      () => forgetRefusal(false),
    );
    return entry.result;
  }

  /** The board's links were replaced or it was deleted: its admissions are checked again. */
  forgetBoard(boardId: string): void {
    for (const [key, entry] of this.remembered)
      if (entry.boardId === boardId) this.remembered.delete(key);
  }

  private dropExpired(now: number): void {
    for (const [key, entry] of this.remembered) {
      if (now - entry.at < ACCESS_REUSE_MS && this.remembered.size < MAX_REMEMBERED) return;
      this.remembered.delete(key);
    }
  }
}
