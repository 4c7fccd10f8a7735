/**
 * Which top-bar tools fit beside the title at the bar's width, and which go into its "More"
 * menu. Pure, so it is unit-tested; `useTopBarFit` feeds it measured widths.
 *
 * The title and persona first get the room they need (up to `heading.cap`); then optional tools
 * join the bar in priority order, each one that still fits (a wide tool that does not fit leaves
 * room for a narrower, lower one), and the rest wait in "More". When even the fixed items leave
 * less than the title wants, the title gives way down to `heading.min`. On a phone the title has
 * a row of its own (`heading: null`) and the tools share the row below.
 */

export interface FitItem {
  id: string;
  /** Measured width in px. */
  width: number;
  /** Higher stays in the bar longer. */
  priority: number;
}

export interface FitInput {
  /** The bar's content width (padding excluded). */
  available: number;
  /** Space between two items of the bar. */
  gap: number;
  /** Widths of the items that are always in the bar (back, people, sync state, share…). */
  fixed: readonly number[];
  /**
   * The title block: the width its text needs, the least it may have, the most it is given
   * first; null when it sits on a row of its own.
   */
  heading: { natural: number; min: number; cap: number } | null;
  /** Optional tools, in any order. */
  items: readonly FitItem[];
  /** The "More" button, shown once any tool is in its menu. */
  moreWidth: number;
}

export interface Fit {
  /** Ids of the optional tools that stay in the bar. */
  shown: Set<string>;
  /** The width the title block keeps (its CSS min-width); it grows into any room left. */
  heading: number;
}

/** A few pixels of slack so rounding never pushes the last tool past the edge. */
const SLACK = 4;

export function fitTopBar(input: FitInput): Fit {
  const { gap, heading } = input;
  const available = input.available - SLACK;
  const want = heading ? Math.max(heading.min, Math.min(heading.natural, heading.cap)) : 0;
  // Width of a bar holding the heading (at `headingWidth`), the fixed items and `tools`.
  const width = (headingWidth: number, tools: readonly FitItem[], more: boolean) => {
    const parts = [
      ...(heading ? [headingWidth] : []),
      ...input.fixed,
      ...tools.map((t) => t.width),
    ];
    if (more) parts.push(input.moreWidth);
    return parts.reduce((a, b) => a + b, 0) + gap * (parts.length - 1);
  };
  if (width(want, input.items, false) <= available) {
    return { shown: new Set(input.items.map((i) => i.id)), heading: want };
  }
  const byPriority = [...input.items].sort((a, b) => b.priority - a.priority);
  const shown: FitItem[] = [];
  for (const item of byPriority) {
    if (width(want, [...shown, item], true) <= available) shown.push(item);
  }
  const more = shown.length < input.items.length;
  if (!heading) return { shown: new Set(shown.map((i) => i.id)), heading: 0 };
  // width(h, …) is h plus the rest, so the heading's room is what the rest leaves.
  const room = available - width(0, shown, more);
  return {
    shown: new Set(shown.map((i) => i.id)),
    heading: Math.max(heading.min, Math.min(want, Math.floor(room))),
  };
}
