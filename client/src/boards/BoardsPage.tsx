/** The home page at `/`: the journey maps this browser has links for, and ways to add more. */

import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TEMPLATES, type TemplateId } from '../../../shared/model/templates.js';
import { api, type BoardSummary } from '../api.js';
import { KNOWN_BOARDS_KEY, forgetBoard, knownBoards, renameKnown } from '../boardLinks.js';
import { navigate } from '../router.js';
import { setTheme, storedTheme, type Theme } from '../ui/theme.js';
import { useToasts } from '../ui/toasts.js';
import { useJsonImport, type JsonImportOptions } from '../ui/useJsonImport.js';
import { BoardCard } from './BoardCard.js';
import { SORT_KEYS, SORT_LABELS, parseSortKey, visibleBoards, type SortKey } from './boardList.js';
import { DeleteBoardDialog } from './DeleteBoardDialog.js';
import {
  CloudOffIcon,
  LinkIcon,
  LogoMark,
  MoonIcon,
  PlusIcon,
  RetryIcon,
  SearchIcon,
  Spinner,
  SunIcon,
  UploadIcon,
} from '../ui/icons.js';
import { listedFromKnown, withFailure, withSummary, type ListedBoard } from './knownList.js';
import { MapThumb } from './MapThumb.js';
import { NewBoardDialog } from './NewBoardDialog.js';
import { OpenLinkDialog } from './OpenLinkDialog.js';
import './boards.css';
import { plural } from '../../../shared/model/plural.js';

const SORT_STORAGE_KEY = 'journeyboard:boards-sort';

type OpenDialog =
  | { kind: 'new'; template?: TemplateId }
  | { kind: 'delete'; board: ListedBoard }
  | { kind: 'open-link' };

const JSON_IMPORT: JsonImportOptions = {
  inputTestId: 'import-board-input',
  inputLabel: 'Import a journeyboard JSON file',
  importedMessage: (title) => `Imported “${title}”`,
};

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
  const [boards, setBoards] = useState<ListedBoard[]>(() =>
    knownBoards().map((known) => listedFromKnown(known)),
  );
  const [now, setNow] = useState(() => Date.now());
  const [query, setQuery] = useState('');
  const [sort, setSort] = useState<SortKey>(readSort);
  const [dialog, setDialog] = useState<OpenDialog | null>(null);
  const jsonImport = useJsonImport(JSON_IMPORT);
  const [theme, setThemeState] = useState<Theme>(storedTheme);
  const searchInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  const update = useCallback(
    (id: string, token: string, change: (entry: ListedBoard) => ListedBoard) =>
      // An answer for a link the entry no longer uses (replaced meanwhile) is dropped.
      setBoards((list) => list.map((b) => (b.id === id && b.token === token ? change(b) : b))),
    [],
  );

  /** Re-reads the remembered boards and asks the server about each through its best link. */
  const refresh = useCallback(() => {
    const known = knownBoards();
    setNow(Date.now());
    setBoards((list) => {
      const previous = new Map(list.map((b) => [b.id, b]));
      return known.map((k) => listedFromKnown(k, previous.get(k.id)));
    });
    for (const entry of known.map((k) => listedFromKnown(k))) {
      const { id, token } = entry;
      if (!token) continue;
      api.boardSummary(id, token).then(
        (summary) => {
          if (summary.title && summary.title !== entry.title) renameKnown(id, summary.title);
          update(id, token, (b) => withSummary(b, summary));
        },
        (err: unknown) => update(id, token, (b) => withFailure(b, err)),
      );
    }
  }, [update]);

  useEffect(() => refresh(), [refresh]);

  // Keep "5 min ago" honest, and pick up changes made elsewhere when the tab comes back or
  // another tab learns of a board.
  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    const onStorage = (event: StorageEvent) => {
      if (event.key === KNOWN_BOARDS_KEY || event.key === null) refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    window.addEventListener('storage', onStorage);
    return () => {
      clearInterval(tick);
      document.removeEventListener('visibilitychange', onVisible);
      window.removeEventListener('storage', onStorage);
    };
  }, [refresh]);

  useEffect(() => {
    const previous = document.title;
    document.title = 'Journey maps · journeyboard';
    return () => {
      document.title = previous;
    };
  }, []);

  const hasBoards = boards.length > 0;
  // Every link failed for want of a connection: say so once instead of on every card.
  const unreachable = hasBoards && boards.every((b) => b.state === 'error');

  // "/" searches, "n" starts a new map, unless the user is typing or a dialog is open.
  const dialogOpen = dialog !== null || jsonImport.askingForToken;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (dialogOpen || event.defaultPrevented || isTyping(event.target)) return;
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
  }, [dialogOpen, hasBoards]);

  const shown = useMemo(() => visibleBoards(boards, query, sort), [boards, query, sort]);

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

  const replaceBoard = (renamed: BoardSummary) => {
    renameKnown(renamed.id, renamed.title);
    setBoards((list) =>
      list.map((b) => (b.id === renamed.id ? { ...b, ...renamed, state: 'ready' } : b)),
    );
  };

  /** Drops a board from this browser's list (after deleting it, or a dead link's Forget). */
  const dropBoard = (board: ListedBoard) => {
    forgetBoard(board.id);
    setBoards((list) => list.filter((b) => b.id !== board.id));
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
              onClick={() => setDialog({ kind: 'open-link' })}
              data-testid="open-link"
              title="Open a board someone shared with you"
            >
              <LinkIcon />
              <span className="home-label-narrow">Open a share link</span>
            </button>
            <button
              type="button"
              className="btn"
              onClick={jsonImport.choose}
              disabled={jsonImport.importing}
              aria-busy={jsonImport.importing || undefined}
              data-testid="import-board"
            >
              {jsonImport.importing ? <Spinner /> : <UploadIcon />}
              <span className="home-label-narrow">
                {jsonImport.importing ? 'Importing…' : 'Import JSON'}
              </span>
            </button>
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
              {count === 0
                ? 'Nothing here yet'
                : shown.length === count
                  ? `${plural(count, 'map')} on this device`
                  : `${shown.length} of ${plural(count, 'map')}`}
            </p>
          </div>
          {hasBoards && (
            <div className="home-toolbar">
              <label className="home-search">
                <span className="sr-only">Search maps by title</span>
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

        {unreachable && (
          <section
            className="home-state home-error"
            role="alert"
            aria-labelledby="home-error-title"
          >
            <span className="home-state-icon">
              <CloudOffIcon width={28} height={28} />
            </span>
            <h2 id="home-error-title">Can’t reach the server</h2>
            <p className="muted">{boards[0]?.problem}</p>
            <button
              type="button"
              className="btn btn-primary"
              onClick={refresh}
              data-testid="retry-load"
            >
              <RetryIcon />
              Retry
            </button>
          </section>
        )}

        {count === 0 && (
          <EmptyState
            onPick={openNew}
            onImport={jsonImport.choose}
            onOpenLink={() => setDialog({ kind: 'open-link' })}
          />
        )}

        {count > 0 && shown.length === 0 && (
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
                  onForget={dropBoard}
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
      {dialog?.kind === 'delete' && dialog.board.token && (
        <DeleteBoardDialog
          board={dialog.board}
          token={dialog.board.token}
          onClose={() => setDialog(null)}
          onDeleted={() => removeBoard(dialog.board)}
        />
      )}
      {dialog?.kind === 'open-link' && <OpenLinkDialog onClose={() => setDialog(null)} />}
      {/* Here, not in the header: the header's backdrop-filter would contain the fixed dialog. */}
      {jsonImport.element}
    </div>
  );
}

function EmptyState({
  onPick,
  onImport,
  onOpenLink,
}: {
  onPick(template: TemplateId): void;
  onImport(): void;
  onOpenLink(): void;
}) {
  return (
    <section className="home-empty" aria-labelledby="home-empty-title" data-testid="boards-empty">
      <div className="home-empty-intro">
        <h2 id="home-empty-title">Create your first journey map</h2>
        <p className="muted">
          Start from a complete example (persona, stages, emotions, pain points and metrics), then
          make it yours. Share a link and people edit, comment or watch with you in real time.
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
        Someone shared a map with you?{' '}
        <button type="button" className="home-link-button" onClick={onOpenLink}>
          Open their link
        </button>
        . Have an export from another journeyboard?{' '}
        <button type="button" className="home-link-button" onClick={onImport}>
          Import a JSON file
        </button>
      </p>
    </section>
  );
}
