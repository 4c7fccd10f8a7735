import type { ReactNode } from 'react';
import { cardPath, navigate } from '../../router.js';
import { PanelSection } from '../details/fields.js';
import { boardPath, linkLabel, useBoardLinks } from './linkStore.js';

/**
 * Follows a crumb, a "used in" entry or a shared card's map as a real link (new tab, copy
 * address keep working); with `cardId`, the map opens at that card.
 */
export function MapLink(props: {
  boardId: string;
  cardId?: string;
  children: ReactNode;
  testId: string;
}) {
  const href = props.cardId ? cardPath(props.boardId, props.cardId) : boardPath(props.boardId);
  return (
    <a
      href={href}
      data-testid={props.testId}
      onClick={(e) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        navigate(href);
      }}
    >
      {props.children}
    </a>
  );
}

/** "Customer lifecycle › Onboarding": the parents of this map (W244), each one a way back. */
export function Breadcrumbs(props: { boardId: string; title: string }) {
  const { breadcrumbs } = useBoardLinks(props.boardId);
  if (breadcrumbs.length === 0) return null;
  return (
    <nav className="board-breadcrumbs" aria-label="Parent maps" data-testid="board-breadcrumbs">
      <ol>
        {breadcrumbs.map((crumb) => (
          <li key={crumb.boardId}>
            {crumb.state === 'ok' ? (
              <MapLink boardId={crumb.boardId} testId="breadcrumb">
                {crumb.title}
              </MapLink>
            ) : (
              <span className="muted">{linkLabel(crumb)}</span>
            )}
            <span aria-hidden="true"> › </span>
          </li>
        ))}
        <li aria-current="page">{props.title}</li>
      </ol>
    </nav>
  );
}

/** The board details panel's "Used in": the maps whose stages or cards link here. */
export function UsedInSection(props: { boardId: string }) {
  const { usedIn } = useBoardLinks(props.boardId);
  if (usedIn.length === 0) return null;
  return (
    <PanelSection title="Used in">
      <ul className="used-in-list" data-testid="used-in">
        {usedIn.map((entry) => (
          <li key={`${entry.boardId}/${entry.itemKind}/${entry.itemId}`}>
            {entry.state === 'ok' ? (
              <MapLink boardId={entry.boardId} testId="used-in-map">
                {entry.title}
              </MapLink>
            ) : (
              <span className="muted">{linkLabel(entry)}</span>
            )}
            {entry.itemLabel && (
              <span className="muted">
                {' '}
                · {entry.itemKind === 'stage' ? 'stage' : 'card'} “{entry.itemLabel}”
              </span>
            )}
          </li>
        ))}
      </ul>
    </PanelSection>
  );
}
