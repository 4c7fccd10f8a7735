/**
 * The signed-in person in a top bar: their avatar (or initials) and name, opening a menu with
 * Account, Portfolio, Workspace (admins) and Sign out.
 */

import { useId } from 'react';
import { navigate } from '../router.js';
import { errorMessage } from '../ui/errors.js';
import { useMenu } from '../ui/useMenu.js';
import { useToasts } from '../ui/toasts.js';
import type { Me } from './authApi.js';
import { adminWorkspaces, useAuth } from './AuthProvider.js';
import { initialsOf } from './messages.js';
import './userMenu.css';

export function Avatar({ me, size = 28 }: { me: Pick<Me, 'name' | 'avatarUrl'>; size?: number }) {
  return me.avatarUrl ? (
    <img
      className="user-avatar"
      src={me.avatarUrl}
      alt=""
      width={size}
      height={size}
      referrerPolicy="no-referrer"
    />
  ) : (
    <span className="user-avatar" style={{ width: size, height: size }} aria-hidden="true">
      {initialsOf(me.name)}
    </span>
  );
}

/** Renders nothing unless someone is signed in. */
export function UserMenu() {
  const { me, signOut } = useAuth();
  const toasts = useToasts();
  const { open, setOpen, close, button, menu, onMenuKey, onButtonKey } = useMenu();
  const menuId = useId();
  if (!me) return null;
  const isAdmin = adminWorkspaces(me).length > 0;
  const pages = [
    { path: '/account', label: 'Account' },
    { path: '/portfolio', label: 'Portfolio' },
    ...(isAdmin ? [{ path: '/workspace', label: 'Workspace' }] : []),
  ];

  const go = (path: string) => {
    close(false);
    navigate(path);
  };
  const leave = async () => {
    close(false);
    try {
      await signOut();
      navigate('/signin');
    } catch (err) {
      toasts.show(`Could not sign out: ${errorMessage(err)}`, 'error');
    }
  };

  return (
    <div className="user-menu">
      <button
        ref={button}
        type="button"
        className="btn btn-ghost user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`${me.name}: account menu`}
        title={me.email}
        data-testid="user-menu"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
      >
        <Avatar me={me} />
        <span className="user-menu-name" data-testid="user-menu-name">
          {me.name}
        </span>
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          className="user-menu-list"
          role="menu"
          aria-label="Account"
          onKeyDown={onMenuKey}
        >
          <div className="user-menu-who" aria-hidden="true">
            <strong>{me.name}</strong>
            <span className="muted">{me.email}</span>
          </div>
          {pages.map(({ path, label }) => (
            <button
              key={path}
              type="button"
              role="menuitem"
              className="user-menu-item"
              onClick={() => go(path)}
            >
              {label}
            </button>
          ))}
          <div role="separator" className="user-menu-separator" />
          <button
            type="button"
            role="menuitem"
            className="user-menu-item"
            data-testid="sign-out"
            onClick={() => void leave()}
          >
            Sign out
          </button>
        </div>
      )}
    </div>
  );
}
