import { useCallback } from 'react';
import type { Card } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { linksNow } from './linkStore.js';
import { copyEditHint } from './sharedView.js';

/**
 * Stops typing into a shared copy (W304: the server would put the origin's text back): true
 * when `card` is a copy, after showing why and where to edit it instead.
 */
export function useCopyEditGuard(): (card: Card | undefined) => boolean {
  const { show } = useToasts();
  return useCallback(
    (card) => {
      const hint = copyEditHint(card, linksNow());
      if (hint) show(hint);
      return hint !== null;
    },
    [show],
  );
}
