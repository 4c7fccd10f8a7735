import type * as Y from 'yjs';
import { readLinks } from '../../shared/model/links.js';
import type { Logger } from '../logger.js';
import type { LinkStore } from '../storage/links.js';
import type { Room } from '../sync/room.js';
import type { RoomRegistry } from '../sync/roomRegistry.js';

/** Link changes within this long reach the index as one write. */
const LINKS_DELAY_MS = 200;

const keyOf = (doc: Y.Doc) => JSON.stringify(readLinks(doc));

/**
 * Keeps the link index (W243) in step with each loaded board's stages and cards, whoever
 * changed them (an editor, a restore, another instance), as boardListing.ts does for titles.
 * The first write comes at load, so boards made before the index join it when next opened.
 */
export function mirrorBoardLinks(
  registry: Pick<RoomRegistry, 'onRoomLoaded'>,
  links: Pick<LinkStore, 'setLinks'>,
  log: Logger,
): void {
  registry.onRoomLoaded((room) => {
    if (room.name.kind === 'board') mirrorRoom(room, links, log);
  });
}

function mirrorRoom(room: Room, links: Pick<LinkStore, 'setLinks'>, log: Logger): void {
  let timer: NodeJS.Timeout | null = null;
  let written: string | null = null;
  const write = () => {
    timer = null;
    const key = keyOf(room.doc);
    // Most edits (text, moves) change no link: nothing to write.
    if (key === written) return;
    written = key;
    links.setLinks(room.name.boardId, readLinks(room.doc)).catch((err: unknown) => {
      written = null;
      log.error({ err, boardId: room.name.boardId }, 'updating the link index failed');
    });
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(write, LINKS_DELAY_MS);
  };
  room.doc.getMap('stages').observeDeep(schedule);
  room.doc.getMap('cards').observeDeep(schedule);
  schedule();
}
