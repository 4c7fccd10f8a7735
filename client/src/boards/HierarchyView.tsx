import {
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { plural } from '../../../shared/model/plural.js';
import type { HierarchyNode, WorkspaceHierarchy } from '../../../shared/protocol/links.js';
import { call } from '../api.js';
import { navigate } from '../router.js';
import { SearchIcon } from '../ui/icons.js';
import { isFiltering, type BoardFilter, type FilterableBoard } from './boardFilter.js';
import {
  filterHierarchy,
  treeMove,
  visibleRows,
  type ShownNode,
  type TreeRow,
} from './hierarchyTree.js';
import './hierarchy.css';

/** A level's badge: L0 for the maps at the top, L3+ below the third level. */
const levelLabel = (level: number) => (level >= 3 ? 'L3+' : `L${level}`);

const groupId = (boardId: string) => `hierarchy-group-${boardId}`;

/** The workspace's tree as the server answers it (W245), asked again when the window regains focus. */
function useHierarchy(workspaceId: string) {
  const [roots, setRoots] = useState<HierarchyNode[] | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    const path = `/api/workspaces/${encodeURIComponent(workspaceId)}/hierarchy`;
    const load = () => {
      call<WorkspaceHierarchy>(path).then(
        (answer) => live && (setRoots(answer.roots), setFailed(null)),
        (err: unknown) => live && setFailed(err instanceof Error ? err.message : String(err)),
      );
    };
    load();
    window.addEventListener('focus', load);
    return () => {
      live = false;
      window.removeEventListener('focus', load);
    };
  }, [workspaceId]);
  return { roots, failed };
}

/** One map's row: its link is the tree item; its children follow in a group when it is open. */
function Row(props: {
  row: TreeRow;
  active: boolean;
  childRows: TreeRow[];
  renderRows(rows: TreeRow[]): ReactNode;
  onToggle(boardId: string): void;
}) {
  const { row, active } = props;
  const { node } = row;
  const href = `/b/${encodeURIComponent(node.boardId)}`;
  const parent = node.children.length > 0;
  const follow = (e: MouseEvent) => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    navigate(href);
  };
  const toggle = (e: MouseEvent) => {
    // The pointer's way to open and close; keys use → and ← on the item (W287).
    e.preventDefault();
    e.stopPropagation();
    props.onToggle(node.boardId);
  };
  return (
    <li role="none" className="hierarchy-item" data-level={node.level}>
      <a
        href={href}
        role="treeitem"
        tabIndex={active ? 0 : -1}
        aria-level={node.level + 1}
        aria-posinset={row.position}
        aria-setsize={row.siblings}
        {...(parent ? { 'aria-expanded': row.expanded } : {})}
        {...(row.expanded ? { 'aria-owns': groupId(node.boardId) } : {})}
        {...(node.match ? {} : { 'aria-describedby': 'hierarchy-context-note' })}
        className={`hierarchy-link${node.match ? '' : ' hierarchy-context'}`}
        data-testid="hierarchy-map"
        data-tree-board={node.boardId}
        data-context={node.match ? undefined : 'true'}
        onClick={follow}
      >
        {parent ? (
          <span
            className="hierarchy-toggle"
            aria-hidden="true"
            data-testid="hierarchy-toggle-branch"
            onClick={toggle}
          >
            <svg viewBox="0 0 24 24" width="16" height="16" focusable="false">
              <path d="M9 6l6 6-6 6" fill="none" stroke="currentColor" strokeWidth="2" />
            </svg>
          </span>
        ) : (
          <span className="hierarchy-toggle" aria-hidden="true" />
        )}
        <span className="hierarchy-level" aria-label={`level ${node.level}`}>
          {levelLabel(node.level)}
        </span>{' '}
        <span className="hierarchy-title">{node.title}</span>
        {!node.match && <span className="hierarchy-context-tag">context</span>}
      </a>
      {row.expanded && (
        <ul role="group" id={groupId(node.boardId)} className="hierarchy-list">
          {props.renderRows(props.childRows)}
        </ul>
      )}
    </li>
  );
}

/** The tree itself (W287): one tab stop, arrow keys per the WAI-ARIA tree pattern. */
function Tree({ roots }: { roots: readonly ShownNode[] }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const [activeId, setActiveId] = useState<string | null>(null);
  const treeRef = useRef<HTMLUListElement>(null);
  const rows = useMemo(() => visibleRows(roots, collapsed), [roots, collapsed]);
  const active = rows.find((r) => r.node.boardId === activeId) ?? rows[0];

  const toggle = (boardId: string) => {
    const next = new Set(collapsed);
    if (!next.delete(boardId)) next.add(boardId);
    setCollapsed(next);
    setActiveId(boardId);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const focusedId = (event.target as HTMLElement).dataset.treeBoard;
    if (focusedId === undefined || event.altKey || event.ctrlKey || event.metaKey) return;
    const move = treeMove(event.key, rows, focusedId);
    if (!move) return;
    event.preventDefault();
    if (move.kind === 'focus') {
      setActiveId(move.boardId);
      treeRef.current
        ?.querySelector<HTMLElement>(`[data-tree-board="${CSS.escape(move.boardId)}"]`)
        ?.focus();
    } else {
      const next = new Set(collapsed);
      if (move.kind === 'expand') next.delete(move.boardId);
      else next.add(move.boardId);
      setCollapsed(next);
    }
  };
  // Rows grouped under their parent, in screen order.
  const byParent = useMemo(() => {
    const groups = new Map<string | null, TreeRow[]>();
    for (const row of rows) groups.set(row.parentId, [...(groups.get(row.parentId) ?? []), row]);
    return groups;
  }, [rows]);
  const childrenOf = (parentId: string | null) => byParent.get(parentId) ?? [];
  const renderRows = (level: TreeRow[]): ReactNode =>
    level.map((row) => (
      <Row
        key={row.node.boardId}
        row={row}
        active={row === active}
        childRows={childrenOf(row.node.boardId)}
        renderRows={renderRows}
        onToggle={toggle}
      />
    ));
  return (
    <ul
      ref={treeRef}
      role="tree"
      aria-label="Maps and the maps they link to"
      className="hierarchy-list hierarchy-tree"
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        const id = (e.target as HTMLElement).dataset.treeBoard;
        if (id !== undefined && id !== activeId) setActiveId(id);
      }}
    >
      {renderRows(childrenOf(null))}
    </ul>
  );
}

/**
 * The workspace's maps as a tree (W245), filtered as the card grid is (W286): the maps the
 * boards page's filters match, with their ancestors greyed as context, "n of m maps", and an
 * empty state that clears the filters.
 */
export function HierarchyView(props: {
  workspaceId: string;
  filter: BoardFilter;
  /** The boards the page lists, whose map type, persona and owner the filters read. */
  listed: readonly (FilterableBoard & { id: string })[];
  onClearFilters(): void;
}) {
  const { roots, failed } = useHierarchy(props.workspaceId);
  const { filter, listed } = props;
  const byId = useMemo(() => new Map(listed.map((b) => [b.id, b])), [listed]);
  const shown = useMemo(
    () => (roots ? filterHierarchy(roots, filter, byId) : null),
    [roots, filter, byId],
  );
  if (failed) return <p className="muted">The hierarchy could not be loaded: {failed}</p>;
  if (!shown) return <p className="muted">Loading the hierarchy…</p>;
  if (shown.total === 0) return <p className="muted">No maps here yet.</p>;
  const filtering = isFiltering(filter);
  return (
    <nav className="hierarchy" aria-label="Map hierarchy" data-testid="hierarchy">
      <p className="hierarchy-count muted" aria-live="polite" data-testid="hierarchy-count">
        {filtering
          ? `${shown.matching} of ${plural(shown.total, 'map')}`
          : plural(shown.total, 'map')}
      </p>
      <p id="hierarchy-context-note" hidden>
        Shown for context: it does not match the filters, a map under it does.
      </p>
      {shown.matching === 0 ? (
        <section className="home-state home-no-results" data-testid="hierarchy-empty">
          <span className="home-state-icon">
            <SearchIcon width={28} height={28} />
          </span>
          <h2>No maps in the hierarchy match these filters</h2>
          <p className="muted">Try other words, another map type, persona or owner.</p>
          <button
            type="button"
            className="btn"
            onClick={props.onClearFilters}
            data-testid="hierarchy-clear-filters"
          >
            Clear filters
          </button>
        </section>
      ) : (
        // A new filter starts a new tree: every kept map open, the first one the tab stop.
        <Tree key={JSON.stringify(filter)} roots={shown.roots} />
      )}
    </nav>
  );
}
