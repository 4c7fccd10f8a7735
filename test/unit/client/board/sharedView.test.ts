/**
 * How shared insights read in the editor (W301, W303–W306): which cards may be shared, what a
 * copy says of its origin, an origin's maps, the marks and when the link store asks again.
 */
import { describe, expect, it } from 'vitest';
import {
  canShareFrom,
  copiesOf,
  copyEditHint,
  copyOrigin,
  copyReason,
  originHref,
  sharedKey,
  sharedMark,
  sharedMarkScale,
  sharedMarkWidth,
  unknownCopies,
} from '../../../../client/src/board/links/sharedView.js';
import { cardLabel } from '../../../../client/src/board/table/cardText.js';
import type { Card } from '../../../../shared/model/schema.js';
import type {
  BoardLinks,
  SharedCopyLink,
  SharedOriginLink,
} from '../../../../shared/protocol/links.js';

const ORIGIN_BOARD = 'researchMap01';
const card = (fields: Partial<Card> = {}): Card => ({
  id: 'copy1',
  stageId: 's',
  laneId: 'l',
  order: 'a0',
  text: 'Forms ask twice for the same address',
  metrics: {},
  tags: [],
  evidence: [],
  ...fields,
});
const copy = card({ sharedFrom: `${ORIGIN_BOARD}/pain7` });
const links = (
  sharedFrom: Partial<SharedCopyLink>[] = [],
  sharedTo: SharedOriginLink[] = [],
): BoardLinks => ({
  outgoing: [],
  usedIn: [],
  breadcrumbs: [],
  sharedFrom: sharedFrom.map((l) => ({
    boardId: ORIGIN_BOARD,
    title: 'Research',
    state: 'ok',
    cardId: 'copy1',
    originCardId: 'pain7',
    originGone: false,
    ...l,
  })),
  sharedTo,
});

describe('shared insights in the editor', () => {
  it('W303: offers sharing on pain points and opportunities only', () => {
    expect(canShareFrom('painPoints')).toBe(true);
    expect(canShareFrom('opportunities')).toBe(true);
    for (const kind of ['touchpoints', 'emotions', 'actions', 'text'] as const)
      expect(canShareFrom(kind)).toBe(false);
    expect(canShareFrom(undefined)).toBe(false);
  });

  it('W306: a copy names its origin and leads to the origin card', () => {
    const origin = copyOrigin(copy, links([{}]))!;
    expect(origin).toEqual({
      boardId: ORIGIN_BOARD,
      cardId: 'pain7',
      title: 'Research',
      state: 'ok',
      gone: false,
    });
    expect(copyReason(origin)).toBe('Shared from Research — edit it there');
    expect(originHref(origin)).toBe(`/b/${ORIGIN_BOARD}?card=pain7`);
    expect(copyOrigin(card(), links([{}]))).toBeNull();
  });

  it('W306: a restricted, deleted or not yet known origin says so, without a way there', () => {
    const restricted = copyOrigin(copy, links([{ state: 'restricted', title: null }]))!;
    expect(copyReason(restricted)).toBe('Shared from a restricted map — edit it there');
    expect(originHref(restricted)).toBeNull();
    const gone = copyOrigin(copy, links([{ originGone: true }]))!;
    expect(copyReason(gone)).toBe('The original was deleted — detach to edit it here');
    expect(originHref(gone)).toBeNull();
    const missing = copyOrigin(copy, links([{ state: 'missing', title: null }]))!;
    expect(copyReason(missing)).toBe('The original map was deleted — detach to edit it here');
    const loading = copyOrigin(copy, links())!;
    expect(loading.state).toBe('loading');
    expect(copyReason(loading)).toBe('Shared from another map — edit it there');
  });

  it('W305: typing is refused on a copy only, with the reason as the hint', () => {
    expect(copyEditHint(copy, links([{}]))).toBe('Shared from Research — edit it there');
    expect(copyEditHint(card(), links([{}]))).toBeNull();
    expect(copyEditHint(undefined, links())).toBeNull();
  });

  it('W306: an origin lists its maps by title, restricted ones last', () => {
    const answer = links(
      [],
      [
        {
          cardId: 'pain7',
          copies: [
            { boardId: 'b3', title: null, state: 'restricted' },
            { boardId: 'b2', title: 'Support desk', state: 'ok' },
            { boardId: 'b1', title: 'Onboarding', state: 'ok' },
          ],
        },
      ],
    );
    expect(copiesOf('pain7', answer).map((c) => c.title)).toEqual([
      'Onboarding',
      'Support desk',
      null,
    ]);
    expect(copiesOf('other', answer)).toEqual([]);
    const origin = card({ id: 'pain7', sharedOut: true });
    expect(sharedMark(origin, answer)).toEqual({
      kind: 'origin',
      short: 'Shared in 3 maps',
      long: 'shared in 3 maps',
    });
  });

  it('W301: marks a copy and an origin, and says so in the table’s accessible name', () => {
    const mark = sharedMark(copy, links([{}]))!;
    expect(mark).toEqual({
      kind: 'copy',
      short: 'Shared copy',
      long: 'shared copy from Research, read-only',
    });
    expect(sharedMark(card(), links())).toBeNull();
    expect(sharedMark(card({ sharedOut: true }), links())?.short).toBe('Shared');
    const label = cardLabel({
      card: copy,
      meanVolume: 0,
      staleDays: null,
      index: 0,
      of: 1,
      shared: mark.long,
    });
    expect(label).toBe(
      'Forms ask twice for the same address; shared copy from Research, read-only; card 1 of 1',
    );
  });

  it('W301: the canvas mark grows as the view zooms out and takes room from the text', () => {
    expect(sharedMarkScale(1)).toBe(1);
    expect(sharedMarkScale(0.5)).toBe(1.5);
    expect(sharedMarkScale(0.3)).toBe(2);
    expect(sharedMarkWidth(null, 1)).toBe(0);
    expect(sharedMarkWidth('copy', 1)).toBeGreaterThan(sharedMarkWidth('origin', 1));
    expect(sharedMarkWidth('copy', 2)).toBeGreaterThan(sharedMarkWidth('copy', 1.5));
  });

  it('W306: the link store asks again when copies or origins change, until it knows each copy', () => {
    const plain = { cards: [card({ id: 'a' })] };
    const shared = { cards: [card({ id: 'a' }), copy, card({ id: 'o', sharedOut: true })] };
    expect(sharedKey(plain)).toBe('');
    expect(sharedKey(shared)).toBe(`copy1<${ORIGIN_BOARD}/pain7 o>`);
    expect(unknownCopies(shared, links())).toBe(1);
    expect(unknownCopies(shared, links([{}]))).toBe(0);
  });
});
