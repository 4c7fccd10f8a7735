/**
 * Linked maps over REST (W244, W245): what `GET /api/boards/:id/links` and
 * `GET /api/workspaces/:id/hierarchy` answer. A board the caller cannot open is `restricted`
 * and comes without its title (S112); one that no longer exists is `missing`.
 */
export type LinkState = 'ok' | 'restricted' | 'missing';
export type LinkItemKind = 'stage' | 'card';

/** A board as a link shows it: its title only when the caller may open it. */
export interface LinkedBoard {
  boardId: string;
  title: string | null;
  state: LinkState;
}

/** An item of this board linking to another board. */
export interface OutgoingLink extends LinkedBoard {
  itemKind: LinkItemKind;
  itemId: string;
}

/** An item of another board linking to this one; its label only when that board opens. */
export interface IncomingLink extends LinkedBoard {
  itemKind: LinkItemKind;
  itemId: string;
  /** The stage's name or the card's text (shortened); null when restricted. */
  itemLabel: string | null;
}

/** A shared copy on this board and its origin (W306); `originGone` only when it can tell. */
export interface SharedCopyLink extends LinkedBoard {
  /** The copy on this board. */
  cardId: string;
  /** The origin card on `boardId`. */
  originCardId: string;
  /** True when the origin card was deleted (never said of a restricted map). */
  originGone: boolean;
}

/** An origin card of this board and the maps showing a copy of it (W306). */
export interface SharedOriginLink {
  cardId: string;
  copies: LinkedBoard[];
}

export interface BoardLinks {
  outgoing: OutgoingLink[];
  usedIn: IncomingLink[];
  /** The parents up to the root, root first (the board itself not included). */
  breadcrumbs: LinkedBoard[];
  sharedFrom: SharedCopyLink[];
  sharedTo: SharedOriginLink[];
}

/** `POST /api/boards/:id/cards/:cardId/share` (W303): where the copy is to go. */
export interface ShareCardBody {
  to: string;
}

/** Its answer: the copy (201 when made, 200 when the map held one already). */
export interface ShareCardResult {
  boardId: string;
  cardId: string;
  /** False when the map already held a copy of that origin. */
  created: boolean;
}

/** One map of a workspace's tree; `level` 0 for a root. */
export interface HierarchyNode {
  boardId: string;
  title: string;
  level: number;
  children: HierarchyNode[];
}

export interface WorkspaceHierarchy {
  roots: HierarchyNode[];
}

/** Breadcrumbs follow at most this many parents (W244). */
export const BREADCRUMB_DEPTH = 5;
/** An item label is cut to this many characters. */
export const ITEM_LABEL_MAX = 80;
