/**
 * How shared insights (W301–W306) read in the editor: which cards may be shared, what a copy
 * says of its origin and where that leads. Pure, so the panel, the canvas, the table view and
 * the tests read the same words.
 */
import { SHAREABLE_LANE_KINDS } from '../../../../shared/model/sharedCards.js';
import { parseSharedRef } from '../../../../shared/model/sharedRef.js';
import type { BoardSnapshot, Card, LaneKind } from '../../../../shared/model/schema.js';
import type { BoardLinks, LinkedBoard } from '../../../../shared/protocol/links.js';
import { cardPath } from '../../router.js';

/** Only pain points and opportunities can be shared (W303); a copy shares its origin. */
export const canShareFrom = (kind: LaneKind | undefined): boolean =>
  kind !== undefined && SHAREABLE_LANE_KINDS.includes(kind);

/** A copy's origin as this board's links answer tells it (W306). */
export interface CopyOrigin {
  boardId: string;
  cardId: string;
  /** The origin map's title; null when restricted, missing or not known yet. */
  title: string | null;
  /** `loading` until the links answer names this copy. */
  state: LinkedBoard['state'] | 'loading';
  /** The origin card was deleted (never said of a restricted map). */
  gone: boolean;
}

export function copyOrigin(card: Card, links: BoardLinks): CopyOrigin | null {
  const ref = card.sharedFrom ? parseSharedRef(card.sharedFrom) : null;
  if (!ref) return null;
  const known = links.sharedFrom.find((l) => l.cardId === card.id && l.boardId === ref.board);
  return {
    boardId: ref.board,
    cardId: ref.card,
    title: known?.title ?? null,
    state: known?.state ?? 'loading',
    gone: known?.originGone ?? false,
  };
}

/** Where following the origin leads, or null when it cannot be opened. */
export function originHref(origin: CopyOrigin): string | null {
  if (origin.state === 'restricted' || origin.state === 'missing') return null;
  return origin.gone ? null : cardPath(origin.boardId, origin.cardId);
}

/** Why a copy's text, colour, tags and evidence cannot be changed here, in one sentence. */
export function copyReason(origin: CopyOrigin): string {
  if (origin.state === 'missing') return 'The original map was deleted — detach to edit it here';
  if (origin.gone) return 'The original was deleted — detach to edit it here';
  if (origin.state === 'restricted') return 'Shared from a restricted map — edit it there';
  return `Shared from ${origin.title ?? 'another map'} — edit it there`;
}

/** The hint shown when someone tries to type into a copy (canvas, table); null for others. */
export function copyEditHint(card: Card | undefined, links: BoardLinks): string | null {
  const origin = card ? copyOrigin(card, links) : null;
  return origin ? copyReason(origin) : null;
}

/** The maps holding copies of one origin card, by title ("Restricted map" last). */
export function copiesOf(cardId: string, links: BoardLinks): LinkedBoard[] {
  const copies = links.sharedTo.find((o) => o.cardId === cardId)?.copies ?? [];
  return [...copies].sort((a, b) => {
    if ((a.title === null) !== (b.title === null)) return a.title === null ? 1 : -1;
    return (a.title ?? a.boardId).localeCompare(b.title ?? b.boardId);
  });
}

/** A card's shared mark in words: `short` on the chip, `long` in its accessible name. */
export interface SharedMark {
  kind: 'copy' | 'origin';
  short: string;
  long: string;
}

export function sharedMark(card: Card, links: BoardLinks): SharedMark | null {
  const origin = copyOrigin(card, links);
  if (origin) {
    const from =
      origin.state === 'missing' || origin.gone
        ? 'a deleted original'
        : origin.state === 'restricted'
          ? 'a restricted map'
          : (origin.title ?? 'another map');
    return { kind: 'copy', short: 'Shared copy', long: `shared copy from ${from}, read-only` };
  }
  if (!card.sharedOut) return null;
  const count = copiesOf(card.id, links).length;
  const label = count > 0 ? sharedInLabel(count) : 'Shared';
  return { kind: 'origin', short: label, long: label.toLowerCase() };
}

/** "Shared in 1 map" / "Shared in 3 maps". */
export const sharedInLabel = (count: number): string =>
  `Shared in ${count} ${count === 1 ? 'map' : 'maps'}`;

/**
 * What of the board the links answer's shared parts depend on: its copies and its origins. The
 * link store asks again when this changes, as it does for link targets.
 */
export function sharedKey(board: Pick<BoardSnapshot, 'cards'>): string {
  return board.cards
    .flatMap((c) => [
      ...(c.sharedFrom ? [`${c.id}<${c.sharedFrom}`] : []),
      ...(c.sharedOut ? [`${c.id}>`] : []),
    ])
    .sort()
    .join(' ');
}

/** Copies on the board the links answer does not name yet (just shared, index lagging). */
export function unknownCopies(board: Pick<BoardSnapshot, 'cards'>, links: BoardLinks): number {
  const known = new Set(links.sharedFrom.map((l) => l.cardId));
  return board.cards.filter((c) => c.sharedFrom && !known.has(c.id)).length;
}

/** Shared insights' violet (W301): copies and origins, on the canvas and in the table view. */
export const SHARED_COLOR = '#7c3aed';
/** A copy's "⇄ Shared" pill on the canvas, in board units. */
export const SHARED_PILL = { w: 60, h: 18 } as const;

/** The canvas mark's scale at a zoom: 1 close up, larger as cards shrink on screen. */
export function sharedMarkScale(zoom: number): number {
  if (zoom >= 0.6) return 1;
  return zoom >= 0.45 ? 1.5 : 2;
}

/** Room the canvas mark takes at a card's top-right corner, in board units, at `scale`. */
export function sharedMarkWidth(kind: SharedMark['kind'] | null, scale: number): number {
  if (!kind) return 0;
  if (kind === 'copy' && scale === 1) return SHARED_PILL.w + 6;
  return (kind === 'copy' ? 18 : 14) * scale + 6;
}

/** Which mark a card carries on the canvas (no links answer needed). */
export const sharedKindOf = (card: Card): SharedMark['kind'] | null =>
  card.sharedFrom ? 'copy' : card.sharedOut ? 'origin' : null;
