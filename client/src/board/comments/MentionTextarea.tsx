import {
  useId,
  useLayoutEffect,
  useRef,
  useState,
  type FocusEvent,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { Person } from '../../../../shared/model/comments.js';
import { colorFor } from '../../../../shared/protocol/awareness.js';
import { insertMention, matchPeople, mentionQuery } from './mentions.js';

export interface MentionTextareaProps {
  value: string;
  onChange(value: string): void;
  /** Everyone who can be @mentioned. */
  people: readonly Person[];
  /** Not offered: nobody mentions themselves. */
  meId: string;
  /** Ctrl/⌘+Enter. */
  onSubmit(): void;
  /** Esc (when no suggestion list is open). */
  onCancel(): void;
  label: string;
  placeholder?: string;
  testId?: string;
  autoFocus?: boolean;
  rows?: number;
  className?: string;
  onFocus?(e: FocusEvent<HTMLTextAreaElement>): void;
  onBlur?(e: FocusEvent<HTMLTextAreaElement>): void;
  /** For focusing the textarea from outside. */
  textareaRef?: RefObject<HTMLTextAreaElement | null>;
}

/**
 * A comment textarea with @mention autocomplete: typing '@' lists the people who have been on
 * the board, filtered as you type; ↑/↓ move, Enter or Tab pick, Esc closes the list.
 */
export function MentionTextarea(props: MentionTextareaProps) {
  const { value, onChange, people, meId } = props;
  const own = useRef<HTMLTextAreaElement>(null);
  const el = props.textareaRef ?? own;
  const [caret, setCaret] = useState(0);
  const [active, setActive] = useState(0);
  /** The '@' whose list was closed (Esc or a pick); it stays closed until another '@'. */
  const [dismissed, setDismissed] = useState<number | null>(null);
  const pendingCaret = useRef<number | null>(null);
  const listId = useId();

  const query = mentionQuery(value, caret);
  const open = query !== null && query.start !== dismissed;
  const matches = open ? matchPeople(people, query.query, meId) : [];
  const showList = matches.length > 0;
  const current = Math.min(active, matches.length - 1);

  useLayoutEffect(() => {
    if (pendingCaret.current === null || !el.current) return;
    el.current.setSelectionRange(pendingCaret.current, pendingCaret.current);
    pendingCaret.current = null;
  });

  const syncCaret = () => setCaret(el.current?.selectionStart ?? 0);

  const pick = (person: Person) => {
    if (!query) return;
    const next = insertMention(value, query.start, caret, person.name);
    pendingCaret.current = next.caret;
    setCaret(next.caret);
    setDismissed(query.start);
    onChange(next.text);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    if (showList) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const step = e.key === 'ArrowDown' ? 1 : -1;
        setActive((current + step + matches.length) % matches.length);
        return;
      }
      if ((e.key === 'Enter' && !e.ctrlKey && !e.metaKey) || e.key === 'Tab') {
        e.preventDefault();
        pick(matches[current]!);
        return;
      }
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        setDismissed(query!.start);
        return;
      }
    }
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      props.onSubmit();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      props.onCancel();
    }
  };

  return (
    <div className="comment-compose-field">
      <textarea
        ref={el}
        className={`textarea comment-textarea ${props.className ?? ''}`}
        data-testid={props.testId}
        aria-label={props.label}
        placeholder={props.placeholder}
        rows={props.rows ?? 3}
        autoFocus={props.autoFocus}
        value={value}
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={showList ? listId : undefined}
        aria-activedescendant={showList ? `${listId}-${current}` : undefined}
        onChange={(e) => {
          const text = e.target.value;
          const at = e.target.selectionStart;
          const next = mentionQuery(text, at);
          // A new '@', or the name backspaced away: offer the list again.
          if (!next || next.start !== dismissed || next.query === '') setDismissed(null);
          setCaret(at);
          setActive(0);
          onChange(text);
        }}
        onSelect={syncCaret}
        onKeyDown={onKeyDown}
        onFocus={props.onFocus}
        onBlur={props.onBlur}
      />
      {showList && (
        <ul id={listId} role="listbox" className="mention-list" data-testid="mention-list">
          {matches.map((person, i) => (
            <li
              key={person.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === current}
              className="mention-option"
              data-testid="mention-option"
              // Picking must not blur the textarea first.
              onMouseDown={(e) => {
                e.preventDefault();
                pick(person);
              }}
              onMouseEnter={() => setActive(i)}
            >
              <span
                className="mention-swatch"
                style={{ background: person.color ?? colorFor(person.id) }}
                aria-hidden="true"
              />
              {person.name}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
