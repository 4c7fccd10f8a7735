/**
 * Shared insights (W301–W306): placing a copy of a pain point or opportunity on another map,
 * and refreshing copies from their origins. Every write goes through the live room
 * (`Boards.changeLive`), so open maps show it at once and it is stored like any other edit.
 */
import type * as Y from 'yjs';
import { addLane } from '../../shared/model/axes.js';
import { readCards } from '../../shared/model/cards.js';
import type { BoardJson } from '../../shared/model/json.js';
import type { Card, LaneKind } from '../../shared/model/schema.js';
import {
  addSharedCopy,
  applySharedContent,
  markSharedOrigin,
  readSharedCopies,
  SHAREABLE_LANE_KINDS,
  sharedContentOf,
} from '../../shared/model/sharedCards.js';
import { parseSharedRef, type SharedRef } from '../../shared/model/sharedRef.js';
import type { Boards } from '../boards.js';
import type { Logger } from '../logger.js';
import type { LinkStore } from '../storage/links.js';
import { SERVER_ORIGIN } from '../updateOrigin.js';

export interface SharedCopiesDeps {
  boards: Pick<Boards, 'changeLive' | 'exportJson'>;
  links: Pick<LinkStore, 'setSharedCopies' | 'sharedCopiesOf'>;
  log: Logger;
  /** A board's `shared_copies` rows were written here, outside the board indexer. */
  indexedOutside?: (boardId: string) => void;
}

/** Why a share was refused: the HTTP status and a sentence for the person. */
export class ShareRefused extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

export interface ShareResult {
  boardId: string;
  cardId: string;
  /** False when the map already held a copy of that origin (sharing again adds none). */
  created: boolean;
}

const LANE_NAMES: Partial<Record<LaneKind, string>> = {
  painPoints: 'Pain points',
  opportunities: 'Opportunities',
};

const sameName = (a: string, b: string) =>
  a.trim().toLocaleLowerCase() === b.trim().toLocaleLowerCase();

/** Where a copy lands (W303): a lane of the origin's kind, the stage of the same name. */
function placeCopy(doc: Y.Doc, board: BoardJson, kind: LaneKind, stageName: string) {
  const stage = board.stages.find((s) => sameName(s.name, stageName)) ?? board.stages[0];
  if (!stage) throw new ShareRefused(409, 'that map has no stages to place the card in');
  const lane = board.lanes.find((l) => l.kind === kind);
  const laneId = lane?.id ?? addLane(doc, { name: LANE_NAMES[kind] ?? kind, kind });
  return { stageId: stage.id, laneId };
}

export class SharedCopies {
  constructor(private readonly deps: SharedCopiesDeps) {}

  /** Each origin board's cards by id (null when the board is gone), read once per call. */
  private async origins(boardIds: Iterable<string>): Promise<Map<string, Map<string, Card>>> {
    const found = new Map<string, Map<string, Card>>();
    for (const id of new Set(boardIds)) {
      const json = await this.deps.boards.exportJson(id);
      if (json) found.set(id, new Map(json.cards.map((c) => [c.id, c])));
    }
    return found;
  }

  /**
   * Shares `cardId` of `sourceBoard` into `targetBoard` (W303). A copy shared again shares its
   * origin (copies never chain), which the caller must be able to edit too (`canEdit`, S131).
   */
  async share(
    sourceBoard: string,
    cardId: string,
    targetBoard: string,
    canEdit: (boardId: string) => Promise<boolean>,
  ): Promise<ShareResult> {
    const source = await this.deps.boards.exportJson(sourceBoard);
    const card = source?.cards.find((c) => c.id === cardId);
    if (!source || !card) throw new ShareRefused(404, `no card '${cardId}' on this map`);
    const kind = source.lanes.find((l) => l.id === card.laneId)?.kind;
    if (!kind || !SHAREABLE_LANE_KINDS.includes(kind))
      throw new ShareRefused(400, 'only pain points and opportunities can be shared');
    const origin: SharedRef = (card.sharedFrom && parseSharedRef(card.sharedFrom)) || {
      board: sourceBoard,
      card: cardId,
    };
    if (origin.board === targetBoard)
      throw new ShareRefused(409, 'the card already stands on that map');
    if (origin.board !== sourceBoard && !(await canEdit(origin.board)))
      throw new ShareRefused(
        403,
        'this is a copy: sharing it needs the editor role on its original map',
      );
    const originCard = (await this.origins([origin.board])).get(origin.board)?.get(origin.card);
    const content = sharedContentOf(originCard ?? card);
    const stageName = source.stages.find((s) => s.id === card.stageId)?.name ?? '';
    const target = await this.deps.boards.exportJson(targetBoard);
    if (!target) throw new ShareRefused(404, `no board '${targetBoard}'`);
    const placed = await this.deps.boards.changeLive(targetBoard, (doc) => {
      const copies = readSharedCopies(doc);
      const held = copies.find(
        (c) => c.origin.board === origin.board && c.origin.card === origin.card,
      );
      if (held) return { cardId: held.cardId, created: false, copies };
      const cell = placeCopy(doc, target, kind, stageName);
      const id = addSharedCopy(doc, cell, origin, content);
      return { cardId: id, created: true, copies: readSharedCopies(doc) };
    });
    if (!placed) throw new ShareRefused(404, `no board '${targetBoard}'`);
    const { cardId: copyId, created, copies } = placed.value;
    // Indexed now, not after the mirror's delay: an origin edit right after must reach it.
    await this.deps.links.setSharedCopies(targetBoard, copies);
    this.deps.indexedOutside?.(targetBoard);
    if (originCard && !originCard.sharedOut)
      await this.deps.boards.changeLive(origin.board, (doc) =>
        markSharedOrigin(doc, origin.card, true, SERVER_ORIGIN),
      );
    return { boardId: targetBoard, cardId: copyId, created };
  }

  /**
   * Writes each copy on `copyBoard` that `wanted` picks with its origin's content as it stands
   * (W304). A copy whose origin board or card is gone keeps what it shows.
   */
  async refresh(
    copyBoard: string,
    wanted: (origin: SharedRef, copyId: string) => boolean,
  ): Promise<void> {
    const held = await this.deps.boards.changeLive(copyBoard, readSharedCopies);
    const picked = (held?.value ?? []).filter((c) => wanted(c.origin, c.cardId));
    if (picked.length === 0) return;
    const origins = await this.origins(picked.map((p) => p.origin.board));
    await this.deps.boards.changeLive(copyBoard, (doc) => {
      const current = new Map(readCards(doc).map((c) => [c.id, c]));
      for (const { cardId, origin } of picked) {
        const source = origins.get(origin.board)?.get(origin.card);
        const copy = current.get(cardId);
        if (source && copy)
          applySharedContent(doc, cardId, origin, sharedContentOf(source), copy, SERVER_ORIGIN);
      }
    });
  }

  /**
   * Sends the given origin cards of `originBoard` to every map holding copies of them (W304).
   * A mark left on an origin whose copies are all gone costs one lookup per edit; it stays,
   * as the index of a map on another instance may lag a moment behind its room.
   */
  async push(originBoard: string, originCards: ReadonlySet<string>): Promise<void> {
    const copies = await this.deps.links.sharedCopiesOf(originBoard);
    const boards = new Set(
      copies.filter((c) => originCards.has(c.originCard)).map((c) => c.copyBoard),
    );
    for (const board of boards)
      await this.refresh(board, (o) => o.board === originBoard && originCards.has(o.card));
  }
}
