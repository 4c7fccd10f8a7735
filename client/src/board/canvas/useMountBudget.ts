import { useEffect, useRef, useState } from 'react';

/**
 * Which of `ids` may have a full node now: at most `perFrame` new ones a render, the rest over
 * the following animation frames. A zoom across the tile threshold or a fast pan brings a
 * hundred cards into view at once; mounting them all in one frame stalls it for 100 ms or more
 * (issue 19). Ids that leave `ids` are forgotten (they mount again, within the budget).
 */
export function useMountBudget(ids: readonly string[], perFrame: number): ReadonlySet<string> {
  const allowed = useRef(new Set<string>());
  const [, setFrame] = useState(0);
  const wanted = new Set(ids);
  for (const id of allowed.current) if (!wanted.has(id)) allowed.current.delete(id);
  let budget = perFrame;
  let waiting = false;
  for (const id of ids) {
    if (allowed.current.has(id)) continue;
    if (budget > 0) {
      allowed.current.add(id);
      budget--;
    } else waiting = true;
  }
  useEffect(() => {
    if (!waiting) return;
    const frame = requestAnimationFrame(() => setFrame((n) => n + 1));
    return () => cancelAnimationFrame(frame);
  });
  return allowed.current;
}
