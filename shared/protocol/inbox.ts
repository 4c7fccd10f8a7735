/**
 * What an inbox item is, for the server that makes and mails it and the client that lists it:
 * its kinds, what each says happened, where it leads, and which e-mail preference covers it.
 */

export const NOTIFICATION_KINDS = [
  'mention',
  'reply',
  'resolved',
  'reopened',
  'added-to-workspace',
  'added-to-board',
  'review-requested',
  'review-answered',
  'review-approved',
  'review-cancelled',
  'review-overdue',
  'map-stale',
  'metric-alert',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** What an item says happened, after the actor's name ("Anna mentioned you"). */
export function describeKind(kind: NotificationKind): string {
  switch (kind) {
    case 'mention':
      return 'mentioned you';
    case 'reply':
      return 'replied in a thread you follow';
    case 'resolved':
      return 'resolved a thread you follow';
    case 'reopened':
      return 'reopened a thread you follow';
    case 'added-to-workspace':
      return 'added you to a workspace';
    case 'added-to-board':
      return 'gave you a role on a board';
    case 'review-requested':
      return 'asked you to review a map';
    case 'review-answered':
      return 'answered your review request';
    case 'review-approved':
      return 'approved a map under review';
    case 'review-cancelled':
      return 'withdrew a review request';
    case 'review-overdue':
      return 'is still waiting for your review';
    case 'map-stale':
      return 'says this map is due for a review';
    case 'metric-alert':
      return 'flagged a touchpoint metric on this map';
  }
}

/**
 * Where an item leads, as a path of the app: the board, at its thread when it has one (W166),
 * at its card for a metric alert (W300: the card's id rides in `messageId`).
 */
export function itemPath(item: {
  kind: NotificationKind;
  boardId: string | null;
  threadId: string | null;
  messageId?: string | null;
}): string | null {
  if (!item.boardId) return item.kind === 'added-to-workspace' ? '/' : null;
  const board = `/b/${encodeURIComponent(item.boardId)}`;
  // A stale map opens where its review history and reminder are (W184).
  if (item.kind === 'map-stale') return `${board}?panel=versions`;
  if (item.kind === 'metric-alert' && item.messageId)
    return `${board}?card=${encodeURIComponent(item.messageId)}`;
  return item.threadId ? `${board}?thread=${encodeURIComponent(item.threadId)}` : board;
}

/** How a person wants the items of one group by e-mail (W174). */
export const MAIL_MODES = ['immediately', 'digest', 'daily', 'never'] as const;
export type MailMode = (typeof MAIL_MODES)[number];

export const MAIL_GROUP_NAMES = [
  'mentions',
  'replies',
  'threads',
  'reviews',
  'review-answers',
  'access',
] as const;
/** The groups a person sets a mode for: kinds a person would not tell apart share one. */
export type MailGroup = (typeof MAIL_GROUP_NAMES)[number];

const GROUP_OF: Record<NotificationKind, MailGroup> = {
  mention: 'mentions',
  reply: 'replies',
  resolved: 'threads',
  reopened: 'threads',
  'review-requested': 'reviews',
  'review-overdue': 'reviews',
  'map-stale': 'reviews',
  'metric-alert': 'reviews',
  'review-answered': 'review-answers',
  'review-approved': 'review-answers',
  'review-cancelled': 'review-answers',
  'added-to-workspace': 'access',
  'added-to-board': 'access',
};

export const groupOf = (kind: NotificationKind): MailGroup => GROUP_OF[kind];

export type MailModes = Record<MailGroup, MailMode>;

/** Until a person chooses: everything batched (one e-mail for a burst, W175). */
export const DEFAULT_MAIL_MODES: MailModes = {
  mentions: 'digest',
  replies: 'digest',
  threads: 'digest',
  reviews: 'digest',
  'review-answers': 'digest',
  access: 'digest',
};

/** The labels the settings page and the unsubscribe page show. */
export const MAIL_GROUP_LABELS: Record<MailGroup, string> = {
  mentions: 'Someone @mentions you',
  replies: 'Replies in threads you follow',
  threads: 'Threads you follow resolved or reopened',
  reviews: 'Review requests, overdue and stale-map reminders, metric alerts',
  'review-answers': 'Answers to your review requests',
  access: 'You are added to a workspace or board',
};

export const MAIL_MODE_LABELS: Record<MailMode, string> = {
  immediately: 'At once',
  digest: 'Batched (a few minutes)',
  daily: 'Daily summary at 09:00',
  never: 'Never',
};
