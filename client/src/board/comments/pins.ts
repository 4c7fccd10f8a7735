/** Where comment pins go on screen. Pure, so it is unit-tested; CommentPins.tsx draws them. */
import type { CommentAnchor, CommentThread } from '../../../../shared/model/comments.js';
import type { Shape } from '../../../../shared/model/schema.js';
import type { GridLayout } from '../core/layout.js';
import { toScreen, type Viewport } from '../core/viewport.js';
import { anchorKey, anchorRect, stickyPoint } from './anchors.js';
import { plural } from '../../../../shared/model/plural.js';

/** A pin's size on screen (it does not scale with zoom). */
export const PIN_SIZE = 28;
/** How far apart pins of threads on the same item fan out. */
export const PIN_FAN = 20;
/** How far inside a header's corner its pins sit. */
export const PIN_INSET = 6;

export interface PinPlacement {
  thread: CommentThread;
  /** Screen coordinates (relative to the canvas) of the pin's top-left corner. */
  left: number;
  top: number;
}

/** A pin's top-left for the screen spot its anchor gives, and which way more pins fan out. */
function pinBox(kind: CommentAnchor['kind'], sx: number, sy: number) {
  switch (kind) {
    case 'point': // The bubble's tail (its bottom-left corner) is on the spot clicked.
      return { left: sx, top: sy - PIN_SIZE, fan: 1 };
    case 'stage':
    case 'lane': // Inside the header's top-right corner, so it is never cut off at the edge.
      return { left: sx - PIN_SIZE - PIN_INSET, top: sy + PIN_INSET, fan: -1 };
    case 'card':
    case 'shape': // A badge centred on the corner of a card or shape.
      return { left: sx - PIN_SIZE / 2, top: sy - PIN_SIZE / 2, fan: 1 };
  }
}

/**
 * The pins to draw: open threads (and resolved ones when asked) whose anchor still exists and
 * whose pin is at least partly on the screen of w × h. Threads on one item fan out, oldest
 * first.
 */
export function placePins(
  threads: readonly CommentThread[],
  layout: GridLayout,
  shapes: readonly Shape[],
  viewport: Viewport,
  size: { w: number; h: number },
  showResolved: boolean,
): PinPlacement[] {
  const perAnchor = new Map<string, number>();
  const oldestFirst = [...threads].sort((a, b) =>
    a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : a.id < b.id ? -1 : 1,
  );
  const placed: PinPlacement[] = [];
  for (const thread of oldestFirst) {
    if (thread.resolved && !showResolved) continue;
    const point = anchorRect(thread.anchor, layout, shapes);
    if (!point) continue;
    const key = anchorKey(thread.anchor);
    const n = perAnchor.get(key) ?? 0;
    perAnchor.set(key, n + 1);
    const board = stickyPoint(thread.anchor, point, viewport, size.w);
    const screen = toScreen(viewport, board.x, board.y);
    const box = pinBox(thread.anchor.kind, screen.x, screen.y);
    const left = box.left + box.fan * n * PIN_FAN;
    const top = box.top;
    const visible = left + PIN_SIZE > 0 && left < size.w && top + PIN_SIZE > 0 && top < size.h;
    if (visible) placed.push({ thread, left, top });
  }
  return placed;
}

/** "Comment thread by Ada, 3 messages" (and ", unread", ", resolved"). */
export function pinLabel(thread: CommentThread, unread: boolean): string {
  const n = thread.messages.length;
  let label = `Comment thread by ${thread.createdBy.name}, ${plural(n, 'message')}`;
  if (unread) label += ', unread';
  if (thread.resolved) label += ', resolved';
  return label;
}
