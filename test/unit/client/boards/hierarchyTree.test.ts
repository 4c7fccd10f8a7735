import { describe, expect, it } from 'vitest';
import type { HierarchyNode } from '../../../../shared/protocol/links.js';
import {
  boardMatcher,
  isFiltering,
  NO_FACETS,
  type BoardFacets,
  type BoardFilter,
  type FilterableBoard,
} from '../../../../client/src/boards/boardFilter.js';
import { filterBoards } from '../../../../client/src/boards/boardList.js';
import { boardsInView } from '../../../../client/src/boards/workspaces.js';
import type { ListedBoard } from '../../../../client/src/boards/knownList.js';
import {
  filterHierarchy,
  treeMove,
  visibleRows,
  type ShownNode,
} from '../../../../client/src/boards/hierarchyTree.js';

const node = (boardId: string, level: number, children: HierarchyNode[] = []): HierarchyNode => ({
  boardId,
  title: boardId.replace(/-/g, ' '),
  level,
  children,
});

/** Lifecycle › Onboarding › (Identity check, Welcome mail); Lifecycle › Renewal; Support alone. */
const TREE: HierarchyNode[] = [
  node('Customer-lifecycle', 0, [
    node('Onboarding', 1, [node('Identity-check', 2), node('Welcome-mail', 2)]),
    node('Renewal', 1),
  ]),
  node('Support', 0),
];

function listed(id: string, extra: Partial<ListedBoard> = {}): ListedBoard {
  return {
    id,
    title: id.replace(/-/g, ' '),
    mapType: 'current-state',
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    state: 'ready',
    token: '',
    role: 'editor',
    workspace: { id: 'wa', name: 'A' },
    owner: { id: 'u-ada', name: 'Ada' },
    sharedWithMe: false,
    seenAt: null,
    ...extra,
  };
}

const LISTED = new Map<string, FilterableBoard>(
  [
    listed('Customer-lifecycle'),
    listed('Onboarding', { mapType: 'future-state', persona: 'Maya' }),
    listed('Identity-check', { mapType: 'future-state', sharedWithMe: true }),
    listed('Welcome-mail'),
    listed('Renewal', { owner: { id: 'u-bob', name: 'Bob' } }),
    // "Support" is in the tree but not (yet) in the page's list.
  ].map((b) => [b.id, b]),
);

const view = (extra: { query?: string; facets?: Partial<BoardFacets> }): BoardFilter => ({
  workspaceId: 'wa',
  query: extra.query ?? '',
  facets: { ...NO_FACETS, ...extra.facets },
});

/** The filtered tree as lines: "L1 Onboarding" for a match, "(L0 Customer lifecycle)" for context. */
const lines = (nodes: readonly ShownNode[]): string[] =>
  nodes.flatMap((n) => [
    n.match ? `L${n.level} ${n.title}` : `(L${n.level} ${n.title})`,
    ...lines(n.children),
  ]);

describe('the boards page’s one filter (W286)', () => {
  it('W286: the grid’s helpers are the same predicate the tree asks', () => {
    const boards = [...LISTED.values()] as ListedBoard[];
    const filter = view({ query: 'ONBOARD', facets: { mapType: 'future-state' } });
    const matches = boardMatcher(filter);
    const grid = filterBoards(boardsInView(boards, 'wa', filter.facets), filter.query);
    expect(grid.map((b) => b.id)).toEqual(boards.filter(matches).map((b) => b.id));
    expect(grid.map((b) => b.id)).toEqual(['Onboarding']);
  });

  it('W286: words are matched without case or accents, in any order; facets narrow', () => {
    const matches = (filter: BoardFilter, board: FilterableBoard) => boardMatcher(filter)(board);
    const cafe = listed('x', { title: 'Café onboarding' });
    expect(matches(view({ query: 'onboarding CAFE' }), cafe)).toBe(true);
    expect(matches(view({ query: 'cafe renewal' }), cafe)).toBe(false);
    expect(matches(view({ facets: { owner: 'u-bob' } }), cafe)).toBe(false);
    expect(matches(view({ facets: { sharedOnly: true } }), cafe)).toBe(false);
    expect(matches(view({}), listed('y', { workspace: { id: 'wb', name: 'B' } }))).toBe(false);
    expect(isFiltering(view({}))).toBe(false);
    expect(isFiltering(view({ query: '   ' }))).toBe(false);
    expect(isFiltering(view({ query: 'a' }))).toBe(true);
    expect(isFiltering(view({ facets: { persona: 'Maya' } }))).toBe(true);
  });
});

describe('the hierarchy, filtered (W286)', () => {
  it('W286: with no filter every map shows and counts', () => {
    const shown = filterHierarchy(TREE, view({}), LISTED);
    expect(lines(shown.roots)).toEqual([
      'L0 Customer lifecycle',
      'L1 Onboarding',
      'L2 Identity check',
      'L2 Welcome mail',
      'L1 Renewal',
      'L0 Support',
    ]);
    expect([shown.matching, shown.total]).toEqual([6, 6]);
  });

  it('W286: a deep match keeps its ancestors as uncounted context; siblings go', () => {
    const shown = filterHierarchy(TREE, view({ query: 'identity' }), LISTED);
    expect(lines(shown.roots)).toEqual([
      '(L0 Customer lifecycle)',
      '(L1 Onboarding)',
      'L2 Identity check',
    ]);
    expect([shown.matching, shown.total]).toEqual([1, 6]);
  });

  it('W286: facets read the listed board; a parent that matches is no context', () => {
    const future = filterHierarchy(TREE, view({ facets: { mapType: 'future-state' } }), LISTED);
    expect(lines(future.roots)).toEqual([
      '(L0 Customer lifecycle)',
      'L1 Onboarding',
      'L2 Identity check',
    ]);
    expect(future.matching).toBe(2);
    const bob = filterHierarchy(TREE, view({ facets: { owner: 'u-bob' } }), LISTED);
    expect(lines(bob.roots)).toEqual(['(L0 Customer lifecycle)', 'L1 Renewal']);
    const shared = filterHierarchy(TREE, view({ facets: { sharedOnly: true } }), LISTED);
    expect(lines(shared.roots)).toEqual([
      '(L0 Customer lifecycle)',
      '(L1 Onboarding)',
      'L2 Identity check',
    ]);
  });

  it('W286: a map the list does not hold matches by its title, never by a facet', () => {
    expect(lines(filterHierarchy(TREE, view({ query: 'supp' }), LISTED).roots)).toEqual([
      'L0 Support',
    ]);
    const typed = filterHierarchy(TREE, view({ facets: { mapType: 'current-state' } }), LISTED);
    expect(lines(typed.roots)).not.toContain('L0 Support');
  });

  it('W287: nothing matches: an empty tree, counted as 0 of all', () => {
    const none = filterHierarchy(TREE, view({ query: 'zebra' }), LISTED);
    expect(none.roots).toEqual([]);
    expect([none.matching, none.total]).toEqual([0, 6]);
  });
});

describe('the hierarchy’s keys (W288, WAI-ARIA tree)', () => {
  const roots = filterHierarchy(TREE, view({}), LISTED).roots;
  const ids = (collapsed: string[]) =>
    visibleRows(roots, new Set(collapsed)).map((r) => r.node.boardId);

  it('W288: rows on screen skip a collapsed map’s children, with their place among siblings', () => {
    expect(ids([])).toEqual([
      'Customer-lifecycle',
      'Onboarding',
      'Identity-check',
      'Welcome-mail',
      'Renewal',
      'Support',
    ]);
    expect(ids(['Onboarding'])).toEqual(['Customer-lifecycle', 'Onboarding', 'Renewal', 'Support']);
    const rows = visibleRows(roots, new Set());
    expect(rows.map((r) => [r.position, r.siblings, r.expanded])).toEqual([
      [1, 2, true],
      [1, 2, true],
      [1, 2, false],
      [2, 2, false],
      [2, 2, false],
      [2, 2, false],
    ]);
  });

  it('W288: ↓ ↑ Home End move between visible rows, and stop at the ends', () => {
    const rows = visibleRows(roots, new Set(['Onboarding']));
    expect(treeMove('ArrowDown', rows, 'Onboarding')).toEqual({
      kind: 'focus',
      boardId: 'Renewal',
    });
    expect(treeMove('ArrowUp', rows, 'Renewal')).toEqual({ kind: 'focus', boardId: 'Onboarding' });
    expect(treeMove('ArrowUp', rows, 'Customer-lifecycle')).toBeNull();
    expect(treeMove('ArrowDown', rows, 'Support')).toBeNull();
    expect(treeMove('End', rows, 'Onboarding')).toEqual({ kind: 'focus', boardId: 'Support' });
    expect(treeMove('Home', rows, 'Support')).toEqual({
      kind: 'focus',
      boardId: 'Customer-lifecycle',
    });
    expect(treeMove('x', rows, 'Support')).toBeNull();
  });

  it('W288: → opens a closed map, then enters it; ← closes an open map, then goes to the parent', () => {
    const closed = visibleRows(roots, new Set(['Onboarding']));
    expect(treeMove('ArrowRight', closed, 'Onboarding')).toEqual({
      kind: 'expand',
      boardId: 'Onboarding',
    });
    const open = visibleRows(roots, new Set());
    expect(treeMove('ArrowRight', open, 'Onboarding')).toEqual({
      kind: 'focus',
      boardId: 'Identity-check',
    });
    expect(treeMove('ArrowRight', open, 'Identity-check')).toBeNull();
    expect(treeMove('ArrowLeft', open, 'Welcome-mail')).toEqual({
      kind: 'focus',
      boardId: 'Onboarding',
    });
    expect(treeMove('ArrowLeft', open, 'Onboarding')).toEqual({
      kind: 'collapse',
      boardId: 'Onboarding',
    });
    expect(treeMove('ArrowLeft', closed, 'Onboarding')).toEqual({
      kind: 'focus',
      boardId: 'Customer-lifecycle',
    });
    expect(treeMove('ArrowLeft', open, 'Support')).toBeNull();
  });
});
