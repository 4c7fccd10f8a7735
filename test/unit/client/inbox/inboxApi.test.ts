import { describe, expect, it } from 'vitest';
import { groupOf } from '../../../../shared/protocol/inbox.js';
import {
  bellLabel,
  describeItem,
  itemHref,
  threadParam,
  versionsParam,
  type InboxItem,
} from '../../../../client/src/inbox/inboxApi.js';

const item = (extra: Partial<InboxItem>): InboxItem => ({
  id: 'n1',
  kind: 'mention',
  boardId: 'board-123',
  boardTitle: 'Claims',
  threadId: 'thread-1',
  messageId: 'm1',
  workspaceId: null,
  actor: { id: 'ann', name: 'Ann' },
  excerpt: 'hi',
  createdAt: '2026-01-01T00:00:00.000Z',
  readAt: null,
  emailState: null,
  ...extra,
});

describe('inbox client helpers (W166)', () => {
  it('W166: names the bell with its count', () => {
    expect(bellLabel(null)).toBe('Inbox');
    expect(bellLabel(0)).toBe('Inbox, no unread items');
    expect(bellLabel(3)).toBe('Inbox, 3 unread');
  });

  it('W166: leads an item to its board at its thread, and reads the thread back from the address', () => {
    expect(itemHref(item({}))).toBe('/b/board-123?thread=thread-1');
    expect(itemHref(item({ threadId: null, kind: 'added-to-board' }))).toBe('/b/board-123');
    expect(itemHref(item({ boardId: null, threadId: null, kind: 'added-to-workspace' }))).toBe('/');
    expect(threadParam('?thread=thread-1')).toBe('thread-1');
    expect(threadParam('?thread=<script>')).toBeNull();
    expect(threadParam('')).toBeNull();
  });

  it('W184: a stale map leads to its versions panel, where its reminder is', () => {
    expect(itemHref(item({ kind: 'map-stale', threadId: null }))).toBe(
      '/b/board-123?panel=versions',
    );
    expect(versionsParam('?panel=versions')).toBe(true);
    expect(versionsParam('?panel=comments')).toBe(false);
    expect(describeItem(item({ kind: 'map-stale' }))).toBe('says this map is due for a review');
  });

  it('says what happened', () => {
    expect(describeItem(item({ kind: 'resolved' }))).toBe('resolved a thread you follow');
    expect(describeItem(item({ kind: 'reply' }))).toBe('replied in a thread you follow');
  });

  it('W300: a metric alert leads to its board at its card, and says what happened', () => {
    const alert = item({ kind: 'metric-alert', threadId: null, messageId: 'card 7' });
    expect(itemHref(alert)).toBe('/b/board-123?card=card%207');
    expect(itemHref({ ...alert, messageId: null })).toBe('/b/board-123');
    expect(describeItem(alert)).toBe('flagged a touchpoint metric on this map');
    expect(groupOf('metric-alert')).toBe('reviews');
  });
});
