/**
 * "Share": the board's links this browser holds, at or below its own role, each with a Copy
 * button and what it lets people do; owners can replace every link (old ones stop working at
 * once, for everyone who has them). Signed in, also who has access through the workspace
 * (BoardPeople).
 */

import { useRef, useState } from 'react';
import type { Role } from '../../../../shared/protocol/roles.js';
import { api } from '../../api.js';
import {
  boardHref,
  boardLink,
  knownBoards,
  rememberBoard,
  replaceTokens,
  type BoardTokens,
} from '../../boardLinks.js';
import { Dialog } from '../../ui/Dialog.js';
import { errorMessage } from '../../ui/errors.js';
import { CopyIcon, Spinner } from '../../ui/icons.js';
import { useToasts } from '../../ui/toasts.js';
import type { BoardSession } from '../core/session.js';
import { ROLE_EXPLANATIONS, ROLE_NAMES, shareableLinks } from '../core/share.js';
import { BoardPeople } from './BoardPeople.js';

interface ShareDialogProps {
  session: BoardSession;
  /** What this page's link allows. */
  role: Role;
  onClose(): void;
}

export function ShareDialog({ session, role, onClose }: ShareDialogProps) {
  const { boardId } = session;
  const toasts = useToasts();
  const [tokens, setTokens] = useState<BoardTokens>(() => ({
    ...knownBoards().find((b) => b.id === boardId)?.tokens,
    [role]: session.token,
  }));
  const [confirming, setConfirming] = useState(false);
  const [rotating, setRotating] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const links = shareableLinks(role, tokens);

  const copy = async (link: string, input: HTMLInputElement | null) => {
    try {
      await navigator.clipboard.writeText(link);
      toasts.show('Link copied', 'success');
    } catch {
      input?.select();
      toasts.show('Could not copy: the link is selected, copy it with Ctrl+C.', 'error');
    }
  };

  const rotate = async () => {
    setRotating(true);
    setError(null);
    try {
      const fresh = await session.replaceLinks(() =>
        api.rotateLinks(boardId, session.token).then((r) => r.tokens),
      );
      if (knownBoards().some((b) => b.id === boardId)) replaceTokens(boardId, fresh);
      else rememberBoard(boardId, { tokens: fresh });
      // A reload or a bookmark of this page must use a link that still works.
      history.replaceState(history.state, '', boardHref(boardId, fresh.owner));
      setTokens(fresh);
      setConfirming(false);
      toasts.show('Links replaced: the old ones no longer work', 'success');
    } catch (err) {
      setError(`Could not replace the links: ${errorMessage(err)}`);
    } finally {
      setRotating(false);
    }
  };

  return (
    <Dialog
      title="Share this map"
      description="Send a link: what people can do depends on the link. Links work until the owner replaces them."
      onClose={onClose}
      busy={rotating}
      initialFocus={closeRef}
      className="share-dialog"
      testId="share-dialog"
    >
      <ul className="share-links">
        {links.map(({ role: linkRole, token }) => {
          const link = boardLink(boardId, token);
          return (
            <ShareLink
              key={linkRole}
              role={linkRole}
              link={link}
              yours={linkRole === role}
              onCopy={(input) => void copy(link, input)}
            />
          );
        })}
      </ul>

      {role === 'owner' && (
        <section className="share-rotate" aria-label="Replace all links">
          {confirming ? (
            <div className="share-rotate-confirm" role="group" data-testid="rotate-confirm">
              <p>
                Every link of this map stops working at once, also the ones you already sent, and
                people who have the map open with them are disconnected. You get four new links to
                share again.
              </p>
              <div className="dialog-actions">
                <button
                  type="button"
                  className="btn"
                  onClick={() => setConfirming(false)}
                  disabled={rotating}
                >
                  Cancel
                </button>
                <button
                  type="button"
                  className="btn btn-danger btn-solid"
                  data-testid="confirm-rotate"
                  onClick={() => void rotate()}
                  disabled={rotating}
                  aria-busy={rotating || undefined}
                >
                  {rotating && <Spinner />}
                  {rotating ? 'Replacing…' : 'Replace all links'}
                </button>
              </div>
            </div>
          ) : (
            <div className="share-rotate-row">
              <span className="muted">
                A link went to the wrong person? Replace them all: old links stop working.
              </span>
              <button
                type="button"
                className="btn btn-danger"
                data-testid="rotate-links"
                onClick={() => setConfirming(true)}
              >
                Replace all links
              </button>
            </div>
          )}
          {error && (
            <div className="home-form-error" role="alert">
              {error}
            </div>
          )}
        </section>
      )}

      <BoardPeople session={session} role={role} />

      <div className="dialog-actions">
        <button ref={closeRef} type="button" className="btn" onClick={onClose} disabled={rotating}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

/** One role's link, with what it allows and a button to copy it. */
function ShareLink(props: {
  role: Role;
  link: string;
  /** The link this page was opened with. */
  yours: boolean;
  /** Copies the link; `input` shows it, to select when the clipboard refuses. */
  onCopy(input: HTMLInputElement | null): void;
}) {
  const inputId = `share-link-${props.role}`;
  return (
    <li className="share-link" data-testid={`share-link-${props.role}`}>
      <div className="share-link-head">
        <label className="share-link-role" htmlFor={inputId}>
          {ROLE_NAMES[props.role]}
          {props.yours && <span className="share-link-yours">your link</span>}
        </label>
        <span className="share-link-what">{ROLE_EXPLANATIONS[props.role]}</span>
      </div>
      <div className="share-link-row">
        <input
          id={inputId}
          className="input share-link-input"
          readOnly
          value={props.link}
          data-testid={`link-${props.role}`}
          onFocus={(e) => e.target.select()}
        />
        <button
          type="button"
          className="btn"
          data-testid={`copy-link-${props.role}`}
          onClick={(e) =>
            props.onCopy(e.currentTarget.parentElement?.querySelector('input') ?? null)
          }
        >
          <CopyIcon />
          Copy
        </button>
      </div>
    </li>
  );
}
