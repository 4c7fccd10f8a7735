import { describe, expect, it } from 'vitest';
import { pickWorkspace } from '../../../../client/src/auth/currentWorkspace.js';
import { sortBoards } from '../../../../client/src/boards/boardList.js';
import type { ListedBoard } from '../../../../client/src/boards/knownList.js';
import {
  NO_FACETS,
  boardsInView,
  isShared,
  ownersOf,
  personasOf,
} from '../../../../client/src/boards/workspaces.js';

const ADA = { id: 'u-ada', name: 'Ada' };
const BOB = { id: 'u-bob', name: 'Bob' };

function listed(id: string, extra: Partial<ListedBoard> = {}): ListedBoard {
  return {
    id,
    title: id,
    mapType: 'current-state',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    state: 'ready',
    token: '',
    role: 'editor',
    workspace: { id: 'wa', name: 'A' },
    owner: ADA,
    sharedWithMe: false,
    seenAt: null,
    ...extra,
  };
}

const BOARDS = [
  listed('a-own'),
  listed('a-shared', {
    sharedWithMe: true,
    owner: BOB,
    mapType: 'future-state',
    persona: 'Maya',
  }),
  listed('b-own', { workspace: { id: 'wb', name: 'B' }, owner: BOB, persona: 'Claims agent' }),
  listed('b-shared', { workspace: { id: 'wb', name: 'B' }, sharedWithMe: true }),
  // Known to this browser by a link only: no workspace of the person's.
  listed('by-link', { workspace: undefined, owner: undefined, token: 'x.y.z' }),
];
const ids = (boards: ListedBoard[]) => boards.map((b) => b.id);

describe('the boards page of a workspace (W155, W156)', () => {
  it('shows the current workspace’s boards only', () => {
    expect(ids(boardsInView(BOARDS, 'wa', NO_FACETS))).toEqual(['a-own', 'a-shared']);
    expect(ids(boardsInView(BOARDS, 'wb', NO_FACETS))).toEqual(['b-own', 'b-shared']);
  });

  it('"Shared with me": board roles in this workspace and boards opened by link', () => {
    const shared = { ...NO_FACETS, sharedOnly: true };
    expect(ids(boardsInView(BOARDS, 'wa', shared))).toEqual(['a-shared', 'by-link']);
    expect(ids(boardsInView(BOARDS, 'wb', shared))).toEqual(['b-shared', 'by-link']);
    expect(isShared(BOARDS[0]!)).toBe(false);
    expect(isShared(BOARDS[4]!)).toBe(true);
  });

  it('filters by map type and owner', () => {
    expect(ids(boardsInView(BOARDS, 'wa', { ...NO_FACETS, mapType: 'future-state' }))).toEqual([
      'a-shared',
    ]);
    expect(ids(boardsInView(BOARDS, 'wb', { ...NO_FACETS, owner: BOB.id }))).toEqual(['b-own']);
    expect(ownersOf(BOARDS)).toEqual([ADA, BOB]);
  });

  it('filters by persona; boards without one (or from older servers) match only "any"', () => {
    expect(ids(boardsInView(BOARDS, 'wa', { ...NO_FACETS, persona: 'Maya' }))).toEqual([
      'a-shared',
    ]);
    expect(ids(boardsInView(BOARDS, 'wb', { ...NO_FACETS, persona: 'Maya' }))).toEqual([]);
    expect(personasOf(BOARDS)).toEqual(['Claims agent', 'Maya']);
  });

  it('without workspaces (open mode) every remembered board shows, as before', () => {
    expect(ids(boardsInView(BOARDS, null, NO_FACETS))).toEqual(ids(BOARDS));
  });

  it('recently opened first, the never opened after by last change', () => {
    const boards = [
      listed('never-old', { updatedAt: '2026-01-01T00:00:00Z' }),
      listed('seen-early', { seenAt: '2026-02-01T00:00:00Z' }),
      listed('never-new', { updatedAt: '2026-03-01T00:00:00Z' }),
      listed('seen-late', { seenAt: '2026-02-05T00:00:00Z' }),
    ];
    expect(ids(sortBoards(boards, 'opened'))).toEqual([
      'seen-late',
      'seen-early',
      'never-new',
      'never-old',
    ]);
  });

  it('the remembered workspace while it is the person’s, else their first non-guest one', () => {
    const mine = [
      { id: 'g', name: 'G', role: 'guest' as const },
      { id: 'm', name: 'M', role: 'member' as const },
    ];
    expect(pickWorkspace(mine, 'g')?.id).toBe('g');
    expect(pickWorkspace(mine, 'gone')?.id).toBe('m');
    expect(pickWorkspace(mine, null)?.id).toBe('m');
    expect(pickWorkspace([], 'm')).toBeNull();
  });
});
