/**
 * The Hierarchy view's pure parts (W286–W288): the workspace's tree cut down to the maps the
 * boards page's filters match, with their ancestors kept as context, and the WAI-ARIA tree's
 * keyboard moves over the rows on screen. No DOM, no React.
 */

import type { HierarchyNode } from '../../../shared/protocol/links.js';
import { boardMatcher, type BoardFilter, type FilterableBoard } from './boardFilter.js';

/** A map in the filtered tree: `match` false when it is shown only as a matching map's ancestor. */
export interface ShownNode {
  boardId: string;
  title: string;
  level: number;
  match: boolean;
  children: ShownNode[];
}

export interface FilteredHierarchy {
  roots: ShownNode[];
  /** Maps the filters match (context ancestors not counted). */
  matching: number;
  /** Every map in the workspace's tree. */
  total: number;
}

/**
 * The tree with only the maps `filter` matches and their ancestors (W286). A map is read as the
 * boards page lists it (`listed`, by id); one the list does not hold yet is a workspace map
 * known by its title only, which no facet matches.
 */
export function filterHierarchy(
  roots: readonly HierarchyNode[],
  filter: BoardFilter,
  listed: ReadonlyMap<string, FilterableBoard>,
): FilteredHierarchy {
  const matches = boardMatcher(filter);
  const workspace =
    filter.workspaceId === null ? {} : { workspace: { id: filter.workspaceId, name: '' } };
  let matching = 0;
  let total = 0;
  const keep = (node: HierarchyNode): ShownNode | null => {
    total++;
    const board: FilterableBoard = listed.get(node.boardId) ?? {
      title: node.title,
      token: '',
      ...workspace,
    };
    const match = matches(board);
    if (match) matching++;
    const children = node.children.map(keep).filter((n): n is ShownNode => n !== null);
    if (!match && children.length === 0) return null;
    return { boardId: node.boardId, title: node.title, level: node.level, match, children };
  };
  const kept = roots.map(keep).filter((n): n is ShownNode => n !== null);
  return { roots: kept, matching, total };
}

/** One row of the tree as it stands on screen. */
export interface TreeRow {
  node: ShownNode;
  parentId: string | null;
  expanded: boolean;
  /** 1-based, as `aria-posinset` and `aria-setsize` count. */
  position: number;
  siblings: number;
}

/** The rows on screen, in order: a collapsed map's children are not. */
export function visibleRows(
  roots: readonly ShownNode[],
  collapsed: ReadonlySet<string>,
): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (nodes: readonly ShownNode[], parentId: string | null) =>
    nodes.forEach((node, i) => {
      const expanded = node.children.length > 0 && !collapsed.has(node.boardId);
      rows.push({ node, parentId, expanded, position: i + 1, siblings: nodes.length });
      if (expanded) walk(node.children, node.boardId);
    });
  walk(roots, null);
  return rows;
}

/** What a key does on the focused row (W287); null for a key the tree leaves alone. */
export type TreeMove =
  | { kind: 'focus'; boardId: string }
  | { kind: 'expand'; boardId: string }
  | { kind: 'collapse'; boardId: string };

/**
 * The WAI-ARIA tree pattern's keys: ↓/↑ the next/previous row, → opens a closed map or moves
 * to its first child, ← closes an open map or moves to its parent, Home/End the first/last
 * row. A move that goes nowhere (↑ on the first row) is null too.
 */
export function treeMove(
  key: string,
  rows: readonly TreeRow[],
  focusedId: string,
): TreeMove | null {
  const at = rows.findIndex((r) => r.node.boardId === focusedId);
  const row = rows[at];
  if (!row) return null;
  const focus = (r: TreeRow | undefined): TreeMove | null =>
    r && r !== row ? { kind: 'focus', boardId: r.node.boardId } : null;
  const hasChildren = row.node.children.length > 0;
  switch (key) {
    case 'ArrowDown':
      return focus(rows[at + 1]);
    case 'ArrowUp':
      return focus(rows[at - 1]);
    case 'Home':
      return focus(rows[0]);
    case 'End':
      return focus(rows[rows.length - 1]);
    case 'ArrowRight':
      if (!hasChildren) return null;
      return row.expanded ? focus(rows[at + 1]) : { kind: 'expand', boardId: row.node.boardId };
    case 'ArrowLeft':
      if (row.expanded) return { kind: 'collapse', boardId: row.node.boardId };
      return focus(rows.find((r) => r.node.boardId === row.parentId));
    default:
      return null;
  }
}
