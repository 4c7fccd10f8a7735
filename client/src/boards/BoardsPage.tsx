/** The home page at `/`: the journey maps this browser has links for, and ways to add more. */

import { useEffect, useMemo, useRef, useState, type ComponentProps } from 'react';
import { plural } from '../../../shared/model/plural.js';
import type { TemplateId } from '../../../shared/model/templates.js';
import type { BoardSummary } from '../api.js';
import { PlusIcon } from '../ui/icons.js';
import { setTheme, storedTheme, type Theme } from '../ui/theme.js';
import { useDocumentTitle } from '../ui/useDocumentTitle.js';
import { useToasts } from '../ui/toasts.js';
import { useJsonImport, type JsonImportOptions } from '../ui/useJsonImport.js';
import { useAuth, WorkspaceSwitcher } from '../auth/index.js';
import { BoardFilters } from './BoardFilters.js';
import { BoardCard } from './BoardCard.js';
import { visibleBoards } from './boardList.js';
import { BoardsTopBar } from './BoardsTopBar.js';
import { DeleteBoardDialog } from './DeleteBoardDialog.js';
import { EmptyState, NoFilteredMaps, NoResults, UnreachableState } from './EmptyState.js';
import type { ListedBoard } from './knownList.js';
import { NewBoardDialog } from './NewBoardDialog.js';
import { OpenLinkDialog } from './OpenLinkDialog.js';
import { SearchAndSort, useStoredSort } from './SearchAndSort.js';
import { SearchResults } from './SearchResults.js';
import { hasTextHits, searchBoxOf, useFullTextSearch } from './useFullTextSearch.js';
import './searchResults.css';
import { useKnownBoards } from './useKnownBoards.js';
import { useWorkspaceView } from './useWorkspaceView.js';
import { HierarchyView } from './HierarchyView.js';
import { NO_FACETS } from './workspaces.js';
import './boards.css';

type OpenDialog =
  | { kind: 'new'; template?: TemplateId }
  | { kind: 'delete'; board: ListedBoard }
  | { kind: 'open-link' };

const JSON_IMPORT: JsonImportOptions = {
  inputTestId: 'import-board-input',
  inputLabel: 'Import a journeyboard JSON file',
  importedMessage: (title) => `Imported “${title}”`,
};

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

/**
 * "/" searches, "n" starts a new map, unless the user is typing or a dialog is open; Ctrl+K
 * (⌘K) searches even while typing elsewhere.
 */
function usePageKeys(options: {
  enabled: boolean;
  canSearch: boolean;
  onSearch(): void;
  onNew(): void;
}) {
  const { enabled, canSearch, onSearch, onNew } = options;
  const latest = useRef({ onSearch, onNew });
  latest.current = { onSearch, onNew };
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!enabled || event.defaultPrevented) return;
      const commandK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'k';
      if (commandK && canSearch && !event.altKey && !event.shiftKey) {
        event.preventDefault();
        latest.current.onSearch();
        return;
      }
      if (isTyping(event.target)) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === '/' && canSearch) {
        event.preventDefault();
        latest.current.onSearch();
      } else if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        latest.current.onNew();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [enabled, canSearch]);
}

/** The page's theme and the switch between light and dark. */
function useThemeToggle(): [Theme, () => void] {
  const [theme, setThemeState] = useState<Theme>(storedTheme);
  const toggle = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    setTheme(next);
    setThemeState(next);
  };
  return [theme, toggle];
}

export function BoardsPage() {
  const toasts = useToasts();
  const { config, me } = useAuth();
  const signedIn = me !== null && config !== null && config.mode !== 'open';
  const known = useKnownBoards(signedIn);
  const { now } = known;
  const { workspace, workspaceId, facets, setFacets, boards, owners, personas, filtered } =
    useWorkspaceView(known.boards, signedIn);
  const [query, setQuery] = useState('');
  const [sort, changeSort] = useStoredSort(signedIn);
  const fullText = useFullTextSearch(query, workspaceId, signedIn);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [treeView, setTreeView] = useState(false);
  const showTree = treeView && workspaceId !== null;
  const jsonImport = useJsonImport({ ...JSON_IMPORT, workspaceId });
  const [theme, toggleTheme] = useThemeToggle();
  const searchInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useDocumentTitle('Journey maps · journeyboard');
  const hasBoards = boards.length > 0;
  // Every link failed for want of a connection: say so once instead of on every card.
  const unreachable = hasBoards && boards.every((b) => b.state === 'error');
  usePageKeys({
    enabled: dialog === null && !jsonImport.askingForToken,
    canSearch: hasBoards,
    onSearch: () => searchInput.current?.focus(),
    onNew: () => setDialog({ kind: 'new' }),
  });

  const shown = useMemo(() => visibleBoards(boards, query, sort), [boards, query, sort]);
  const filter = useMemo(() => ({ workspaceId, facets, query }), [workspaceId, facets, query]);
  const clearFilters = () => {
    setFacets(NO_FACETS);
    setQuery('');
  };

  const dropBoard = (board: ListedBoard) => {
    known.drop(board);
    // The button that did it is gone: keep focus on the page.
    requestAnimationFrame(() => {
      if (document.activeElement === document.body) heading.current?.focus();
    });
  };

  const removeBoard = (deleted: ListedBoard) => {
    setDialog(null);
    dropBoard(deleted);
    toasts.show(`Deleted “${deleted.title}”`, 'success');
  };

  const openNew = (template?: TemplateId) => setDialog({ kind: 'new', template });
  const count = boards.length;

  return (
    <div className="home">
      <BoardsTopBar
        theme={theme}
        onToggleTheme={toggleTheme}
        onOpenLink={() => setDialog({ kind: 'open-link' })}
        importing={jsonImport.importing}
        onImport={jsonImport.choose}
        onNew={() => openNew()}
      />

      <main className="home-main">
        <div className="home-heading-row">
          <div>
            <WorkspaceSwitcher placement="page" />
            <h1 ref={heading} tabIndex={-1} className="home-heading">
              Journey maps
            </h1>
            <p className="home-subheading">
              {countLine(
                showTree,
                count,
                shown.length,
                workspaceId && (workspace?.name ?? null),
                filtered,
              )}
            </p>
          </div>
          {hasBoards && (
            <SearchAndSort
              searchRef={searchInput}
              query={query}
              onQuery={setQuery}
              sort={sort}
              onSort={changeSort}
              withOpened={signedIn}
              hierarchy={workspaceId ? { on: treeView, onToggle: setTreeView } : undefined}
              fullText={signedIn ? searchBoxOf(fullText) : undefined}
            />
          )}
        </div>
        {hasBoards && <SearchResults search={fullText} query={query} />}
        {workspaceId && (
          <BoardFilters facets={facets} owners={owners} personas={personas} onChange={setFacets} />
        )}

        {unreachable && <UnreachableState problem={boards[0]?.problem} onRetry={known.refresh} />}

        {count === 0 && filtered && !showTree && (
          <NoFilteredMaps shared={facets.sharedOnly} onClear={() => setFacets(NO_FACETS)} />
        )}

        {count === 0 && !filtered && (
          <EmptyState
            onPick={openNew}
            onImport={jsonImport.choose}
            onOpenLink={() => setDialog({ kind: 'open-link' })}
          />
        )}

        {count > 0 && shown.length === 0 && !hasTextHits(fullText) && !showTree && (
          <NoResults query={query} onClear={() => setQuery('')} />
        )}

        {showTree && workspaceId && (
          <HierarchyView
            workspaceId={workspaceId}
            filter={filter}
            listed={known.boards}
            onClearFilters={clearFilters}
          />
        )}
        {shown.length > 0 && !showTree && (
          <BoardGrid
            boards={shown}
            now={now}
            withNewTile={!query.trim()}
            onNew={() => openNew()}
            onRenamed={known.replace}
            onDelete={(b) => setDialog({ kind: 'delete', board: b })}
            onForget={dropBoard}
          />
        )}
      </main>

      <PageDialog
        dialog={dialog}
        workspace={workspaceId ? workspace : null}
        onClose={() => setDialog(null)}
        onDeleted={removeBoard}
      />
      {/* Here, not in the header: the header's backdrop-filter would contain the fixed dialog. */}
      {jsonImport.element}
    </div>
  );
}

/** The open dialog, if any. */
function PageDialog(props: {
  dialog: OpenDialog | null;
  workspace: ComponentProps<typeof NewBoardDialog>['workspace'];
  onClose(): void;
  onDeleted(board: ListedBoard): void;
}) {
  const { dialog, onClose } = props;
  if (dialog?.kind === 'new')
    return (
      <NewBoardDialog
        initialTemplate={dialog.template}
        workspace={props.workspace}
        onClose={onClose}
      />
    );
  if (dialog?.kind === 'delete' && dialog.board.token !== null)
    return (
      <DeleteBoardDialog
        board={dialog.board}
        token={dialog.board.token}
        onClose={onClose}
        onDeleted={() => props.onDeleted(dialog.board)}
      />
    );
  if (dialog?.kind === 'open-link') return <OpenLinkDialog onClose={onClose} />;
  return null;
}

/**
 * The heading's count: "3 maps in Acme", "2 of 5 maps", "Nothing here yet". Over the tree, which
 * counts its own maps (W287), only what it shows: one count on screen, not two.
 */
function countLine(
  tree: boolean,
  count: number,
  shown: number,
  workspace: string | null,
  filtered: boolean,
) {
  if (tree) return `${workspace ?? 'Maps'}, by link`;
  if (count === 0)
    return workspace !== null && !filtered ? `Nothing in ${workspace} yet` : 'Nothing here yet';
  if (shown < count) return `${shown} of ${plural(count, 'map')}`;
  return workspace !== null
    ? `${plural(count, 'map')} in ${workspace}`
    : `${plural(count, 'map')} on this device`;
}

/** The maps as cards, and a "New journey map" tile at the end unless a search is on. */
function BoardGrid(props: {
  boards: readonly ListedBoard[];
  now: number;
  withNewTile: boolean;
  onNew(): void;
  onRenamed(renamed: BoardSummary): void;
  onDelete(board: ListedBoard): void;
  onForget(board: ListedBoard): void;
}) {
  return (
    <ul className="home-grid" aria-label="Journey maps">
      {props.boards.map((board) => (
        <li key={board.id} className="home-grid-item">
          <BoardCard
            board={board}
            now={props.now}
            onRenamed={props.onRenamed}
            onDelete={props.onDelete}
            onForget={props.onForget}
          />
        </li>
      ))}
      {props.withNewTile && (
        <li className="home-grid-item">
          <button
            type="button"
            className="home-new-tile"
            onClick={props.onNew}
            data-testid="new-board-tile"
          >
            <span className="home-new-tile-icon">
              <PlusIcon width={20} height={20} />
            </span>
            New journey map
          </button>
        </li>
      )}
    </ul>
  );
}
