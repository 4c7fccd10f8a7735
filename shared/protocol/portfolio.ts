/**
 * A workspace's portfolio on the wire (docs/WIRE.md W292–W296): what
 * `GET /api/workspaces/:id/portfolio` answers and the client shows.
 */
import type { DigestHandoff, DigestHotStage, RankedTouchpoint } from '../model/portfolio.js';
import type { MapType, MetricKey } from '../model/schema.js';

/** Where a map stands in its review cycle. */
export type PortfolioReview = 'none' | 'in-review' | 'changes-requested';

export interface PortfolioMap {
  boardId: string;
  title: string;
  mapType: MapType;
  persona: string;
  owner: { id: string; name: string } | null;
  /** ISO 8601: the map's last change. */
  updatedAt: string;
  /** ISO 8601: the last approved review, else the map's creation (`reviewed` says which). */
  lastReviewedAt: string;
  reviewed: boolean;
  review: PortfolioReview;
  /** The open review's due date (`YYYY-MM-DD`), if it has one. */
  reviewDue: string | null;
  /** The reminder period passed since the last review, or an open review is past its due date. */
  overdue: boolean;
  /** Null until the map's digest was computed (seconds after a change, minutes after start). */
  openThreads: number | null;
  cards: number | null;
  touchpoints: number | null;
}

export interface PortfolioHotStage extends DigestHotStage {
  boardId: string;
  boardTitle: string;
}

export interface PortfolioHandoff extends DigestHandoff {
  boardId: string;
  boardTitle: string;
}

export interface PortfolioView {
  workspaceId: string;
  /** ISO 8601 */
  generatedAt: string;
  /** Every map of the workspace the caller can open; newest change first. */
  maps: PortfolioMap[];
  /** Per metric, the worst touchpoints across those maps, worst first (at most 20 each). */
  worst: Record<MetricKey, RankedTouchpoint[]>;
  /** Stages whose share of their map's contact volume is disproportionately high. */
  hotStages: PortfolioHotStage[];
  /** The handoffs that hurt most across the maps, worst first (at most 20). */
  handoffs: PortfolioHandoff[];
}
