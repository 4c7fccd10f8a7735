/** Quiet mode (W195): the facilitator's room-wide setting, and whether I draw others' cursors. */
import { useEffect, useState } from 'react';
import type * as Y from 'yjs';
import { GATHER_ROOT, readQuietCursors } from '../../../../shared/model/gather.js';
import { useWorkshopSetting } from './localSettings.js';

export function useRoomQuiet(doc: Y.Doc): boolean {
  const [quiet, setQuiet] = useState(() => readQuietCursors(doc));
  useEffect(() => {
    const map = doc.getMap<unknown>(GATHER_ROOT);
    const read = () => setQuiet(readQuietCursors(doc));
    map.observe(read);
    read();
    return () => map.unobserve(read);
  }, [doc]);
  return quiet;
}

/** Others' cursors are hidden in quiet mode, or when I hid them for myself. */
export function useCursorsHidden(doc: Y.Doc): boolean {
  const room = useRoomQuiet(doc);
  const [mine] = useWorkshopSetting('hideCursors');
  return room || mine;
}
