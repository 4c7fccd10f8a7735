import { useEffect } from 'react';

/**
 * Keeps `--visual-height` on the page root at the height of what is visible: where the
 * on-screen keyboard only shrinks the visual viewport (iOS Safari; Chrome without
 * `interactive-widget=resizes-content`), the board page (board.css) shrinks with it, so a bottom
 * sheet's reply box stays above the keyboard instead of under it.
 */
export function useVisualHeight(): void {
  useEffect(() => {
    const visual = window.visualViewport;
    if (!visual) return;
    const root = document.documentElement;
    // Times the scale: a page pinch-zoomed in shows less of it, but the keyboard took nothing.
    const update = () =>
      root.style.setProperty('--visual-height', `${Math.round(visual.height * visual.scale)}px`);
    update();
    visual.addEventListener('resize', update);
    return () => {
      visual.removeEventListener('resize', update);
      root.style.removeProperty('--visual-height');
    };
  }, []);
}
