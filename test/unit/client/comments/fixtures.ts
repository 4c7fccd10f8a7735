/** Shared fixtures for the comments unit tests (not a test file itself). */
import type {
  CommentAnchor,
  CommentAuthor,
  CommentMessage,
  CommentThread,
} from '../../../../shared/model/index.js';

export const ADA: CommentAuthor = { id: 'u-ada', name: 'Ada', color: '#be185d' };
export const BOB: CommentAuthor = { id: 'u-bob', name: 'Bob' };

/** Minutes after 2024-05-01T09:00Z as ISO strings. */
export const at = (minutes: number) => new Date(Date.UTC(2024, 4, 1, 9, minutes)).toISOString();

let seq = 0;

/** A message by `author` at minute `minute` (edited at `edited`, when given). */
export function msg(
  author: CommentAuthor,
  minute: number,
  extra: Partial<CommentMessage> = {},
): CommentMessage {
  return {
    id: `m${++seq}`,
    author,
    body: 'Hello',
    createdAt: at(minute),
    mentions: [],
    ...extra,
  };
}

/** A thread of the given messages; lastActivity computed as the model does. */
export function thread(
  id: string,
  messages: CommentMessage[],
  extra: Partial<Omit<CommentThread, 'messages'>> = {},
): CommentThread {
  const createdAt = messages[0]?.createdAt ?? at(0);
  const lastActivity = messages
    .map((m) => (m.editedAt && m.editedAt > m.createdAt ? m.editedAt : m.createdAt))
    .reduce((a, b) => (b > a ? b : a), createdAt);
  const anchor: CommentAnchor = { kind: 'point', x: 0, y: 0 };
  return {
    id,
    anchor,
    resolved: false,
    createdAt,
    createdBy: messages[0]?.author ?? ADA,
    messages,
    lastActivity,
    ...extra,
  };
}
