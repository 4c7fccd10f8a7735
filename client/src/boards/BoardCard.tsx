/**
 * One board in the grid: opens on click or Enter (with its best link in the URL fragment),
 * renames inline (editors and owners), asks the page to delete it (owners) or, when its link no
 * longer works, to forget it.
 */

import { useEffect, useId, useRef, useState, type KeyboardEvent, type MouseEvent } from 'react';
import { api, type BoardSummary } from '../api.js';
import { navigate } from '../router.js';
import { useToasts } from '../ui/toasts.js';
import { boardHref } from '../boardLinks.js';
import { errorMessage } from '../ui/errors.js';
import { mapTypeLabel } from '../ui/mapTypes.js';
import { TITLE_MAX, checkTitle } from './boardList.js';
import { CloseIcon, PencilIcon, Spinner, TrashIcon } from '../ui/icons.js';
import { ROLE_LABELS } from '../ui/roleLabels.js';
import { mayDelete, mayRename, type ListedBoard } from './knownList.js';
import { MapThumb } from './MapThumb.js';
import { absoluteTime, relativeTime, shortDate } from '../ui/time.js';
import './boardCard.css';

interface BoardCardProps {
  board: ListedBoard;
  /** Current time (ms), ticking, so "5 min ago" stays true. */
  now: number;
  onRenamed(board: BoardSummary): void;
  onDelete(board: ListedBoard): void;
  /** Drops the board from this browser's list. */
  onForget(board: ListedBoard): void;
}

export function BoardCard({ board, now, onRenamed, onDelete, onForget }: BoardCardProps) {
  const [editing, setEditing] = useState(false);
  const titleId = useId();
  const gone = board.state === 'gone';
  const ready = board.state === 'ready';
  const path = boardHref(board.id, board.token);
  const title = board.title || 'Untitled map';

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
    if (gone || editing || event.defaultPrevented || event.button !== 0) return;
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
      className={`home-card mt-${board.mapType}${editing ? ' is-editing' : ''}${gone ? ' is-gone' : ''}`}
      data-testid="board-card"
      data-board-id={board.id}
      data-state={board.state}
      aria-labelledby={titleId}
      onClick={openFromCard}
    >
      <div className="home-card-thumb">
        <MapThumb mapType={board.mapType} />
      </div>
      <div className="home-card-body">
        <span className="home-card-tags">
          {ready && <span className="home-pill">{mapTypeLabel(board.mapType)}</span>}
          {board.role && !gone && (
            <span
              className="home-role-tag"
              data-testid="board-role"
              data-role={board.role}
              title={`Your link: ${ROLE_LABELS[board.role].toLowerCase()}`}
            >
              {ROLE_LABELS[board.role]}
            </span>
          )}
        </span>
        {editing && board.token !== null ? (
          <RenameForm
            board={board}
            token={board.token}
            labelId={titleId}
            onDone={(renamed) => {
              setEditing(false);
              if (renamed) onRenamed(renamed);
            }}
          />
        ) : (
          <h3 id={titleId} className="home-card-title">
            {gone ? (
              <span className="home-card-link">{title}</span>
            ) : (
              <a
                href={path}
                className="home-card-link"
                onClick={openFromLink}
                data-testid="open-board"
              >
                {title}
              </a>
            )}
          </h3>
        )}
        {gone ? (
          <div className="home-card-gone" role="status" data-testid="board-gone">
            <span title={board.problem}>Link no longer valid / board deleted</span>
            <button
              type="button"
              className="btn home-card-forget"
              data-testid="forget-board"
              onClick={() => onForget(board)}
            >
              <CloseIcon />
              Forget
            </button>
          </div>
        ) : ready ? (
          <p className="home-card-meta">
            <span title={`Last changed ${absoluteTime(board.updatedAt)}`}>
              Edited <time dateTime={board.updatedAt}>{relativeTime(board.updatedAt, now)}</time>
            </span>
            <span aria-hidden="true">·</span>
            <span title={`Created ${absoluteTime(board.createdAt)}`}>
              Created <time dateTime={board.createdAt}>{shortDate(board.createdAt, now)}</time>
            </span>
          </p>
        ) : (
          <p className="home-card-meta" title={board.problem}>
            {board.state === 'loading' ? 'Checking the link…' : 'Could not reach the server'}
          </p>
        )}
      </div>
      {!editing && !gone && (mayRename(board.role) || mayDelete(board.role)) && (
        <div className="home-card-actions">
          {mayRename(board.role) && (
            <button
              type="button"
              className="btn btn-ghost btn-icon home-card-action"
              data-testid="rename-board"
              aria-label={`Rename “${title}”`}
              title="Rename"
              onClick={() => setEditing(true)}
            >
              <PencilIcon />
            </button>
          )}
          {mayDelete(board.role) && (
            <button
              type="button"
              className="btn btn-ghost btn-icon home-card-action home-card-action-danger"
              data-testid="delete-board"
              aria-label={`Delete “${title}”`}
              title="Delete"
              onClick={() => onDelete(board)}
            >
              <TrashIcon />
            </button>
          )}
        </div>
      )}
    </article>
  );
}

interface RenameFormProps {
  board: ListedBoard;
  /** A link of editor rank or better. */
  token: string;
  labelId: string;
  /** Called with the renamed board, or null when cancelled or unchanged. */
  onDone(renamed: BoardSummary | null): void;
}

function RenameForm({ board, token, labelId, onDone }: RenameFormProps) {
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
      finish(await api.renameBoard(board.id, checked.value, token), !fromBlur);
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
      <span id={labelId} className="sr-only">
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
