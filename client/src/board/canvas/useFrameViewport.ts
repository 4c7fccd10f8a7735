import { useCallback, useEffect, useRef } from 'react';
import type { EditorStore } from '../core/editorStore.js';
import type { Viewport } from '../core/viewport.js';

type ViewStep = (v: Viewport) => Viewport;

/**
 * View changes from pointer moves and wheel turns, applied once per animation frame: several
 * events in one frame re-render the canvas once, not once each (issue 19). `flush` applies
 * what is queued now (a gesture's end).
 */
export function useFrameViewport(dispatch: EditorStore['dispatch']) {
  const pending = useRef<ViewStep[]>([]);
  const frame = useRef<number | null>(null);
  const flush = useCallback(() => {
    if (frame.current !== null) cancelAnimationFrame(frame.current);
    frame.current = null;
    const steps = pending.current;
    pending.current = [];
    if (steps.length)
      dispatch({ type: 'setViewport', viewport: (v) => steps.reduce((at, step) => step(at), v) });
  }, [dispatch]);
  const queue = useCallback(
    (step: ViewStep) => {
      pending.current.push(step);
      frame.current ??= requestAnimationFrame(flush);
    },
    [flush],
  );
  useEffect(
    () => () => {
      if (frame.current !== null) cancelAnimationFrame(frame.current);
    },
    [],
  );
  return { queue, flush };
}
