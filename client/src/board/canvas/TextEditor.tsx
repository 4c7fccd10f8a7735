import { useEffect, useRef, useState, type CSSProperties, type KeyboardEvent } from 'react';
import type * as Y from 'yjs';
import { renameLane, renameStage } from '../../../../shared/model/axes.js';
import { setCardText } from '../../../../shared/model/cards.js';
import { setShapeText } from '../../../../shared/model/shapes.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { GRID, type GridLayout, type Rect } from '../layout.js';
import type { Editing } from '../tools.js';
import { toScreen, type Viewport } from '../viewport.js';

interface TextEditorProps {
  doc: Y.Doc;
  board: BoardSnapshot;
  layout: GridLayout;
  viewport: Viewport;
  editing: Editing;
  onDone(): void;
}

/** Where the edited item sits, in board units, and its current text. */
function target(props: TextEditorProps): { rect: Rect; text: string; fontSize: number } | null {
  const { editing, layout, board, viewport } = props;
  if (editing.kind === 'card') {
    const box = layout.cards.get(editing.id);
    if (!box) return null;
    const emotion = layout.rows.find((r) => r.id === box.card.laneId)?.kind === 'emotions';
    const rect = emotion ? { x: box.x - 60 + box.w / 2, y: box.y + box.h + 4, w: 120, h: 48 } : box;
    return { rect, text: box.card.text, fontSize: emotion ? 11 : 13 };
  }
  if (editing.kind === 'shape') {
    const shape = board.shapes.find((s) => s.id === editing.id);
    if (!shape) return null;
    const rect =
      shape.type === 'arrow'
        ? { x: shape.x + shape.w / 2 - 60, y: shape.y + shape.h / 2 - 18, w: 120, h: 32 }
        : shape;
    return { rect, text: shape.text ?? '', fontSize: shape.type === 'text' ? 18 : 14 };
  }
  if (editing.kind === 'stage') {
    const column = layout.columns.find((c) => c.id === editing.id);
    if (!column) return null;
    return {
      rect: { x: column.x, y: Math.max(0, viewport.y), w: column.w, h: GRID.headerH },
      text: column.name,
      fontSize: 16,
    };
  }
  const row = layout.rows.find((r) => r.id === editing.id);
  if (!row) return null;
  return {
    rect: { x: Math.max(0, viewport.x), y: row.y, w: GRID.headerW, h: 48 },
    text: row.name,
    fontSize: 14,
  };
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
  const found = target(props);
  const [draft, setDraft] = useState(found?.text ?? '');
  const live = editing.kind === 'card' || editing.kind === 'shape';

  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.focus();
    el.select();
    // Only on the first appearance of the target.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [editing.id, found === null]);

  if (!found) return null;
  const { rect, fontSize } = found;
  const topLeft = toScreen(viewport, rect.x, rect.y);

  const write = (text: string) => {
    if (editing.kind === 'card') toasts.attempt(() => setCardText(doc, editing.id, text));
    if (editing.kind === 'shape') toasts.attempt(() => setShapeText(doc, editing.id, text));
  };
  const finish = () => {
    if (editing.kind === 'stage' && draft.trim() && draft !== found.text)
      toasts.attempt(() => renameStage(doc, editing.id, draft));
    if (editing.kind === 'lane' && draft.trim() && draft !== found.text)
      toasts.attempt(() => renameLane(doc, editing.id, draft));
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
      value={draft}
      onChange={(e) => {
        setDraft(e.target.value);
        if (live) write(e.target.value);
      }}
      onKeyDown={onKeyDown}
      onBlur={finish}
    />
  );
}
