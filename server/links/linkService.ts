/**
 * Linked maps over REST (W244, W245): a board's links resolved for one caller. Every board is
 * checked with the same access the boards API uses; one the caller cannot open is `restricted`
 * and says nothing of itself, neither title nor item (S112).
 */
import type { BoardLink } from '../../shared/model/links.js';
import type { BoardJson } from '../../shared/model/json.js';
import {
  BREADCRUMB_DEPTH,
  ITEM_LABEL_MAX,
  type BoardLinks,
  type HierarchyNode,
  type IncomingLink,
  type LinkedBoard,
  type SharedCopyLink,
} from '../../shared/protocol/links.js';
import { sharedCopiesOf } from '../../shared/model/sharedCards.js';
import type { LinkStore, StoredLink } from '../storage/links.js';
import type { BoardRecord } from '../storage/storage.js';

export interface LinkServiceDeps {
  links: Pick<LinkStore, 'linksTo' | 'linksAmong' | 'sharedCopiesOf'>;
  getBoard(id: string): Promise<BoardRecord | null>;
  linksOf(id: string): Promise<BoardLink[]>;
  exportJson(id: string): Promise<BoardJson | null>;
}

/** Whether the caller of one request may open a board (the boards API's access check). */
export type CanOpen = (boardId: string) => Promise<boolean>;

const shorten = (text: string) => {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > ITEM_LABEL_MAX ? `${flat.slice(0, ITEM_LABEL_MAX - 1)}…` : flat;
};

function itemLabel(board: BoardJson | null, link: Pick<StoredLink, 'itemKind' | 'itemId'>) {
  if (!board) return null;
  if (link.itemKind === 'stage') {
    const stage = board.stages.find((s) => s.id === link.itemId);
    return stage ? shorten(stage.name) : null;
  }
  const card = board.cards.find((c) => c.id === link.itemId);
  return card ? shorten(card.text) || 'Untitled card' : null;
}

export class LinkService {
  constructor(private readonly deps: LinkServiceDeps) {}

  /** One board as the caller may see it; each id checked once per request. */
  private resolver(canOpen: CanOpen) {
    const seen = new Map<string, Promise<LinkedBoard>>();
    return (boardId: string): Promise<LinkedBoard> => {
      let found = seen.get(boardId);
      if (!found) {
        found = (async (): Promise<LinkedBoard> => {
          const board = await this.deps.getBoard(boardId);
          if (!board) return { boardId, title: null, state: 'missing' };
          if (!(await canOpen(boardId))) return { boardId, title: null, state: 'restricted' };
          return { boardId, title: board.title, state: 'ok' };
        })();
        seen.set(boardId, found);
      }
      return found;
    };
  }

  async boardLinks(boardId: string, canOpen: CanOpen): Promise<BoardLinks> {
    const resolve = this.resolver(canOpen);
    const outgoing = await Promise.all(
      (await this.deps.linksOf(boardId)).map(async (link) => ({
        ...(await resolve(link.boardId)),
        itemKind: link.itemKind,
        itemId: link.itemId,
      })),
    );
    const usedIn = await this.usedIn(boardId, resolve);
    const breadcrumbs = await this.breadcrumbs(boardId, resolve);
    return { outgoing, usedIn, breadcrumbs, ...(await this.shared(boardId, resolve)) };
  }

  /** The board's shared copies with their origins, and its origins with their copies (W306). */
  private async shared(
    boardId: string,
    resolve: (id: string) => Promise<LinkedBoard>,
  ): Promise<Pick<BoardLinks, 'sharedFrom' | 'sharedTo'>> {
    const board = await this.deps.exportJson(boardId);
    const held = board ? sharedCopiesOf(board) : [];
    const originCards = new Map<string, Promise<Set<string> | null>>();
    const cardsOf = (id: string) => {
      if (!originCards.has(id))
        originCards.set(
          id,
          this.deps.exportJson(id).then((b) => (b ? new Set(b.cards.map((c) => c.id)) : null)),
        );
      return originCards.get(id)!;
    };
    const sharedFrom = await Promise.all(
      held.map(async ({ cardId, origin }): Promise<SharedCopyLink> => {
        const linked = await resolve(origin.board);
        const gone = linked.state === 'ok' && !(await cardsOf(origin.board))?.has(origin.card);
        return { ...linked, cardId, originCardId: origin.card, originGone: gone };
      }),
    );
    const byOrigin = new Map<string, Set<string>>();
    for (const copy of await this.deps.links.sharedCopiesOf(boardId)) {
      const boards = byOrigin.get(copy.originCard) ?? new Set<string>();
      byOrigin.set(copy.originCard, boards.add(copy.copyBoard));
    }
    const sharedTo = await Promise.all(
      [...byOrigin].map(async ([cardId, boards]) => ({
        cardId,
        copies: await Promise.all([...boards].map(resolve)),
      })),
    );
    return { sharedFrom, sharedTo };
  }

  private async usedIn(
    boardId: string,
    resolve: (id: string) => Promise<LinkedBoard>,
  ): Promise<IncomingLink[]> {
    const incoming = await this.deps.links.linksTo(boardId);
    const sources = new Map<string, Promise<BoardJson | null>>();
    const sourceOf = (id: string) => {
      if (!sources.has(id)) sources.set(id, this.deps.exportJson(id));
      return sources.get(id)!;
    };
    return Promise.all(
      incoming.map(async (link): Promise<IncomingLink> => {
        const board = await resolve(link.fromBoard);
        const { itemKind, itemId } = link;
        const label = board.state === 'ok' ? itemLabel(await sourceOf(link.fromBoard), link) : null;
        return { ...board, itemKind, itemId, itemLabel: label };
      }),
    );
  }

  /**
   * The chain of parents, root first: from each board its first parent the caller may open
   * (else its first parent, restricted, which ends the chain), at most BREADCRUMB_DEPTH of
   * them, never a board twice (a cycle ends the chain).
   */
  private async breadcrumbs(
    boardId: string,
    resolve: (id: string) => Promise<LinkedBoard>,
  ): Promise<LinkedBoard[]> {
    const chain: LinkedBoard[] = [];
    const visited = new Set([boardId]);
    let current = boardId;
    while (chain.length < BREADCRUMB_DEPTH) {
      const parents = [
        ...new Set((await this.deps.links.linksTo(current)).map((l) => l.fromBoard)),
      ].filter((id) => !visited.has(id));
      if (parents.length === 0) break;
      const resolved = await Promise.all(parents.map(resolve));
      const open = resolved.find((p) => p.state === 'ok');
      const parent = open ?? resolved[0]!;
      chain.unshift(parent);
      if (!open) break;
      visited.add(parent.boardId);
      current = parent.boardId;
    }
    return chain;
  }

  /**
   * A workspace's maps as a tree (W245): `boards` are the ones the caller may open. Roots are
   * boards none of them links to; a board sits under its first parent only; a cycle with no
   * root is entered at its first board (by title, then id).
   */
  async hierarchy(boards: readonly { id: string; title: string }[]): Promise<HierarchyNode[]> {
    const byTitle = [...boards].sort(
      (a, b) => a.title.localeCompare(b.title) || (a.id < b.id ? -1 : 1),
    );
    const known = new Set(boards.map((b) => b.id));
    const children = new Map<string, string[]>();
    const hasParent = new Set<string>();
    for (const link of await this.deps.links.linksAmong([...known])) {
      if (!known.has(link.boardId) || link.boardId === link.fromBoard) continue;
      const list = children.get(link.fromBoard) ?? [];
      if (!list.includes(link.boardId)) list.push(link.boardId);
      children.set(link.fromBoard, list);
      hasParent.add(link.boardId);
    }
    const titles = new Map(boards.map((b) => [b.id, b.title]));
    const placed = new Set<string>();
    const grow = (id: string, level: number): HierarchyNode => {
      placed.add(id);
      const node: HierarchyNode = { boardId: id, title: titles.get(id)!, level, children: [] };
      const kids = (children.get(id) ?? [])
        .filter((kid) => !placed.has(kid))
        .sort((a, b) => titles.get(a)!.localeCompare(titles.get(b)!));
      // Breadth first within a node: a kid is claimed before a sibling's subtree takes it.
      for (const kid of kids) placed.add(kid);
      for (const kid of kids) node.children.push(grow(kid, level + 1));
      return node;
    };
    const roots: HierarchyNode[] = [];
    for (const board of byTitle) if (!hasParent.has(board.id)) roots.push(grow(board.id, 0));
    for (const board of byTitle) if (!placed.has(board.id)) roots.push(grow(board.id, 0));
    return roots;
  }
}
