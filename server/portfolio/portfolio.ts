import {
  worstTouchpoints,
  type BoardDigest,
  type DigestedBoard,
} from '../../shared/model/portfolio.js';
import { METRIC_KEYS, type MetricKey } from '../../shared/model/schema.js';
import type {
  PortfolioMap,
  PortfolioReview,
  PortfolioView,
} from '../../shared/protocol/portfolio.js';
import { effectiveDays, remindAtOf } from '../../shared/protocol/reviewSettings.js';
import type { ReachableBoard } from '../auth/workspaces.js';
import type { ReviewStanding } from '../storage/reviews.js';
import type { BoardRecord, Storage } from '../storage/storage.js';

/** Touchpoints listed per metric. */
const WORST_LISTED = 20;

export interface PortfolioDeps {
  storage: Pick<Storage, 'digests' | 'reviews' | 'listBoards'>;
  /** `REVIEW_REMINDER_DAYS`: the review period of maps that set none. */
  defaultReviewDays: number;
  now?: () => Date;
}

function reviewOf(standing: ReviewStanding | undefined): PortfolioReview {
  if (!standing?.open) return 'none';
  return standing.open.changes > 0 ? 'changes-requested' : 'in-review';
}

function overdueOf(standing: ReviewStanding | undefined, days: number, now: Date): boolean {
  if (!standing) return false;
  const remindAt = remindAtOf(standing.lastReviewedAt, effectiveDays(standing.reminderDays, days));
  const today = now.toISOString().slice(0, 10);
  const pastDue = standing.open?.dueDate != null && standing.open.dueDate < today;
  return pastDue || (remindAt !== null && Date.parse(remindAt) <= now.getTime());
}

/** Parses a stored digest; a digest this version cannot read counts as not yet computed. */
function parsedDigest(text: string): BoardDigest | null {
  try {
    const value = JSON.parse(text) as Partial<BoardDigest>;
    if (!Array.isArray(value.touchpoints) || !Array.isArray(value.hotStages)) return null;
    // A digest from before handoffs were kept reads as having none until it is recomputed.
    return { ...(value as BoardDigest), handoffs: value.handoffs ?? [] };
  } catch {
    return null;
  }
}

/**
 * The portfolio of one workspace as one caller sees it: only the maps they can open (W293),
 * read in a fixed number of queries whatever the number of maps (listing, digests, review
 * standings).
 */
export async function portfolioOf(
  deps: PortfolioDeps,
  workspaceId: string,
  reachable: readonly ReachableBoard[],
): Promise<PortfolioView> {
  const now = (deps.now ?? (() => new Date()))();
  const ids = reachable.filter((r) => r.workspace.id === workspaceId).map((r) => r.boardId);
  const open = new Set(ids);
  const owners = new Map(reachable.map((r) => [r.boardId, r.owner]));
  const [listing, digests, standings] = await Promise.all([
    deps.storage.listBoards(),
    deps.storage.digests.getDigests(ids),
    deps.storage.reviews.reviewStandings(ids),
  ]);
  const digestOf = new Map(digests.map((d) => [d.boardId, parsedDigest(d.digest)]));
  const standingOf = new Map(standings.map((s) => [s.boardId, s]));
  const boards: BoardRecord[] = listing.filter((b) => open.has(b.id));
  const maps = boards.map((b): PortfolioMap => {
    const digest = digestOf.get(b.id) ?? null;
    const standing = standingOf.get(b.id);
    return {
      boardId: b.id,
      title: b.title,
      mapType: b.mapType,
      persona: b.persona,
      owner: owners.get(b.id) ?? null,
      updatedAt: b.updatedAt,
      lastReviewedAt: standing?.lastReviewedAt ?? b.createdAt,
      reviewed: standing?.reviewed ?? false,
      review: reviewOf(standing),
      reviewDue: standing?.open?.dueDate ?? null,
      overdue: overdueOf(standing, deps.defaultReviewDays, now),
      openThreads: digest?.openThreads ?? null,
      cards: digest?.cards ?? null,
      touchpoints: digest?.touchpoints.length ?? null,
    };
  });
  const digested: DigestedBoard[] = boards.flatMap((b) => {
    const digest = digestOf.get(b.id);
    return digest ? [{ boardId: b.id, title: b.title, digest }] : [];
  });
  const worst = Object.fromEntries(
    METRIC_KEYS.map((key) => [key, worstTouchpoints(digested, key, WORST_LISTED)]),
  ) as Record<MetricKey, ReturnType<typeof worstTouchpoints>>;
  const hotStages = digested
    .flatMap(({ boardId, title, digest }) =>
      digest.hotStages.map((s) => ({ ...s, boardId, boardTitle: title })),
    )
    .sort((a, b) => b.share / b.meanShare - a.share / a.meanShare);
  const handoffs = digested
    .flatMap(({ boardId, title, digest }) =>
      digest.handoffs.map((h) => ({ ...h, boardId, boardTitle: title })),
    )
    .sort((a, b) => b.severity - a.severity || a.boardTitle.localeCompare(b.boardTitle))
    .slice(0, WORST_LISTED);
  return { workspaceId, generatedAt: now.toISOString(), maps, worst, hotStages, handoffs };
}
