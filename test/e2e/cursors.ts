/**
 * Others' cursors as a page draws them: nodes of the Konva layer "remote-cursors" (W235), read
 * through `window.Konva.stages`, in page coordinates.
 */
import type Konva from 'konva';
import type { Page } from 'playwright-core';

export interface DrawnCursor {
  user: string;
  clientId: number;
  /** The arrow's tip, in page coordinates. */
  x: number;
  y: number;
  opacity: number;
  /** The name label's opacity (0 when hidden, W237). */
  label: number;
}

/** Every cursor on the layer now (only those in view are on it), or null before it exists. */
export function drawnCursors(page: Page): Promise<DrawnCursor[] | null> {
  return page.evaluate(() => {
    const stages = (window as unknown as { Konva?: typeof Konva }).Konva?.stages ?? [];
    const layer = stages.flatMap((s) => s.getLayers()).find((l) => l.name() === 'remote-cursors');
    if (!layer) return null;
    const box = layer.getStage()!.container().getBoundingClientRect();
    return layer.getChildren().map((node) => {
      const g = node as Konva.Group;
      const label = g.findOne('.peer-label');
      return {
        user: String(g.getAttr('user')),
        clientId: Number(g.getAttr('clientId')),
        x: box.x + g.x(),
        y: box.y + g.y(),
        opacity: g.opacity(),
        label: label?.isVisible() ? label.opacity() : 0,
      };
    });
  });
}

export async function drawnCursor(page: Page, user: string): Promise<DrawnCursor | null> {
  return (await drawnCursors(page))?.find((c) => c.user === user) ?? null;
}

/** Waits until `user`'s cursor is drawn (or, with `gone`, is not). */
export async function waitForCursor(
  page: Page,
  user: string,
  { gone = false, timeout = 15_000 }: { gone?: boolean; timeout?: number } = {},
): Promise<void> {
  await page.waitForFunction(
    ({ user, gone }) => {
      const stages = (window as unknown as { Konva?: typeof Konva }).Konva?.stages ?? [];
      const layer = stages.flatMap((s) => s.getLayers()).find((l) => l.name() === 'remote-cursors');
      const drawn = !!layer?.getChildren().some((g) => (g as Konva.Group).getAttr('user') === user);
      return gone ? !!layer && !drawn : drawn;
    },
    { user, gone },
    { timeout },
  );
}

declare global {
  interface Window {
    /** React commits since the page loaded, counted by REACT_COMMITS_SCRIPT. */
    __reactCommits?: number;
  }
}

/**
 * An init script standing in for React DevTools: React (production builds too) reports every
 * commit to this hook, so a page counts its React renders without a debug build.
 */
export const REACT_COMMITS_SCRIPT = `(() => {
  window.__reactCommits = 0;
  window.__REACT_DEVTOOLS_GLOBAL_HOOK__ = {
    supportsFiber: true,
    isDisabled: false,
    renderers: new Map(),
    inject() { return 1; },
    checkDCE() {},
    onScheduleFiberRoot() {},
    onCommitFiberRoot() { window.__reactCommits++; },
    onCommitFiberUnmount() {},
    onPostCommitFiberRoot() {},
    setStrictMode() {},
  };
})();`;

export const reactCommits = (page: Page): Promise<number> =>
  page.evaluate(() => window.__reactCommits ?? -1);
