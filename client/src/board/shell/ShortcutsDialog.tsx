import { Fragment, useEffect, useId, useMemo, useRef, type KeyboardEvent } from 'react';
import { createPortal } from 'react-dom';
import {
  isMacPlatform,
  keyLabels,
  SHORTCUT_GROUPS,
  SHORTCUTS,
  type Shortcut,
} from '../keyboard/shortcuts.js';
import { TABLE_KEYS } from '../table/index.js';
import './shortcuts.css';

interface Row {
  action: string;
  combos: string[][];
}

/** Shortcuts of a group, with combinations doing the same thing on one row ("Delete or Backspace"). */
function rowsOf(group: Shortcut['group']): Row[] {
  const rows: Row[] = [];
  for (const s of SHORTCUTS) {
    if (s.group !== group) continue;
    const row = rows.find((r) => r.action === s.action);
    if (row) row.combos.push(s.keys);
    else rows.push({ action: s.action, combos: [s.keys] });
  }
  return rows;
}

const FOCUSABLE = 'button, [href], input, select, textarea, [tabindex]:not([tabindex="-1"])';

/** The keyboard-shortcut reference: a modal listing every shortcut by group. */
export function ShortcutsDialog(props: { onClose(): void }) {
  const { onClose } = props;
  const titleId = useId();
  const dialogRef = useRef<HTMLDivElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const pressedOnBackdrop = useRef(false);
  const isMac = useMemo(() => isMacPlatform(), []);

  useEffect(() => {
    const previous = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    return () => previous?.focus();
  }, []);

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    // The board's own shortcuts must not fire behind the dialog.
    e.stopPropagation();
    if (e.key === 'Escape' || e.key === '?') {
      e.preventDefault();
      onClose();
    } else if (e.key === 'Tab') {
      const items = [...(dialogRef.current?.querySelectorAll<HTMLElement>(FOCUSABLE) ?? [])];
      const first = items[0];
      const last = items[items.length - 1];
      if (!first || !last) {
        e.preventDefault();
        return;
      }
      if (e.shiftKey && document.activeElement === first) {
        e.preventDefault();
        last.focus();
      } else if (!e.shiftKey && document.activeElement === last) {
        e.preventDefault();
        first.focus();
      }
    }
  };

  return createPortal(
    <div
      className="dialog-backdrop"
      onKeyDown={onKeyDown}
      onMouseDown={(e) => {
        pressedOnBackdrop.current = e.target === e.currentTarget;
      }}
      onClick={(e) => {
        if (pressedOnBackdrop.current && e.target === e.currentTarget) onClose();
        pressedOnBackdrop.current = false;
      }}
    >
      <div
        ref={dialogRef}
        className="dialog shortcuts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid="shortcuts-dialog"
      >
        <div className="shortcuts-head">
          <h2 id={titleId}>Keyboard shortcuts</h2>
          <button
            ref={closeRef}
            type="button"
            className="btn btn-ghost btn-icon"
            aria-label="Close"
            onClick={onClose}
          >
            <span aria-hidden="true">×</span>
          </button>
        </div>
        <div className="shortcuts-groups">
          {SHORTCUT_GROUPS.map((group) => (
            <ShortcutSection key={group} title={group} rows={rowsOf(group)} isMac={isMac} />
          ))}
          <ShortcutSection title="Table view" rows={TABLE_KEYS} isMac={isMac} />
        </div>
        {isMac && <p className="muted">⌘ is the Command key, ⇧ Shift, ⌥ Option.</p>}
      </div>
    </div>,
    document.body,
  );
}

const MAC_SYMBOLS = new Set(['⌘', '⇧', '⌥']);

function Combo(props: { keys: string[]; isMac: boolean }) {
  const labels = keyLabels(props.keys, props.isMac);
  return (
    <span className="shortcuts-combo">
      {labels.map((label, i) => (
        <Fragment key={`${label}-${i}`}>
          {i > 0 && !(props.isMac && MAC_SYMBOLS.has(labels[i - 1]!)) && (
            <span aria-hidden="true">+</span>
          )}
          <kbd className="kbd">{label}</kbd>
        </Fragment>
      ))}
    </span>
  );
}

/** One group of the dialog: each action with the key combinations that do it. */
function ShortcutSection(props: { title: string; rows: readonly Row[]; isMac: boolean }) {
  return (
    <section className="shortcuts-group" aria-label={props.title}>
      <h3>{props.title}</h3>
      <dl className="shortcuts-list">
        {props.rows.map((row) => (
          <div key={row.action} className="shortcuts-row">
            <dt>{row.action}</dt>
            <dd>
              {row.combos.map((keys, i) => (
                <Fragment key={keys.join('+')}>
                  {i > 0 && <span>or</span>}
                  <Combo keys={keys} isMac={props.isMac} />
                </Fragment>
              ))}
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
