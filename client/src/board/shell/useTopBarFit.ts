/**
 * Measures the top bar and decides (with `fitTopBar`) which optional tools it shows and which
 * wait in its "More" menu, again whenever the bar or anything in it changes size.
 *
 * Markup it reads: optional tools carry `data-fit="<id>"` (hidden ones keep their last measured
 * width), always-shown items `data-fit-fixed`, the "More" button `data-fit-more`, and the title
 * block `data-fit-heading`, whose lines that should not be cut are marked `data-fit-text`: a
 * line needs the width of its parts, where a part marked `data-fit-shrink` (text that may be cut
 * with an ellipsis) counts at its text's full width and one marked `data-fit-ignore` not at all.
 */
import { useLayoutEffect, useRef, useState, type RefObject } from 'react';
import { fitTopBar, type Fit } from './topBarFit.js';

export interface TopBarTool {
  id: string;
  priority: number;
}

/**
 * Below this bar width the title takes a row of its own (with the back button, marked
 * `data-fit-first-row`) and the tools share the row under it; see board.css.
 */
export const PHONE_BAR_WIDTH = 600;
/** The title's least width, and the share of the bar it gets first. */
const HEADING_MIN = 120;
const HEADING_SHARE = 0.35;
const HEADING_MAX = 360;
/** The "More" button's width before it was ever drawn. */
const MORE_WIDTH = 36;

const sameIds = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
  a.size === b.size && [...a].every((id) => b.has(id));

const width = (el: Element | null) => (el ? el.getBoundingClientRect().width : 0);

/** The width a `data-fit-text` line needs to show every part whole. */
function lineWidth(line: HTMLElement): number {
  const parts = [...line.children].filter(
    (c): c is HTMLElement => c instanceof HTMLElement && c.dataset.fitIgnore === undefined,
  );
  const gap = parseFloat(getComputedStyle(line).columnGap) || 0;
  let total = gap * Math.max(0, parts.length - 1);
  for (const part of parts) {
    if (part.dataset.fitShrink === undefined) total += width(part);
    else {
      // The laid-out text keeps its full width even while its box cuts it with an ellipsis.
      const range = document.createRange();
      range.selectNodeContents(part);
      const padding =
        parseFloat(getComputedStyle(part).paddingLeft) +
        parseFloat(getComputedStyle(part).paddingRight);
      total += range.getBoundingClientRect().width + padding;
    }
  }
  return total;
}

/**
 * `content` names what the title block shows (title, persona…): when it changes, the bar is
 * measured again even if no box changed size.
 */
export function useTopBarFit(
  bar: RefObject<HTMLElement | null>,
  tools: readonly TopBarTool[],
  content: string,
) {
  // What was measured is state, not only the ref: a tool that arrives late (the follow button,
  // once the server answered) is drawn in the bar once, and the pass that measured it must
  // render again to move it into "More" even when the tools shown stay the same (an open "More"
  // menu otherwise went on lacking it until something else re-rendered the bar).
  const [fit, setFit] = useState<Fit & { measured: ReadonlySet<string> }>(() => ({
    shown: new Set(tools.map((t) => t.id)),
    heading: HEADING_MIN,
    measured: new Set(),
  }));
  const widths = useRef(new Map<string, number>());
  const moreWidth = useRef(MORE_WIDTH);
  const toolKey = tools.map((t) => `${t.id}:${t.priority}`).join(',');
  const latestTools = useRef(tools);
  latestTools.current = tools;

  useLayoutEffect(() => {
    const root = bar.current;
    if (!root) return;
    const measure = () => {
      const style = getComputedStyle(root);
      const available =
        root.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const gap = parseFloat(style.columnGap) || 0;
      for (const el of root.querySelectorAll<HTMLElement>('[data-fit]')) {
        const w = width(el);
        if (w > 0) widths.current.set(el.dataset.fit!, w);
      }
      const more = root.querySelector('[data-fit-more]');
      if (more && width(more) > 0) moreWidth.current = width(more);
      const phone = root.clientWidth < PHONE_BAR_WIDTH;
      const fixed = [...root.querySelectorAll<HTMLElement>('[data-fit-fixed]')]
        .filter((el) => !(phone && el.dataset.fitFirstRow !== undefined))
        .map(width)
        .filter((w) => w > 0);
      const lines = [...root.querySelectorAll<HTMLElement>('[data-fit-heading] [data-fit-text]')];
      const natural = Math.ceil(Math.max(0, ...lines.map(lineWidth)));
      const next = fitTopBar({
        available,
        gap,
        fixed,
        heading: phone
          ? null
          : {
              natural,
              min: HEADING_MIN,
              cap: Math.min(HEADING_MAX, Math.round(available * HEADING_SHARE)),
            },
        // A tool never drawn yet is shown once, so it can be measured.
        items: latestTools.current.map((t) => ({ ...t, width: widths.current.get(t.id) ?? 0 })),
        moreWidth: moreWidth.current,
      });
      const measured = new Set(widths.current.keys());
      setFit((prev) =>
        prev.heading === next.heading &&
        sameIds(prev.shown, next.shown) &&
        sameIds(prev.measured, measured)
          ? prev
          : { ...next, measured },
      );
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(root);
    for (const el of root.querySelectorAll('[data-fit], [data-fit-fixed], [data-fit-text]'))
      observer.observe(el);
    return () => observer.disconnect();
  }, [bar, toolKey, content]);

  // A tool never measured is drawn in the bar once, so the next pass knows its width.
  const inBar = (id: string) => fit.shown.has(id) || !fit.measured.has(id);
  return {
    inBar,
    /** Tools waiting in the "More" menu, most important first. */
    inMore: tools.filter((t) => !inBar(t.id)).map((t) => t.id),
    heading: fit.heading,
  };
}
