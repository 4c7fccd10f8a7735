/**
 * The shape of a domain-level diff between two states of a board (see diff.ts). Plain data only:
 * every field is defined (null, never undefined), so a BoardDiff survives JSON unchanged.
 */
import type { CesMethod, Evidence, LaneKind, MetricKey } from './schema.js';

/** Every kind of change, in the order changes of one card (or one stage) are listed. */
export const CHANGE_KINDS = [
  'meta-changed',
  'lane-added',
  'lane-removed',
  'lane-renamed',
  'lane-retyped',
  'lane-reordered',
  'stage-added',
  'stage-removed',
  'stage-renamed',
  'stage-reordered',
  'stage-link-changed',
  'card-added',
  'card-removed',
  'card-moved',
  'card-text-changed',
  'card-emotion-changed',
  'card-metrics-changed',
  'card-series-changed',
  'card-channel-changed',
  'card-tags-changed',
  'card-image-changed',
  'card-link-changed',
  'pain-point-closed',
  'evidence-added',
  'evidence-removed',
  'persona-added',
  'persona-removed',
  'persona-changed',
  'card-persona-changed',
  'card-team-changed',
  'card-expectation-changed',
] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

export const META_FIELDS = [
  'title',
  'mapType',
  'scenario',
  'persona.name',
  'persona.description',
  'cesMethod',
] as const;
export type MetaField = (typeof META_FIELDS)[number];

/** The tag that marks a pain point as resolved (compared case-insensitively). */
export const RESOLVED_TAG = 'resolved';

interface Base<K extends ChangeKind> {
  kind: K;
  /**
   * The stage to group the change under: the stage itself, or the card's stage after the change
   * (before it, for a removed card). Null for board-wide changes (meta, lanes).
   */
  stageId: string | null;
  stageName: string | null;
  /** One human-readable sentence describing the change. */
  label: string;
}

/** What every card change carries: where the card is (was, when removed) and its text. */
interface CardBase<K extends ChangeKind> extends Base<K> {
  stageId: string;
  stageName: string;
  cardId: string;
  laneId: string;
  laneName: string;
  /** The card's text after the change (before it, for a removed card). */
  text: string;
}

/** A number on both sides; null where it is not set. `delta` = after − before, when both are. */
export interface NumberChange {
  before: number | null;
  after: number | null;
  delta: number | null;
}

export interface MetricChange extends NumberChange {
  key: MetricKey;
}

export interface Cell {
  stageId: string;
  stageName: string;
  laneId: string;
  laneName: string;
}

export type MetaChanged = Base<'meta-changed'> & {
  field: MetaField;
  before: string;
  after: string;
};

export type LaneAdded = Base<'lane-added'> & { laneId: string; name: string; laneKind: LaneKind };
export type LaneRemoved = Base<'lane-removed'> & {
  laneId: string;
  name: string;
  laneKind: LaneKind;
};
export type LaneRenamed = Base<'lane-renamed'> & { laneId: string; before: string; after: string };
export type LaneRetyped = Base<'lane-retyped'> & {
  laneId: string;
  name: string;
  before: LaneKind;
  after: LaneKind;
};
/** Indexes are 0-based among all lanes of each side. */
export type LaneReordered = Base<'lane-reordered'> & {
  laneId: string;
  name: string;
  beforeIndex: number;
  afterIndex: number;
};

export type StageAdded = Base<'stage-added'> & { stageId: string; name: string };
export type StageRemoved = Base<'stage-removed'> & { stageId: string; name: string };
export type StageRenamed = Base<'stage-renamed'> & {
  stageId: string;
  before: string;
  after: string;
};
/** Indexes are 0-based among all stages of each side. */
export type StageReordered = Base<'stage-reordered'> & {
  stageId: string;
  name: string;
  beforeIndex: number;
  afterIndex: number;
};

/** The board the stage drills down into (W241): board ids, null where there is none. */
export type StageLinkChanged = Base<'stage-link-changed'> & {
  stageId: string;
  before: string | null;
  after: string | null;
};

export type CardAdded = CardBase<'card-added'>;
export type CardRemoved = CardBase<'card-removed'>;
export type CardMoved = CardBase<'card-moved'> & { from: Cell; to: Cell };
export type CardTextChanged = CardBase<'card-text-changed'> & { before: string; after: string };
export type CardEmotionChanged = CardBase<'card-emotion-changed'> & NumberChange;
/** Only the metrics that changed, in METRIC_KEYS order. */
export type CardMetricsChanged = CardBase<'card-metrics-changed'> & { metrics: MetricChange[] };
/** A series point as a diff names it (W273): its period and source, value and n. */
export interface SeriesPointRef {
  periodStart: string;
  periodEnd: string;
  source: string;
  value: number;
  n: number | null;
}

/** A point on both sides whose value or n changed (W273). */
export interface SeriesPointChange {
  periodStart: string;
  periodEnd: string;
  source: string;
  before: { value: number; n: number | null };
  after: { value: number; n: number | null };
}

/** One metric's series of a card (W273); `method` says which CES (null for other metrics). */
export interface SeriesChange {
  metric: MetricKey;
  method: CesMethod | null;
  added: SeriesPointRef[];
  removed: SeriesPointRef[];
  changed: SeriesPointChange[];
}

/** W273: the card's series points added, removed and changed; only series with a change. */
export type CardSeriesChanged = CardBase<'card-series-changed'> & { series: SeriesChange[] };
export type CardChannelChanged = CardBase<'card-channel-changed'> & {
  before: string | null;
  after: string | null;
};
export type CardTagsChanged = CardBase<'card-tags-changed'> & {
  added: string[];
  removed: string[];
};
/** The card's picture (an image id, W227) was added, replaced or taken off. */
export type CardImageChanged = CardBase<'card-image-changed'> & {
  before: string | null;
  after: string | null;
};
/** The board the card drills down into (W241): board ids, null where there is none. */
export type CardLinkChanged = CardBase<'card-link-changed'> & {
  before: string | null;
  after: string | null;
};
/**
 * An open pain point (a card in a `painPoints` lane, not tagged `resolved`) that was removed, or
 * that is now tagged `resolved`.
 */
export type PainPointClosed = CardBase<'pain-point-closed'> & { reason: 'removed' | 'resolved' };
export type EvidenceAdded = CardBase<'evidence-added'> & { evidence: Evidence };
export type EvidenceRemoved = CardBase<'evidence-removed'> & { evidence: Evidence };

/** Personas 2–5 (W214); persona 1's fields stay `meta-changed`. */
export type PersonaAdded = Base<'persona-added'> & { personaId: string; name: string };
export type PersonaRemoved = Base<'persona-removed'> & { personaId: string; name: string };
export type PersonaChanged = Base<'persona-changed'> & {
  personaId: string;
  before: { name: string; description: string };
  after: { name: string; description: string };
};
/** Persona ids (an emotion card without one counts for persona 1); null: for no persona. */
export type CardPersonaChanged = CardBase<'card-persona-changed'> & {
  before: string | null;
  after: string | null;
};

/** The team that owns the card (W281) changed; null: none. */
export type CardTeamChanged = CardBase<'card-team-changed'> & {
  before: string | null;
  after: string | null;
};
/** What the customer expected (W282) changed: the score, the words, or both. */
export type CardExpectationChanged = CardBase<'card-expectation-changed'> & {
  expected: NumberChange | null;
  expectation: { before: string | null; after: string | null } | null;
};

export type BoardChange =
  | MetaChanged
  | LaneAdded
  | LaneRemoved
  | LaneRenamed
  | LaneRetyped
  | LaneReordered
  | StageAdded
  | StageRemoved
  | StageRenamed
  | StageReordered
  | StageLinkChanged
  | CardAdded
  | CardRemoved
  | CardMoved
  | CardTextChanged
  | CardEmotionChanged
  | CardMetricsChanged
  | CardSeriesChanged
  | CardChannelChanged
  | CardTagsChanged
  | CardImageChanged
  | CardLinkChanged
  | PainPointClosed
  | EvidenceAdded
  | EvidenceRemoved
  | PersonaAdded
  | PersonaRemoved
  | PersonaChanged
  | CardPersonaChanged
  | CardTeamChanged
  | CardExpectationChanged;

/** A stage of either side, in display order (removed stages where they stood), with its count. */
export interface DiffStage {
  id: string;
  name: string;
  status: 'added' | 'removed' | 'kept';
  /** Changes grouped under this stage. */
  changes: number;
}

export interface DiffSummary {
  total: number;
  /** Every kind is present (0 when none). */
  byKind: Record<ChangeKind, number>;
}

export interface BoardDiff {
  changes: BoardChange[];
  stages: DiffStage[];
  summary: DiffSummary;
}
