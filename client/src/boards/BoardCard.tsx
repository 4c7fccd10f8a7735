/** One board in the grid: opens on click or Enter, renames inline, asks the page to delete it. */

import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { api, type BoardSummary } from '../api.js';
import { navigate } from '../router.js';
import { useToasts } from '../ui/toasts.js';
import { TITLE_MAX, checkTitle, errorMessage, mapTypeLabel } from './boardList.js';
import { PencilIcon, Spinner, TrashIcon } from '../ui/icons.js';
import { MapThumb } from './MapThumb.js';
import { absoluteTime, relativeTime, shortDate } from './relativeTime.js';

interface BoardCardProps {
  board: BoardSummary;
  /** Current time (ms), ticking, so "5 min ago" stays true. */
  now: number;
  onRenamed(board: BoardSummary): void;
  onDelete(board: BoardSummary): void;
}

export function boardPath(id: string): string {
  return `/b/${encodeURIComponent(id)}`;
}

export function BoardCard({ board, now, onRenamed, onDelete }: BoardCardProps) {
  const [editing, setEditing] = useState(false);
  const titleId = useId();
  const path = boardPath(board.id);

  // The title link opens the board (Enter, middle click, "open in new tab" all work); a click
  // anywhere else on the card does too, except on its buttons and the rename field.
  const openFromLink = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    navigate(path);
  };
  const openFromCard = (event: MouseEvent<HTMLElement>) => {
    if (editing || event.defaultPrevented || event.button !== 0) return;
    if ((event.target as Element).closest('a, button, input, textarea, select, label')) return;
    if (window.getSelection()?.toString()) return; // selecting the title to copy it
    if (event.metaKey || event.ctrlKey) {
      window.open(path, '_blank', 'noopener');
      return;
    }
    navigate(path);
  };

  return (
    <article
      className={`home-card mt-${board.mapType}${editing ? ' is-editing' : ''}`}
      data-testid="board-card"
      data-board-id={board.id}
      aria-labelledby={titleId}
      onClick={openFromCard}
    >
      <div className="home-card-thumb">
        <MapThumb mapType={board.mapType} />
      </div>
      <div className="home-card-body">
        <span className="home-pill">{mapTypeLabel(board.mapType)}</span>
        {editing ? (
          <RenameForm
            board={board}
            labelId={titleId}
            onDone={(renamed) => {
              setEditing(false);
              if (renamed) onRenamed(renamed);
            }}
          />
        ) : (
          <h3 id={titleId} className="home-card-title">
            <a
              href={path}
              className="home-card-link"
              onClick={openFromLink}
              data-testid="open-board"
            >
              {board.title}
            </a>
          </h3>
        )}
        <p className="home-card-meta">
          <span title={`Last changed ${absoluteTime(board.updatedAt)}`}>
            Edited <time dateTime={board.updatedAt}>{relativeTime(board.updatedAt, now)}</time>
          </span>
          <span aria-hidden="true">·</span>
          <span title={`Created ${absoluteTime(board.createdAt)}`}>
            Created <time dateTime={board.createdAt}>{shortDate(board.createdAt, now)}</time>
          </span>
        </p>
      </div>
      {!editing && (
        <div className="home-card-actions">
          <button
            type="button"
            className="btn btn-ghost btn-icon home-card-action"
            data-testid="rename-board"
            aria-label={`Rename “${board.title}”`}
            title="Rename"
            onClick={() => setEditing(true)}
          >
            <PencilIcon />
          </button>
          <button
            type="button"
            className="btn btn-ghost btn-icon home-card-action home-card-action-danger"
            data-testid="delete-board"
            aria-label={`Delete “${board.title}”`}
            title="Delete"
            onClick={() => onDelete(board)}
          >
            <TrashIcon />
          </button>
        </div>
      )}
    </article>
  );
}

interface RenameFormProps {
  board: BoardSummary;
  labelId: string;
  /** Called with the renamed board, or null when cancelled or unchanged. */
  onDone(renamed: BoardSummary | null): void;
}

function RenameForm({ board, labelId, onDone }: RenameFormProps) {
  const [draft, setDraft] = useState(board.title);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  const finished = useRef(false);
  const errorId = useId();
  const toasts = useToasts();

  useEffect(() => {
    input.current?.focus();
    input.current?.select();
  }, []);

  /** refocus: give focus back to the card (keyboard flows), not after a click elsewhere. */
  const finish = (renamed: BoardSummary | null, refocus: boolean) => {
    if (finished.current) return;
    finished.current = true;
    onDone(renamed);
    if (!refocus) return;
    // The rename button is gone while editing; focus the card's link instead.
    requestAnimationFrame(() => {
      document.querySelector<HTMLElement>(`[data-board-id="${CSS.escape(board.id)}"] a`)?.focus();
    });
  };

  const save = async (fromBlur: boolean) => {
    if (saving || finished.current) return;
    const checked = checkTitle(draft);
    if (!checked.ok) {
      setError(checked.message);
      return;
    }
    if (checked.value === board.title) return finish(null, !fromBlur);
    setSaving(true);
    setError(null);
    try {
      finish(await api.renameBoard(board.id, checked.value), !fromBlur);
    } catch (err) {
      if (fromBlur) {
        // The user has moved on: say it in a toast and keep the old title.
        toasts.show(`Could not rename “${board.title}”: ${errorMessage(err)}`, 'error');
        return finish(null, false);
      }
      setError(errorMessage(err));
      setSaving(false);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.nativeEvent.isComposing) return;
    if (event.key === 'Enter') {
      event.preventDefault();
      void save(false);
    } else if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      finish(null, true);
    }
  };

  return (
    <div className="home-rename">
      <span id={labelId} className="home-sr-only">
        Rename “{board.title}”
      </span>
      <div className="home-rename-row">
        <input
          ref={input}
          className="input home-rename-input"
          data-testid="rename-board-input"
          aria-labelledby={labelId}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? errorId : undefined}
          value={draft}
          maxLength={TITLE_MAX}
          readOnly={saving}
          onChange={(e) => {
            setDraft(e.target.value);
            if (error) setError(null);
          }}
          onKeyDown={onKeyDown}
          onBlur={() => {
            // Clicking away keeps a valid change and drops an invalid or refused one.
            if (saving || finished.current) return;
            if (checkTitle(draft).ok && !error) void save(true);
            else finish(null, false);
          }}
        />
        {saving && <Spinner />}
      </div>
      {error ? (
        <span id={errorId} className="home-field-error" role="alert">
          {error}
        </span>
      ) : (
        <span className="home-field-hint">
          <kbd className="kbd">Enter</kbd> to save · <kbd className="kbd">Esc</kbd> to cancel
        </span>
      )}
    </div>
  );
}
