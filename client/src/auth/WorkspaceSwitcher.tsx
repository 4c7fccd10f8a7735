/**
 * The boards top bar's workspace switcher (signed in only): the current workspace's name, a menu
 * of the person's workspaces with their role, and "New workspace…" (W153).
 */

import { useId, useRef, useState, type FormEvent } from 'react';
import { createPortal } from 'react-dom';
import { Dialog } from '../ui/Dialog.js';
import { Spinner } from '../ui/icons.js';
import { useMenu } from '../ui/useMenu.js';
import { useToasts } from '../ui/toasts.js';
import { authApi } from './authApi.js';
import { useAuth } from './AuthProvider.js';
import { useCurrentWorkspace } from './currentWorkspace.js';
import { FormAlert, TextField, errorFor, useFormSubmit } from './forms.js';
import { ROLE_LABELS } from './messages.js';
import './userMenu.css';

/** The server's limit on workspace names. */
export const WORKSPACE_NAME_MAX = 80;

/**
 * Renders nothing unless someone signed in belongs to a workspace. The top bar holds it from a
 * laptop's width; narrower, the bar's buttons need the room and the page shows it over its
 * heading instead (`placement`, CSS picks the one shown).
 */
export function WorkspaceSwitcher({ placement = 'bar' }: { placement?: 'bar' | 'page' }) {
  const testId = (name: string) => (placement === 'bar' ? name : `${name}-page`);
  const { current, workspaces, switchTo } = useCurrentWorkspace();
  const { open, setOpen, close, button, menu, onMenuKey, onButtonKey } = useMenu();
  const [creating, setCreating] = useState(false);
  const menuId = useId();
  if (!current) return null;

  const pick = (id: string) => {
    close(true);
    switchTo(id);
  };

  return (
    <div className="user-menu workspace-switcher" data-placement={placement}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost workspace-switcher-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-label={`Workspace: ${current.name}. Switch workspace`}
        title={current.name}
        data-testid={testId('workspace-switcher')}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
      >
        <span className="workspace-switcher-current" data-testid={testId('workspace-current')}>
          {current.name}
        </span>
        <span className="workspace-switcher-caret" aria-hidden="true">
          ▾
        </span>
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          className="user-menu-list workspace-switcher-list"
          role="menu"
          aria-label="Workspaces"
          onKeyDown={onMenuKey}
        >
          {workspaces.map((w) => (
            <button
              key={w.id}
              type="button"
              role="menuitemradio"
              aria-checked={w.id === current.id}
              className="user-menu-item workspace-switcher-item"
              data-testid="workspace-option"
              onClick={() => pick(w.id)}
            >
              <span className="workspace-switcher-name">{w.name}</span>
              <span className="muted workspace-switcher-role">{ROLE_LABELS[w.role]}</span>
            </button>
          ))}
          <div role="separator" className="user-menu-separator" />
          <button
            type="button"
            role="menuitem"
            className="user-menu-item"
            data-testid="new-workspace"
            onClick={() => {
              close(false);
              setCreating(true);
            }}
          >
            New workspace…
          </button>
        </div>
      )}
      {/* In the body: the top bar's backdrop-filter would contain the fixed dialog. */}
      {creating &&
        createPortal(
          <NewWorkspaceDialog
            onClose={() => setCreating(false)}
            onCreated={(id) => {
              setCreating(false);
              switchTo(id);
            }}
          />,
          document.body,
        )}
    </div>
  );
}

function NewWorkspaceDialog(props: { onClose(): void; onCreated(id: string): void }) {
  const { refresh } = useAuth();
  const toasts = useToasts();
  const [name, setName] = useState('');
  const form = useRef<HTMLFormElement>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const { busy, problem, submit } = useFormSubmit();

  const create = async (event: FormEvent) => {
    event.preventDefault();
    const done = await submit(
      form.current,
      () => {
        const trimmed = name.trim();
        if (!trimmed) return { error: 'Give the workspace a name.', field: 'name' };
        if (trimmed.length > WORKSPACE_NAME_MAX)
          return { error: `Keep the name to ${WORKSPACE_NAME_MAX} characters.`, field: 'name' };
        return null;
      },
      async () => {
        const made = await authApi.createWorkspace(name.trim());
        // The menus list the person's workspaces from /api/me.
        await refresh();
        return made;
      },
    );
    if (!done) return;
    toasts.show(`Created “${done.value.name}”`, 'success');
    props.onCreated(done.value.id);
  };

  return (
    <Dialog
      title="New workspace"
      description="A workspace has its own members and boards. You will be its admin."
      onClose={props.onClose}
      busy={busy}
      initialFocus={nameInput}
      testId="new-workspace-dialog"
    >
      <form ref={form} onSubmit={(e) => void create(e)} noValidate>
        <TextField
          label="Name"
          name="name"
          value={name}
          onChange={setName}
          autoComplete="off"
          error={errorFor(problem, 'name')}
          inputRef={nameInput}
          testId="new-workspace-name"
        />
        <FormAlert problem={problem} fields={['name']} testId="new-workspace-error" />
        <div className="dialog-actions">
          <button type="button" className="btn" onClick={props.onClose} disabled={busy}>
            Cancel
          </button>
          <button
            type="submit"
            className="btn btn-primary"
            disabled={busy}
            aria-busy={busy || undefined}
            data-testid="new-workspace-submit"
          >
            {busy && <Spinner />}
            {busy ? 'Creating…' : 'Create workspace'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
