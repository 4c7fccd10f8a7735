import type * as Y from 'yjs';
import { readSharedCopies } from '../../shared/model/sharedCards.js';
import { isYMap } from '../../shared/model/read.js';
import type { Logger } from '../logger.js';
import type { Room } from '../sync/room.js';
import type { RoomRegistry } from '../sync/roomRegistry.js';
import { originOf } from '../updateOrigin.js';
import type { SharedCopies } from './sharedCopies.js';

/** Edits within this long reach the copies as one refresh. */
const SHARED_DELAY_MS = 300;

/**
 * Keeps shared copies in step with their origins (W304) from every loaded board room:
 * - a map's copies are refreshed when it loads (origins may have changed while it slept);
 * - an edit made here to an origin card (by a client of this instance or by the server) is
 *   sent to its copies; an edit relayed from another instance was sent by that instance;
 * - a client's edit to a copy's content is replaced by the origin's (W305): one place edits.
 */
export function mirrorSharedCopies(
  registry: Pick<RoomRegistry, 'onRoomLoaded'>,
  shared: Pick<SharedCopies, 'push' | 'refresh'>,
  log: Logger,
): void {
  registry.onRoomLoaded((room) => {
    if (room.name.kind === 'board') watchRoom(room, shared, log);
  });
}

/** What a copy shows of its origin (sharedCards.ts SharedContent), and its reference. */
const MIRRORED = new Set(['text', 'color', 'tags', 'evidence', 'sharedFrom']);

/** The cards a batch of deep events touched, each with whether its shared content changed. */
function touchedCards(cards: Y.Map<unknown>, events: readonly Y.YEvent<Y.AbstractType<unknown>>[]) {
  const touched = new Map<string, boolean>();
  const add = (id: string, content: boolean) => touched.set(id, touched.get(id) || content);
  for (const event of events) {
    const [first, second] = event.path;
    if (event.target === cards) for (const key of event.keys.keys()) add(key, true);
    else if (typeof first !== 'string') continue;
    else if (typeof second === 'string') add(first, MIRRORED.has(second));
    else
      add(
        first,
        [...event.keys.keys()].some((key) => MIRRORED.has(key)),
      );
  }
  return touched;
}

function watchRoom(room: Room, shared: Pick<SharedCopies, 'push' | 'refresh'>, log: Logger) {
  const { boardId } = room.name;
  const cards = room.doc.getMap<unknown>('cards');
  const origins = new Set<string>();
  const copies = new Set<string>();
  let everyCopy = readSharedCopies(room.doc).length > 0;
  let timer: NodeJS.Timeout | null = null;
  let running = Promise.resolve();

  const run = async () => {
    const [pushed, guarded, all] = [new Set(origins), new Set(copies), everyCopy];
    origins.clear();
    copies.clear();
    everyCopy = false;
    if (pushed.size > 0) await shared.push(boardId, pushed);
    if (all || guarded.size > 0)
      await shared.refresh(boardId, (_origin, copyId) => all || guarded.has(copyId));
  };
  const schedule = () => {
    timer ??= setTimeout(() => {
      timer = null;
      running = running
        .then(run)
        .catch((err: unknown) => log.error({ err, boardId }, 'refreshing shared copies failed'));
    }, SHARED_DELAY_MS);
  };

  cards.observeDeep((events, transaction) => {
    const origin = originOf(transaction.origin);
    if (origin.kind === 'relay' || origin.kind === 'storage') return;
    for (const [id, content] of touchedCards(cards, events)) {
      const record = cards.get(id);
      if (!content || !isYMap(record)) continue;
      if (record.get('sharedOut') === true) origins.add(id);
      if (origin.kind === 'client' && typeof record.get('sharedFrom') === 'string') copies.add(id);
    }
    if (origins.size > 0 || copies.size > 0) schedule();
  });
  if (everyCopy) schedule();
}
