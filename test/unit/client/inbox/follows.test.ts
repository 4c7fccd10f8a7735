import { describe, expect, it } from 'vitest';
import {
  followsBoard,
  followsThread,
  withFollow,
  type Follow,
} from '../../../../client/src/inbox/follows.js';

const AT = '2026-01-01T00:00:00.000Z';
const stand = (threadId: string | null, following: boolean): Follow => ({
  userId: 'bea',
  boardId: 'b1',
  threadId,
  following,
  at: AT,
});

describe('following a board or a thread (W186)', () => {
  it('W186: a board is followed when its own stand says so', () => {
    expect(followsBoard([])).toBe(false);
    expect(followsBoard([stand(null, true)])).toBe(true);
    expect(followsBoard([stand('t1', true)])).toBe(false);
  });

  it('W186: a thread by its own stand, else by having written in it or following the board', () => {
    expect(followsThread([], 't1', false)).toBe(false);
    expect(followsThread([], 't1', true)).toBe(true);
    expect(followsThread([stand(null, true)], 't1', false)).toBe(true);
    // Unfollowing mutes it, whatever else holds.
    expect(followsThread([stand(null, true), stand('t1', false)], 't1', true)).toBe(false);
    expect(followsThread([stand('t1', true)], 't1', false)).toBe(true);
    expect(followsThread([stand('t2', true)], 't1', false)).toBe(false);
  });

  it('W186: a change reads as the server will answer it', () => {
    const change = (threadId: string | null, following: boolean) => ({
      userId: 'bea',
      boardId: 'b1',
      threadId,
      following,
    });
    // Unfollowing a thread keeps a stand (muted); unfollowing the board forgets its stand.
    expect(withFollow([stand('t1', true)], change('t1', false), AT)).toEqual([stand('t1', false)]);
    expect(withFollow([stand(null, true), stand('t1', true)], change(null, false), AT)).toEqual([
      stand('t1', true),
    ]);
    expect(withFollow([], change(null, true), AT)).toEqual([stand(null, true)]);
  });
});
