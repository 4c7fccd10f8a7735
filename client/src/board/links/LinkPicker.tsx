import { useEffect, useMemo, useRef, useState } from 'react';
import { isBoardId } from '../../../../shared/protocol/boardId.js';
import { atLeast } from '../../../../shared/protocol/roles.js';
import { api, type WorkspaceBoard } from '../../api.js';
import { Dialog } from '../../ui/Dialog.js';

/** A board id from what was typed: an id, or a board's address (`…/b/<id>`). */
function boardIdOf(text: string): string | null {
  const trimmed = text.trim();
  const fromPath = /\/b\/([A-Za-z0-9_-]{8,64})/.exec(trimmed)?.[1];
  const id = fromPath ?? trimmed;
  return isBoardId(id) ? id : null;
}

/** What the picker is for, when it is not "Link to map". */
export interface PickerPurpose {
  title: string;
  description: string;
  /** Offers only the maps the person can edit (sharing a card needs it, S131). */
  editableOnly?: boolean;
  /** Maps not to offer besides this one (e.g. a copy's origin map). */
  exclude?: readonly string[];
}

const LINK_PURPOSE: PickerPurpose = {
  title: 'Link to map',
  description: 'The map this opens when someone follows the link.',
};

/**
 * "Link to map…": the maps of this board's workspace the person can open, with a search; a
 * map's address or id may be pasted too (share-link pages have no list of maps). "Share to
 * another map…" uses it too, with its own `purpose`.
 */
export function LinkPicker(props: {
  boardId: string;
  current?: string;
  purpose?: PickerPurpose;
  /** `title` when picked from the list (a pasted address has none). */
  onPick(boardId: string, title?: string): void;
  onClose(): void;
}) {
  const purpose = props.purpose ?? LINK_PURPOSE;
  const [boards, setBoards] = useState<WorkspaceBoard[] | null>(null);
  const [failed, setFailed] = useState(false);
  const [query, setQuery] = useState('');
  const search = useRef<HTMLInputElement>(null);
  useEffect(() => {
    api.myBoards().then(
      (answer) => setBoards(answer.boards),
      () => setFailed(true),
    );
  }, []);
  const choices = useMemo(() => {
    if (!boards) return [];
    const here = boards.find((b) => b.id === props.boardId)?.workspace.id;
    const words = query.trim().toLowerCase();
    const skip = new Set([props.boardId, ...(purpose.exclude ?? [])]);
    return boards
      .filter((b) => !skip.has(b.id) && (!here || b.workspace.id === here))
      .filter((b) => !purpose.editableOnly || atLeast(b.role, 'editor'))
      .filter((b) => !words || b.title.toLowerCase().includes(words))
      .sort((a, b) => a.title.localeCompare(b.title));
  }, [boards, props.boardId, query, purpose]);
  const pasted = boardIdOf(query);

  return (
    <Dialog
      title={purpose.title}
      description={purpose.description}
      onClose={props.onClose}
      initialFocus={search}
      testId="link-picker"
    >
      <label className="field">
        <span className="panel-label">Search maps, or paste a map’s address</span>
        <input
          ref={search}
          className="input"
          type="search"
          data-testid="link-picker-search"
          value={query}
          onChange={(e) => setQuery(e.currentTarget.value)}
          onKeyDown={(e) => {
            const first = choices[0];
            if (e.key !== 'Enter') return;
            if (first) props.onPick(first.id, first.title);
            else if (pasted) props.onPick(pasted);
          }}
        />
      </label>
      {failed && pasted === null && (
        <p className="muted">
          Sign in to pick from your workspace’s maps, or paste a map’s address.
        </p>
      )}
      {boards === null && !failed && <p className="muted">Loading maps…</p>}
      <ul className="link-picker-list" aria-label="Maps">
        {choices.map((b) => (
          <li key={b.id}>
            <button
              type="button"
              className="btn btn-ghost link-picker-choice"
              data-testid="link-picker-choice"
              aria-current={b.id === props.current ? 'true' : undefined}
              onClick={() => props.onPick(b.id, b.title)}
            >
              {b.title}
            </button>
          </li>
        ))}
        {boards !== null && choices.length === 0 && pasted === null && (
          <li className="muted">No other map matches.</li>
        )}
        {pasted !== null && choices.length === 0 && (
          <li>
            <button type="button" className="btn" onClick={() => props.onPick(pasted)}>
              {purpose.title} {pasted}
            </button>
          </li>
        )}
      </ul>
    </Dialog>
  );
}
