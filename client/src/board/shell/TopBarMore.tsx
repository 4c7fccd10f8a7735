/**
 * The top bar's "More" menu: the tools that do not fit in the bar at this width, each with the
 * same name (and pressed/checked state) it has in the bar, so nothing is ever out of reach.
 */
import { Fragment, useId, type ReactNode } from 'react';
import { useMenu } from '../../ui/useMenu.js';

export interface MoreEntry {
  id: string;
  /** The accessible name, the same as the tool's in the bar. */
  label: string;
  icon?: ReactNode;
  /** A toggle (panel, theme) or one of a choice (view); a plain action otherwise. */
  checked?: boolean;
  kind?: 'action' | 'check' | 'radio';
  disabled?: boolean;
  /** e.g. unread comments. */
  badge?: number;
  run(): void;
}

const ROLE = { action: 'menuitem', check: 'menuitemcheckbox', radio: 'menuitemradio' } as const;

const MoreIcon = () => (
  <svg width="16" height="16" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
    <circle cx="5" cy="12" r="2" fill="currentColor" />
    <circle cx="12" cy="12" r="2" fill="currentColor" />
    <circle cx="19" cy="12" r="2" fill="currentColor" />
  </svg>
);

/** `groups` are the overflowing tools in menu sections, most important first. */
export function TopBarMore({ groups }: { groups: readonly (readonly MoreEntry[])[] }) {
  const { open, setOpen, close, button, menu, onMenuKey, onButtonKey } = useMenu();
  const menuId = useId();
  const empty = groups.every((g) => g.length === 0);
  const unread = groups.flat().reduce((sum, e) => sum + (e.badge ?? 0), 0);
  return (
    <div className="topbar-more" data-fit-more hidden={empty}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-icon"
        title="More tools"
        aria-label="More tools"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid="topbar-more"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
      >
        <MoreIcon />
        {unread > 0 && <span className="badge-count">{unread}</span>}
      </button>
      {open && !empty && (
        <div
          ref={menu}
          id={menuId}
          className="menu topbar-more-list"
          role="menu"
          aria-label="More tools"
          data-testid="topbar-more-list"
          onKeyDown={onMenuKey}
        >
          {groups
            .filter((g) => g.length > 0)
            .map((group, i) => (
              <Fragment key={group[0]!.id}>
                {i > 0 && <div role="separator" className="topbar-more-separator" />}
                {group.map((entry) => {
                  const kind = entry.kind ?? 'action';
                  return (
                    <button
                      key={entry.id}
                      type="button"
                      role={ROLE[kind]}
                      aria-checked={kind === 'action' ? undefined : entry.checked === true}
                      className="menu-item topbar-more-item"
                      data-testid={`more-${entry.id}`}
                      disabled={entry.disabled}
                      onClick={() => {
                        close(true);
                        entry.run();
                      }}
                    >
                      <span className="topbar-more-icon" aria-hidden="true">
                        {entry.icon}
                      </span>
                      <span className="topbar-more-label">{entry.label}</span>
                      {kind !== 'action' && entry.checked && (
                        <span className="topbar-more-check" aria-hidden="true">
                          ✓
                        </span>
                      )}
                      {entry.badge ? (
                        <span className="badge-count topbar-more-badge" aria-hidden="true">
                          {entry.badge}
                        </span>
                      ) : null}
                    </button>
                  );
                })}
              </Fragment>
            ))}
        </div>
      )}
    </div>
  );
}
