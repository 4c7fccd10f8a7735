import { useContext, useState } from 'react';
import { navigate } from '../../router.js';
import { useToasts } from '../../ui/toasts.js';
import { PanelReadOnly, PanelSection } from '../details/fields.js';
import { LinkPicker } from './LinkPicker.js';
import { boardPath, linkLabel, useLinkedBoard } from './linkStore.js';

/** A link chip as a button: the child's title (or what it is), and activating it opens it. */
export function LinkChip(props: { target: string; testId?: string; tabStop?: boolean }) {
  const linked = useLinkedBoard(props.target);
  const label = linkLabel(linked);
  const openable = linked?.state !== 'missing';
  return (
    <button
      type="button"
      className="link-chip"
      data-testid={props.testId ?? 'link-chip'}
      data-state={linked?.state ?? 'loading'}
      disabled={!openable}
      tabIndex={props.tabStop === false ? -1 : undefined}
      aria-label={`Open linked map: ${label}`}
      title={openable ? `Open ${label}` : 'The linked map no longer exists'}
      onClick={() => navigate(boardPath(props.target))}
    >
      <span aria-hidden="true">↗</span> {label}
    </button>
  );
}

/** The "Linked map" section of a card's or a stage's panel: the chip, link and unlink. */
export function LinkField(props: {
  boardId: string;
  link: string | undefined;
  onChange(link: string | undefined): void;
}) {
  const [picking, setPicking] = useState(false);
  const readOnly = useContext(PanelReadOnly);
  const { attempt } = useToasts();
  if (readOnly && !props.link) return null;
  return (
    <PanelSection title="Linked map">
      {props.link && <LinkChip target={props.link} testId="panel-link-chip" />}
      <div className="panel-row panel-edit-only">
        <button
          type="button"
          className="btn"
          data-testid="panel-link-to-map"
          onClick={() => setPicking(true)}
        >
          {props.link ? 'Change link…' : 'Link to map…'}
        </button>
        {props.link && (
          <button
            type="button"
            className="btn btn-ghost"
            data-testid="panel-remove-link"
            onClick={() => attempt(() => props.onChange(undefined))}
          >
            Remove link
          </button>
        )}
      </div>
      {picking && (
        <LinkPicker
          boardId={props.boardId}
          current={props.link}
          onClose={() => setPicking(false)}
          onPick={(target) => {
            setPicking(false);
            attempt(() => props.onChange(target));
          }}
        />
      )}
    </PanelSection>
  );
}
