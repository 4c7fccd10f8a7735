import { listingMeta } from '../shared/model/board.js';
import type { Logger } from './logger.js';
import type { Storage } from './storage/storage.js';
import type { Room } from './sync/room.js';
import type { RoomRegistry } from './sync/roomRegistry.js';

/** Meta changes within this long reach the listing as one write. */
const LISTING_DELAY_MS = 200;

/**
 * Keeps the boards listing (title, map type) in step with each loaded board's meta, whoever
 * changed it (an editor, a restore, another instance). Lives outside server/sync, which knows
 * nothing of journeys.
 */
export function mirrorBoardListing(
  registry: Pick<RoomRegistry, 'onRoomLoaded'>,
  storage: Pick<Storage, 'updateBoardMeta'>,
  log: Logger,
): void {
  registry.onRoomLoaded((room) => {
    if (room.name.kind === 'board') mirrorRoom(room, storage, log);
  });
}

function mirrorRoom(room: Room, storage: Pick<Storage, 'updateBoardMeta'>, log: Logger): void {
  let timer: NodeJS.Timeout | null = null;
  // Deep: the persona is a map inside meta.
  room.doc.getMap('meta').observeDeep(() => {
    if (timer) return;
    timer = setTimeout(() => {
      timer = null;
      const { title, mapType, persona } = listingMeta(room.doc);
      storage
        .updateBoardMeta(room.name.boardId, { title, mapType, persona })
        .catch((err: unknown) => {
          log.error({ err, boardId: room.name.boardId }, 'updating the board listing failed');
        });
    }, LISTING_DELAY_MS);
  });
}
