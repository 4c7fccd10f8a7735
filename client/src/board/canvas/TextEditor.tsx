import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { renameLane, renameStage } from '../../../../shared/model/axes.js';
import { setCardText } from '../../../../shared/model/cards.js';
import { setShapeText } from '../../../../shared/model/shapes.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { editTarget } from '../core/editTarget.js';
import type { GridLayout } from '../core/layout.js';
import { CARD_TEXT_LIMIT, SHAPE_TEXT_LIMIT, useTextLimit } from '../core/textLimit.js';
import type { Editing } from '../core/tools.js';
import { toScreen, type Viewport } from '../core/viewport.js';

interface TextEditorProps {
  doc: Y.Doc;
  board: BoardSnapshot;
  layout: GridLayout;
  viewport: Viewport;
  editing: Editing;
  onDone(): void;
}

/**
 * Edits text in place: an HTML textarea laid exactly over the item. Card and shape text is
 * written as you type (others see it live); names are written on Enter or when focus leaves.
 * Enter finishes (Shift+Enter is a new line), Esc finishes, Tab finishes too.
 */
export function TextEditor(props: TextEditorProps) {
  const { doc, editing, viewport, onDone } = props;
  const toasts = useToasts();
  const ref = useRef<HTMLTextAreaElement>(null);
  const found = editTarget(editing, props.layout, props.board.shapes, viewport);
  // Null until the person types: until then the field shows the item's text as it is now (a
  // new stage appears on the board a frame after the editor opens, with its default name).
  const [draft, setDraft] = useState<string | null>(null);
  const live = editing.kind === 'card' || editing.kind === 'shape';
  const limit = useTextLimit(
    editing.kind === 'card'
      ? CARD_TEXT_LIMIT
      : editing.kind === 'shape'
        ? SHAPE_TEXT_LIMIT
        : undefined,
  );

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    // The item may be outside the canvas (the view pans to it): the canvas must never scroll.
    el.focus({ preventScroll: true });
    el.select();
    // Only on the first appearance of the target.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing.id, found === null]);

  if (!found) return null;
  const { rect, fontSize } = found;
  const value = draft ?? found.text;
  const topLeft = toScreen(viewport, rect.x, rect.y);

  const write = (text: string) => {
    if (editing.kind === 'card') toasts.attempt(() => setCardText(doc, editing.id, text));
    if (editing.kind === 'shape') toasts.attempt(() => setShapeText(doc, editing.id, text));
  };
  const finish = () => {
    if (editing.kind === 'stage' && value.trim() && value !== found.text)
      toasts.attempt(() => renameStage(doc, editing.id, value));
    if (editing.kind === 'lane' && value.trim() && value !== found.text)
      toasts.attempt(() => renameLane(doc, editing.id, value));
    onDone();
  };
  const onKeyDown = (e: KeyboardEvent<HTMLTextAreaElement>) => {
    e.stopPropagation();
    if (e.key === 'Escape' || e.key === 'Tab' || (e.key === 'Enter' && !e.shiftKey)) {
      e.preventDefault();
      finish();
    }
  };

  const style: CSSProperties = {
    left: topLeft.x,
    top: topLeft.y,
    width: rect.w * viewport.zoom,
    height: rect.h * viewport.zoom,
    fontSize: fontSize * viewport.zoom,
    padding: `${10 * viewport.zoom}px`,
    fontWeight: editing.kind === 'stage' || editing.kind === 'lane' ? 700 : 400,
  };
  return (
    <textarea
      ref={ref}
      className="text-editor"
      data-testid="text-editor"
      aria-label={`Edit ${editing.kind} text`}
      style={style}
      value={value}
      {...limit}
      onChange={(e) => {
        setDraft(e.target.value);
        if (live) write(e.target.value);
      }}
      onKeyDown={onKeyDown}
      onBlur={finish}
    />
  );
}
