import { useEffect, useRef, useState } from 'react';
import { useEditor, useEditorStore } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';

/** How long a card opened by its address stays lit. */
export const CARD_FLASH_MS = 2_000;
/** A card opened by its address is shown at least this large (100 %). */
const MIN_ZOOM = 1;

/** The card an address names (`/b/<id>?card=<cardId>`, a search result's link), or null. */
export function cardParam(search: string): string | null {
  const card = new URLSearchParams(search).get('card');
  return card && /^[\w-]{1,64}$/.test(card) ? card : null;
}

/**
 * Opens the card the address names: once it is on the board, selects it, centres it (at 100 %
 * at least) and lights it up briefly. The table view follows the selection by itself.
 */
export function CardDeepLink() {
  const { layout, size } = useOpenBoard();
  const store = useEditorStore();
  const viewport = useEditor((s) => s.viewport);
  const view = useEditor((s) => s.view);
  const [cardId, setCardId] = useState(() => cardParam(location.search));
  const [lit, setLit] = useState<string | null>(null);
  const handled = useRef<string | null>(null);

  useEffect(() => {
    const onAddress = () => {
      handled.current = null;
      setCardId(cardParam(location.search));
    };
    window.addEventListener('popstate', onAddress);
    return () => window.removeEventListener('popstate', onAddress);
  }, []);

  useEffect(() => {
    if (!cardId || handled.current === cardId || size.w < 50) return;
    const box = layout.cards.get(cardId);
    if (!box) return;
    handled.current = cardId;
    // After this commit's other effects: the first fit of the whole map must not undo it.
    const frame = requestAnimationFrame(() => {
      store.dispatch({ type: 'select', ids: [cardId] });
      if (store.getState().view !== 'table') {
        const zoom = Math.max(store.getState().viewport.zoom, MIN_ZOOM);
        store.dispatch({
          type: 'setViewport',
          viewport: {
            zoom,
            x: box.x + box.w / 2 - size.w / 2 / zoom,
            y: box.y + box.h / 2 - size.h / 2 / zoom,
          },
        });
      }
      setLit(cardId);
    });
    return () => cancelAnimationFrame(frame);
  }, [cardId, layout, size, store]);

  useEffect(() => {
    if (!lit) return;
    const timer = setTimeout(() => setLit(null), CARD_FLASH_MS);
    return () => clearTimeout(timer);
  }, [lit]);

  const box = lit ? layout.cards.get(lit) : undefined;
  if (!box || view !== 'canvas') return null;
  return (
    <div
      className="card-flash"
      data-testid="card-flash"
      data-card-id={lit}
      aria-hidden="true"
      style={{
        left: (box.x - viewport.x) * viewport.zoom,
        top: (box.y - viewport.y) * viewport.zoom,
        width: box.w * viewport.zoom,
        height: box.h * viewport.zoom,
      }}
    />
  );
}
