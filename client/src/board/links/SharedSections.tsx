/**
 * Shared insights in a card's panel (W301–W306): sharing a pain point or opportunity into
 * another map, what a copy says of its origin (and detaching it), and where an origin is shown.
 */
import { useContext, useMemo, useState, type ReactNode } from 'react';
import type * as Y from 'yjs';
import { detachSharedCopy } from '../../../../shared/model/sharedCards.js';
import type { Card, LaneKind } from '../../../../shared/model/schema.js';
import type { ShareCardResult } from '../../../../shared/protocol/links.js';
import { api } from '../../api.js';
import { useToasts } from '../../ui/toasts.js';
import { useOpenBoard } from '../core/openBoard.js';
import { PanelReadOnly, PanelSection } from '../details/fields.js';
import { MapLink } from './Breadcrumbs.js';
import { LinkPicker, type PickerPurpose } from './LinkPicker.js';
import { linkLabel, refreshLinks, useBoardLinks } from './linkStore.js';
import {
  canShareFrom,
  copiesOf,
  copyOrigin,
  copyReason,
  originHref,
  sharedInLabel,
} from './sharedView.js';
import './shared.css';

type Sharing =
  | { step: 'idle' }
  | { step: 'sending'; title: string }
  | { step: 'failed'; message: string }
  | { step: 'done'; title: string; copy: ShareCardResult };

/** "Share to another map…" (W303): for editors, on pain points and opportunities only. */
export function ShareCardAction(props: { card: Card; kind: LaneKind | undefined }) {
  const { session, abilities } = useOpenBoard();
  const readOnly = useContext(PanelReadOnly);
  const { show } = useToasts();
  const [picking, setPicking] = useState(false);
  const [sharing, setSharing] = useState<Sharing>({ step: 'idle' });
  const links = useBoardLinks(session.boardId);
  const originBoard = copyOrigin(props.card, links)?.boardId;
  const purpose = useMemo<PickerPurpose>(
    () => ({
      title: 'Share to another map',
      description:
        'A copy that follows this card’s edits appears in the map you pick (you need to be an editor there).',
      editableOnly: true,
      exclude: originBoard ? [originBoard] : [],
    }),
    [originBoard],
  );
  if (readOnly || !abilities.edit || !canShareFrom(props.kind)) return null;

  const share = async (to: string, title: string) => {
    setSharing({ step: 'sending', title });
    try {
      const copy = await api.shareCard(session.boardId, props.card.id, to, session.token);
      setSharing({ step: 'done', title, copy });
      show(copy.created ? `Shared to ${title}` : `${title} already shows it`, 'success');
      void refreshLinks(session.boardId, session.token);
    } catch (err) {
      setSharing({ step: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  };

  return (
    <PanelSection title="Share">
      <div className="panel-row">
        <button
          type="button"
          className="btn"
          data-testid="panel-share-card"
          disabled={sharing.step === 'sending'}
          aria-busy={sharing.step === 'sending'}
          onClick={() => setPicking(true)}
        >
          {sharing.step === 'sending' ? 'Sharing…' : 'Share to another map…'}
        </button>
      </div>
      {sharing.step === 'sending' && (
        <p className="panel-hint" role="status">
          Sharing to {sharing.title}…
        </p>
      )}
      {sharing.step === 'failed' && (
        <p className="shared-error" role="alert" data-testid="share-error">
          Not shared: {sharing.message}
        </p>
      )}
      {sharing.step === 'done' && (
        <p className="shared-done" role="status" data-testid="share-done">
          {sharing.copy.created
            ? `Shared to ${sharing.title}.`
            : `${sharing.title} already shows this card.`}{' '}
          <MapLink
            boardId={sharing.copy.boardId}
            cardId={sharing.copy.cardId}
            testId="share-open-copy"
          >
            Open the copy
          </MapLink>
        </p>
      )}
      {picking && (
        <LinkPicker
          boardId={session.boardId}
          purpose={purpose}
          onClose={() => setPicking(false)}
          onPick={(to, title) => {
            setPicking(false);
            void share(to, title ?? 'the map');
          }}
        />
      )}
    </PanelSection>
  );
}

/** A copy's notice (W304): where its content comes from, where to edit it, and "Detach". */
export function SharedCopyNotice(props: { doc: Y.Doc; card: Card }) {
  const { session } = useOpenBoard();
  const links = useBoardLinks(session.boardId);
  const { attempt, show } = useToasts();
  const origin = copyOrigin(props.card, links);
  if (!origin) return null;
  const href = originHref(origin);
  const detach = () => {
    if (attempt(() => detachSharedCopy(props.doc, props.card.id)) === undefined) return;
    show('Detached: the card is now this map’s own (Ctrl+Z undoes it)', 'success');
  };
  let reason: ReactNode = copyReason(origin);
  if (href)
    reason = (
      <>
        Shared from{' '}
        <MapLink boardId={origin.boardId} cardId={origin.cardId} testId="shared-origin-link">
          {origin.title ?? 'another map'}
        </MapLink>{' '}
        — edit it there
      </>
    );
  return (
    <div className="shared-notice" data-testid="shared-copy-notice" data-state={origin.state}>
      <p>
        <span className="shared-badge" aria-hidden="true">
          ⇄
        </span>{' '}
        {reason}
      </p>
      <p className="panel-hint">Text, colour, tags and evidence follow the original.</p>
      <div className="panel-row panel-edit-only">
        <button type="button" className="btn" data-testid="panel-detach" onClick={detach}>
          Detach
        </button>
        <span className="panel-hint">Makes it a card of its own that no longer follows.</span>
      </div>
    </div>
  );
}

/** An origin's "Shared in N maps" (W306): each map a link, or what it is when it cannot open. */
export function SharedInMaps(props: { card: Card }) {
  const { session } = useOpenBoard();
  const copies = copiesOf(props.card.id, useBoardLinks(session.boardId));
  if (copies.length === 0) return null;
  return (
    <PanelSection title={sharedInLabel(copies.length)}>
      <ul className="used-in-list" data-testid="shared-in">
        {copies.map((copy) => (
          <li key={copy.boardId}>
            {copy.state === 'ok' ? (
              <MapLink boardId={copy.boardId} testId="shared-in-map">
                {copy.title}
              </MapLink>
            ) : (
              <span className="muted">{linkLabel(copy)}</span>
            )}
          </li>
        ))}
      </ul>
    </PanelSection>
  );
}

/** The fields a copy takes from its origin, read-only on a copy (the panel's read-only look). */
export function CopyLocked(props: { locked: boolean; children: ReactNode }) {
  if (!props.locked) return <>{props.children}</>;
  return (
    <fieldset disabled className="panel-fieldset" data-testid="panel-copy-locked">
      <PanelReadOnly.Provider value>{props.children}</PanelReadOnly.Provider>
    </fieldset>
  );
}
