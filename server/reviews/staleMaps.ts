import {
  effectiveDays,
  remindAtOf,
  type ReviewSettingsView,
} from '../../shared/protocol/reviewSettings.js';
import type { Logger } from '../logger.js';
import type { AccountStore } from '../storage/accounts.js';
import type { ReviewSettingsRecord, ReviewStore } from '../storage/reviews.js';
import type { ReviewEvents } from './events.js';

/** Reminders sent per check at most; the rest wait for the next check. */
const REMINDERS_PER_CHECK = 500;

export interface StaleMapsDeps {
  store: ReviewStore;
  accounts: AccountStore;
  events: ReviewEvents;
  /** `REVIEW_REMINDER_DAYS`: the period of boards that set none (0: none by default). */
  defaultDays: number;
  /** Whether the person may open the board (a member of its workspace, not disabled). */
  canOpen(boardId: string, userId: string): Promise<boolean>;
  log: Logger;
  now?: () => Date;
}

/** The settings as the API shows them (W183). */
export function settingsView(
  record: ReviewSettingsRecord,
  defaultDays: number,
  canChange: boolean,
): ReviewSettingsView {
  const effective = effectiveDays(record.reminderDays, defaultDays);
  return {
    boardId: record.boardId,
    reminderDays: record.reminderDays,
    defaultReminderDays: defaultDays,
    effectiveReminderDays: effective,
    lastReviewedAt: record.lastReviewedAt,
    lastReviewId: record.lastReviewId,
    remindAt: remindAtOf(record.lastReviewedAt, effective),
    canChange,
  };
}

/**
 * Who is reminded of a stale board (W185): the people holding the board's own owner role (its
 * creator, and whoever an owner made one); when nobody does (a board made before accounts), the
 * workspace's admins, whose role on the board is owner by default. Only enabled members.
 */
export async function boardOwners(accounts: AccountStore, boardId: string): Promise<string[]> {
  const workspaceId = await accounts.boardWorkspace(boardId);
  if (!workspaceId) return [];
  const members = (await accounts.listMembers(workspaceId)).filter((m) => !m.user.disabled);
  const roles = await Promise.all(
    members.map(async (m) => ({ member: m, own: await accounts.getBoardRole(boardId, m.userId) })),
  );
  const named = roles.filter((r) => r.own === 'owner');
  const owners = named.length
    ? named
    : roles.filter((r) => r.own === null && r.member.role === 'admin');
  return owners.map((r) => r.member.userId);
}

/**
 * The stale-map check (W184): every board whose reminder period passed since its last approved
 * review (else its creation) tells its owners once. What was told is recorded after the
 * listeners finished (`markStaleReminded`), so a crash in between tells again at the next check,
 * where the inbox's key (`map-stale:<board>:<lastReviewedAt>`) makes it the same item; an
 * approval moves `lastReviewedAt` and so re-arms the reminder.
 */
export class StaleMaps {
  private readonly now: () => Date;

  constructor(private readonly deps: StaleMapsDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async check(): Promise<number> {
    const now = this.now();
    const { store, defaultDays } = this.deps;
    let reminded = 0;
    for (const board of await store.staleCandidates(defaultDays)) {
      if (reminded >= REMINDERS_PER_CHECK) break;
      const days = effectiveDays(board.reminderDays, defaultDays);
      const due = remindAtOf(board.lastReviewedAt, days);
      if (days === null || due === null || Date.parse(due) > now.getTime()) continue;
      const ownerIds: string[] = [];
      for (const id of await boardOwners(this.deps.accounts, board.boardId))
        if (await this.deps.canOpen(board.boardId, id)) ownerIds.push(id);
      await this.deps.events.emitSettled('stale', {
        boardId: board.boardId,
        title: board.title,
        ownerIds,
        lastReviewedAt: board.lastReviewedAt,
        reviewed: board.reviewed,
        days,
        at: now.toISOString(),
      });
      await store.markStaleReminded(board.boardId, board.lastReviewedAt);
      reminded++;
    }
    if (reminded > 0) this.deps.log.info({ reminded }, 'owners of stale maps reminded');
    return reminded;
  }
}
