import { readLinks } from '../../shared/model/links.js';
import { readSharedCopies } from '../../shared/model/sharedCards.js';
import type { Logger } from '../logger.js';
import type { LinkStore } from '../storage/links.js';
import type { Room } from '../sync/room.js';
import type { RoomRegistry } from '../sync/roomRegistry.js';

/** Link changes within this long reach the index as one write. */
const LINKS_DELAY_MS = 200;

/**
 * Keeps the link index (W243) and the index of shared copies (W302) in step with each loaded board's stages and cards, whoever
 * changed them (an editor, a restore, another instance), as boardListing.ts does for titles.
 * The first write comes at load, so boards made before the index join it when next opened.
 */
export function mirrorBoardLinks(
  registry: Pick<RoomRegistry, 'onRoomLoaded'>,
  links: Pick<LinkStore, 'setLinks' | 'setSharedCopies'>,
  log: Logger,
): void {
  registry.onRoomLoaded((room) => {
    if (room.name.kind === 'board') mirrorRoom(room, links, log);
  });
}

function mirrorRoom(
  room: Room,
  links: Pick<LinkStore, 'setLinks' | 'setSharedCopies'>,
  log: Logger,
): void {
  let timer: NodeJS.Timeout | null = null;
  const written = { links: '', copies: '' };
  const { boardId } = room.name;
  const write = () => {
    timer = null;
    const found = { links: readLinks(room.doc), copies: readSharedCopies(room.doc) };
    const keys = { links: JSON.stringify(found.links), copies: JSON.stringify(found.copies) };
    // Most edits (text, moves) change neither: nothing to write.
    if (keys.links !== written.links) {
      written.links = keys.links;
      links.setLinks(boardId, found.links).catch((err: unknown) => {
        written.links = '';
        log.error({ err, boardId }, 'updating the link index failed');
      });
    }
    if (keys.copies !== written.copies) {
      written.copies = keys.copies;
      links.setSharedCopies(boardId, found.copies).catch((err: unknown) => {
        written.copies = '';
        log.error({ err, boardId }, 'updating the index of shared copies failed');
      });
    }
  };
  const schedule = () => {
    if (!timer) timer = setTimeout(write, LINKS_DELAY_MS);
  };
  room.doc.getMap('stages').observeDeep(schedule);
  room.doc.getMap('cards').observeDeep(schedule);
  schedule();
}
