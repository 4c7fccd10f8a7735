import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTextLimit, type TextLimit } from '../core/textLimit.js';

interface InlineEditorProps {
  initial: string;
  /** Accessible name, e.g. "Card text" or "Stage name". */
  label: string;
  /** Cards take several lines (Shift+Enter); names take one. */
  multiline: boolean;
  /** A model limit: longer pastes are cut to it, with a message saying so. */
  limit?: TextLimit;
  /** `byKey`: Enter or Tab (focus returns to the item); else focus left for somewhere else. */
  onCommit(text: string, byKey: boolean): void;
  onCancel(): void;
}

/**
 * Edits text in a table cell: Enter commits, Shift+Enter adds a line, Esc cancels, Tab and
 * leaving the field commit. Keys stay here: neither the grid nor the board shortcuts see them.
 */
export function InlineEditor(props: InlineEditorProps) {
  const [draft, setDraft] = useState(props.initial);
  const ref = useRef<HTMLTextAreaElement>(null);
  const done = useRef(false);
  const limited = useTextLimit(props.limit);

  useEffect(() => {
    ref.current?.focus();
    ref.current?.select();
  }, []);

  const finish = (commit: boolean, byKey = true) => {
    if (done.current) return;
    done.current = true;
    if (commit) props.onCommit(draft, byKey);
    else props.onCancel();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    e.stopPropagation();
    if (e.key === 'Escape') {
      e.preventDefault();
      finish(false);
    } else if (e.key === 'Tab' || (e.key === 'Enter' && !(e.shiftKey && props.multiline))) {
      e.preventDefault();
      finish(true);
    }
  };

  return (
    <textarea
      ref={ref}
      className="textarea table-editor"
      data-testid="table-editor"
      aria-label={props.label}
      aria-description={
        props.multiline
          ? 'Enter saves, Shift+Enter adds a line, Esc cancels'
          : 'Enter saves, Esc cancels'
      }
      rows={props.multiline ? 3 : 1}
      value={draft}
      {...limited}
      onChange={(e) => setDraft(e.target.value)}
      onKeyDown={onKeyDown}
      onBlur={() => finish(true, false)}
    />
  );
}
