/** The home page at `/`: every journey map on this server, and the ways to make a new one. */

import { useCallback, useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { TEMPLATES, type TemplateId } from '../../../shared/model/templates.js';
import { api, type BoardSummary } from '../api.js';
import { navigate } from '../router.js';
import { setTheme, storedTheme, type Theme } from '../ui/theme.js';
import { useToasts } from '../ui/toasts.js';
import { BoardCard } from './BoardCard.js';
import {
  SORT_KEYS,
  SORT_LABELS,
  errorMessage,
  parseImportText,
  parseSortKey,
  visibleBoards,
  type SortKey,
} from './boardList.js';
import { DeleteBoardDialog } from './DeleteBoardDialog.js';
import {
  CloudOffIcon,
  LogoMark,
  MoonIcon,
  PlusIcon,
  RetryIcon,
  SearchIcon,
  Spinner,
  SunIcon,
  UploadIcon,
} from '../ui/icons.js';
import { MapThumb } from './MapThumb.js';
import { NewBoardDialog } from './NewBoardDialog.js';
import './boards.css';

const SORT_STORAGE_KEY = 'journeyboard:boards-sort';

type Load =
  | { state: 'loading' }
  | { state: 'error'; message: string }
  | { state: 'ready'; boards: BoardSummary[] };

type OpenDialog = { kind: 'new'; template?: TemplateId } | { kind: 'delete'; board: BoardSummary };

function readSort(): SortKey {
  try {
    return parseSortKey(localStorage.getItem(SORT_STORAGE_KEY));
  } catch {
    return 'updated';
  }
}

function isTyping(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
  );
}

export function BoardsPage() {
  const toasts = useToasts();
  const [load, setLoad] = useState<Load>({ state: 'loading' });
  const [now, setNow] = useState(() => Date.now());
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>(readSort);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const [importing, setImporting] = useState(false);
  const [theme, setThemeState] = useState<Theme>(storedTheme);
  const fileInput = useRef<HTMLInputElement>(null);
  const searchInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const fetchBoards = useCallback(async (quiet: boolean) => {
    if (!quiet) setLoad({ state: 'loading' });
    try {
      const boards = await api.listBoards();
      setNow(Date.now());
      setLoad({ state: 'ready', boards });
    } catch (err) {
      // A background refresh that fails leaves the list as it was.
      if (!quiet) setLoad({ state: 'error', message: errorMessage(err) });
    }
  }, []);

  useEffect(() => {
    void fetchBoards(false);
  }, [fetchBoards]);

  // Keep "5 min ago" honest, and pick up changes made elsewhere when the tab comes back.
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    const onVisible = () => {
      if (document.visibilityState === 'visible') void fetchBoards(true);
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
    };
  }, [fetchBoards]);

  useEffect(() => {
    const previous = document.title;
    document.title = 'Journey maps · journeyboard';
    return () => {
      document.title = previous;
    };
  }, []);

  const boards = load.state === 'ready' ? load.boards : null;
  const hasBoards = (boards?.length ?? 0) > 0;

  // "/" searches, "n" starts a new map, unless the user is typing or a dialog is open.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialog || event.defaultPrevented || isTyping(event.target)) return;
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (event.key === '/' && hasBoards) {
        event.preventDefault();
        searchInput.current?.focus();
      } else if (event.key === 'n' || event.key === 'N') {
        event.preventDefault();
        setDialog({ kind: 'new' });
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, hasBoards]);

  const shown = useMemo(
    () => (boards ? visibleBoards(boards, query, sort) : []),
    [boards, query, sort],
  );

  const changeSort = (next: SortKey) => {
    setSort(next);
    try {
      localStorage.setItem(SORT_STORAGE_KEY, next);
    } catch {
      // Private mode: the choice lasts until reload.
    }
  };

  const toggleTheme = () => {
    const next = theme === 'dark' ? 'light' : 'dark';
    setTheme(next);
    setThemeState(next);
  };

  const importFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again fires change again
    if (!file) return;
    setImporting(true);
    try {
      const parsed = parseImportText(await file.text(), `“${file.name}”`);
      if (!parsed.ok) {
        toasts.show(parsed.message, 'error');
        return;
      }
      const board = await api.importBoard(parsed.value);
      toasts.show(`Imported “${board.title}”`, 'success');
      navigate(`/b/${board.id}`);
    } catch (err) {
      toasts.show(`Could not import “${file.name}”: ${errorMessage(err)}`, 'error');
    } finally {
      setImporting(false);
    }
  };

  const replaceBoard = (renamed: BoardSummary) =>
    setLoad((current) =>
      current.state === 'ready'
        ? {
            ...current,
            boards: current.boards.map((b) => (b.id === renamed.id ? { ...b, ...renamed } : b)),
          }
        : current,
    );

  const removeBoard = (deleted: BoardSummary) => {
    setLoad((current) =>
      current.state === 'ready'
        ? { ...current, boards: current.boards.filter((b) => b.id !== deleted.id) }
        : current,
    );
    setDialog(null);
    toasts.show(`Deleted “${deleted.title}”`, 'success');
    // The delete button that opened the dialog is gone: keep focus on the page.
    requestAnimationFrame(() => {
      if (document.activeElement === document.body) heading.current?.focus();
    });
  };

  const openNew = (template?: TemplateId) => setDialog({ kind: 'new', template });
  const count = boards?.length ?? 0;

  return (
    <div className="home">
      <header className="home-topbar">
        <div className="home-topbar-inner">
          <a
            className="home-brand"
            href="/"
            onClick={(e) => {
              e.preventDefault();
              navigate('/');
            }}
          >
            <LogoMark />
            <span className="home-brand-name">journeyboard</span>
          </a>
          <div className="home-topbar-actions">
            <button
              type="button"
              className="btn btn-ghost btn-icon"
              onClick={toggleTheme}
              aria-label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
              title={theme === 'dark' ? 'Light theme' : 'Dark theme'}
              data-testid="theme-toggle"
            >
              {theme === 'dark' ? <SunIcon /> : <MoonIcon />}
            </button>
            <button
              type="button"
              className="btn"
              onClick={() => fileInput.current?.click()}
              disabled={importing}
              aria-busy={importing || undefined}
              data-testid="import-board"
            >
              {importing ? <Spinner /> : <UploadIcon />}
              <span className="home-label-narrow">{importing ? 'Importing…' : 'Import JSON'}</span>
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".json,application/json"
              hidden
              data-testid="import-board-input"
              aria-label="Import a journeyboard JSON file"
              onChange={(e) => void importFile(e)}
            />
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => openNew()}
              data-testid="new-board"
              title="New journey map (N)"
            >
              <PlusIcon />
              <span>
                New<span className="home-label-narrow"> journey map</span>
              </span>
            </button>
          </div>
        </div>
      </header>

      <main className="home-main">
        <div className="home-heading-row">
          <div>
            <h1 ref={heading} tabIndex={-1} className="home-heading">
              Journey maps
            </h1>
            <p className="home-subheading">
              {load.state === 'ready'
                ? count === 0
                  ? 'Nothing here yet'
                  : shown.length === count
                    ? `${count} ${count === 1 ? 'map' : 'maps'}`
                    : `${shown.length} of ${count} maps`
                : load.state === 'loading'
                  ? 'Loading…'
                  : 'Not loaded'}
            </p>
          </div>
          {hasBoards && (
            <div className="home-toolbar">
              <label className="home-search">
                <span className="home-sr-only">Search maps by title</span>
                <SearchIcon className="home-search-icon" />
                <input
                  ref={searchInput}
                  type="search"
                  className="input home-search-input"
                  placeholder="Search maps"
                  value={query}
                  onChange={(e) => setQuery(e.target.value)}
                  onKeyDown={(e) => {
                    if (e.key === 'Escape' && query) {
                      e.preventDefault();
                      setQuery('');
                    }
                  }}
                  data-testid="board-search"
                />
                {!query && (
                  <kbd className="kbd home-search-kbd" aria-hidden="true">
                    /
                  </kbd>
                )}
              </label>
              <label className="home-sort">
                <span className="home-sort-label">Sort</span>
                <select
                  className="select home-sort-select"
                  value={sort}
                  onChange={(e) => changeSort(parseSortKey(e.target.value))}
                  data-testid="board-sort"
                >
                  {SORT_KEYS.map((key) => (
                    <option key={key} value={key}>
                      {SORT_LABELS[key]}
                    </option>
                  ))}
                </select>
              </label>
            </div>
          )}
        </div>

        {load.state === 'loading' && <SkeletonGrid />}

        {load.state === 'error' && (
          <section
            className="home-state home-error"
            role="alert"
            aria-labelledby="home-error-title"
          >
            <span className="home-state-icon">
              <CloudOffIcon width={28} height={28} />
            </span>
            <h2 id="home-error-title">Can’t load your journey maps</h2>
            <p className="muted">{load.message}</p>
            <button
              type="button"
              className="btn btn-primary"
              onClick={() => void fetchBoards(false)}
              data-testid="retry-load"
            >
              <RetryIcon />
              Retry
            </button>
          </section>
        )}

        {load.state === 'ready' && count === 0 && (
          <EmptyState onPick={openNew} onImport={() => fileInput.current?.click()} />
        )}

        {load.state === 'ready' && count > 0 && shown.length === 0 && (
          <section className="home-state home-no-results">
            <span className="home-state-icon">
              <SearchIcon width={28} height={28} />
            </span>
            <h2>No maps match “{query.trim()}”</h2>
            <p className="muted">Search looks at titles. Try fewer or different words.</p>
            <button type="button" className="btn" onClick={() => setQuery('')}>
              Clear search
            </button>
          </section>
        )}

        {shown.length > 0 && (
          <ul className="home-grid" aria-label="Journey maps">
            {shown.map((board) => (
              <li key={board.id} className="home-grid-item">
                <BoardCard
                  board={board}
                  now={now}
                  onRenamed={replaceBoard}
                  onDelete={(b) => setDialog({ kind: 'delete', board: b })}
                />
              </li>
            ))}
            {!query.trim() && (
              <li className="home-grid-item">
                <button
                  type="button"
                  className="home-new-tile"
                  onClick={() => openNew()}
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
        )}
      </main>

      {dialog?.kind === 'new' && (
        <NewBoardDialog initialTemplate={dialog.template} onClose={() => setDialog(null)} />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteBoardDialog
          board={dialog.board}
          onClose={() => setDialog(null)}
          onDeleted={removeBoard}
        />
      )}
    </div>
  );
}

function SkeletonGrid() {
  return (
    <>
      <span className="home-sr-only" role="status">
        Loading journey maps…
      </span>
      <ul className="home-grid" aria-hidden="true" data-testid="boards-loading">
        {Array.from({ length: 6 }, (_, i) => (
          <li key={i} className="home-grid-item">
            <div className="home-card home-skeleton">
              <div className="home-card-thumb home-skeleton-block" />
              <div className="home-card-body">
                <span className="home-skeleton-line" style={{ width: '32%' }} />
                <span className="home-skeleton-line home-skeleton-title" style={{ width: '78%' }} />
                <span className="home-skeleton-line" style={{ width: '56%' }} />
              </div>
            </div>
          </li>
        ))}
      </ul>
    </>
  );
}

function EmptyState({
  onPick,
  onImport,
}: {
  onPick(template: TemplateId): void;
  onImport(): void;
}) {
  return (
    <section className="home-empty" aria-labelledby="home-empty-title" data-testid="boards-empty">
      <div className="home-empty-intro">
        <h2 id="home-empty-title">Create your first journey map</h2>
        <p className="muted">
          Start from a complete example (persona, stages, emotions, pain points and metrics), then
          make it yours. Everyone with the link edits it with you in real time.
        </p>
      </div>
      <ul className="home-empty-templates">
        {TEMPLATES.map((template) => (
          <li key={template.id}>
            <button
              type="button"
              className={`home-empty-tile mt-${template.id}`}
              onClick={() => onPick(template.id)}
              data-testid={`empty-template-${template.id}`}
            >
              <span className="home-empty-tile-thumb">
                <MapThumb mapType={template.id} />
              </span>
              <span className="home-empty-tile-body">
                <span className="home-empty-tile-name">{template.name}</span>
                <span className="home-empty-tile-description">{template.description}</span>
                <span className="home-empty-tile-cta">Use this template →</span>
              </span>
            </button>
          </li>
        ))}
      </ul>
      <p className="muted home-empty-import">
        Have an export from another journeyboard?{' '}
        <button type="button" className="home-link-button" onClick={onImport}>
          Import a JSON file
        </button>
      </p>
    </section>
  );
}
