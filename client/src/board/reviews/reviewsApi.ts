/** Review requests' REST API (docs/WIRE.md W167–W171); sent with the session cookie. */
import type { ReviewSettingsView } from '../../../../shared/protocol/reviewSettings.js';
import type { ReviewView, Verdict } from '../../../../shared/protocol/reviews.js';
import { call } from '../../api.js';

export type { ReviewSettingsView, ReviewView, Verdict };

const reviewsPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/reviews`;
const reviewPath = (boardId: string, reviewId: string) =>
  `${reviewsPath(boardId)}/${encodeURIComponent(reviewId)}`;

const changed = new Set<() => void>();

/** Calls `listener` whenever this page asked for, answered or cancelled a review. */
export function onReviewsChanged(listener: () => void): () => void {
  changed.add(listener);
  return () => changed.delete(listener);
}

function announce<T>(result: T): T {
  for (const listener of changed) listener();
  return result;
}

export const reviewsApi = {
  list: async (boardId: string) =>
    (await call<{ reviews: ReviewView[] }>(reviewsPath(boardId))).reviews,
  request: async (
    boardId: string,
    body: { reviewerIds: string[]; dueDate: string | null; message: string },
  ) =>
    announce(
      await call<ReviewView>(reviewsPath(boardId), {
        method: 'POST',
        body: JSON.stringify(body),
      }),
    ),
  answer: async (boardId: string, reviewId: string, verdict: Verdict, comment: string) =>
    announce(
      await call<ReviewView>(`${reviewPath(boardId, reviewId)}/answers`, {
        method: 'POST',
        body: JSON.stringify(comment ? { verdict, comment } : { verdict }),
      }),
    ),
  cancel: async (boardId: string, reviewId: string) =>
    announce(await call<ReviewView>(reviewPath(boardId, reviewId), { method: 'DELETE' })),
  /** When the map was last reviewed and its reminder period (W183). */
  settings: (boardId: string) =>
    call<ReviewSettingsView>(`/api/boards/${encodeURIComponent(boardId)}/review-settings`),
  /** A board owner's change: days, 0 (off) or null (the server's default). */
  setReminderDays: (boardId: string, reminderDays: number | null) =>
    call<ReviewSettingsView>(`/api/boards/${encodeURIComponent(boardId)}/review-settings`, {
      method: 'PUT',
      body: JSON.stringify({ reminderDays }),
    }),
  timeZone: async () => (await call<{ timeZone: string | null }>('/api/me/time-zone')).timeZone,
  setTimeZone: (timeZone: string | null) =>
    call<{ timeZone: string | null }>('/api/me/time-zone', {
      method: 'PUT',
      body: JSON.stringify({ timeZone }),
    }),
};

/** The browser's IANA time zone, if it says. */
export function browserTimeZone(): string | null {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** "Fri 11 Dec" for a YYYY-MM-DD due date (a calendar date: no time zone shift). */
export function dueLabel(date: string): string {
  return new Date(`${date}T12:00:00Z`).toLocaleDateString('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
}

export const STATUS_LABELS: Record<ReviewView['reviewers'][number]['status'], string> = {
  pending: 'Not answered yet',
  approved: 'Approved',
  changes: 'Requested changes',
  commented: 'Commented',
};

export const VERDICT_LABELS: Record<Verdict, string> = {
  approve: 'approved',
  changes: 'requested changes',
  comment: 'commented',
};
