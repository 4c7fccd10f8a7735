import { useRef, useState, type PointerEvent, type RefObject } from 'react';

/** Below this share of the room under the top bar, letting go of the grip closes the sheet. */
const DISMISS_SHARE = 0.25;
/** Movement (px) that makes a press on the grip a drag rather than a tap. */
const DRAG_SLOP = 6;

interface Drag {
  pointerId: number;
  startY: number;
  startHeight: number;
  moved: boolean;
}

/**
 * The handle along the top of a panel shown as a bottom sheet (narrow screens; hidden by
 * panel.css elsewhere): drag it to make the sheet taller or shorter, drag it down to close,
 * tap it (or press Enter) to switch between half and full height. The height lives in the
 * sheet's `--sheet-height`, so the layout stays in CSS.
 */
export function SheetGrip(props: { sheet: RefObject<HTMLElement | null>; onDismiss(): void }) {
  const [full, setFull] = useState(false);
  const drag = useRef<Drag | null>(null);
  const room = () => props.sheet.current?.offsetParent?.getBoundingClientRect().height ?? 0;

  const onPointerDown = (e: PointerEvent<HTMLButtonElement>) => {
    const sheet = props.sheet.current;
    if (!sheet || e.button !== 0) return;
    e.currentTarget.setPointerCapture(e.pointerId);
    drag.current = {
      pointerId: e.pointerId,
      startY: e.clientY,
      startHeight: sheet.getBoundingClientRect().height,
      moved: false,
    };
  };
  const onPointerMove = (e: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    const sheet = props.sheet.current;
    if (!d || !sheet || d.pointerId !== e.pointerId) return;
    const dy = e.clientY - d.startY;
    if (!d.moved && Math.abs(dy) < DRAG_SLOP) return;
    d.moved = true;
    const height = Math.max(0, Math.min(room(), d.startHeight - dy));
    sheet.style.setProperty('--sheet-height', `${Math.round(height)}px`);
  };
  const onPointerUp = (e: PointerEvent<HTMLButtonElement>) => {
    const d = drag.current;
    const sheet = props.sheet.current;
    if (!d || d.pointerId !== e.pointerId) return;
    if (!d.moved || !sheet) return;
    const height = sheet.getBoundingClientRect().height;
    if (height < room() * DISMISS_SHARE) {
      drag.current = null;
      props.onDismiss();
    }
  };
  const onClick = () => {
    const d = drag.current;
    drag.current = null;
    // A drag ends in a click on the grip too; only a tap (or a key) switches the height.
    if (d?.moved) return;
    const sheet = props.sheet.current;
    sheet?.style.removeProperty('--sheet-height');
    sheet?.toggleAttribute('data-sheet-full', !full);
    setFull(!full);
  };

  return (
    <button
      type="button"
      className="sheet-grip"
      data-testid="sheet-grip"
      aria-label={full ? 'Make the panel smaller' : 'Make the panel taller'}
      aria-expanded={full}
      title="Drag to resize, down to close"
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={() => (drag.current = null)}
      onClick={onClick}
    >
      <span aria-hidden="true" />
    </button>
  );
}
