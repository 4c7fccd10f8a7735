/** Schema v1 of a journey-map board (DESIGN.md section 3). Types only; Y.Doc access lives beside. */

export const SCHEMA_VERSION = 1;

export const MAP_TYPES = [
  'current-state',
  'future-state',
  'day-in-the-life',
  'service-blueprint',
] as const;
export type MapType = (typeof MAP_TYPES)[number];

export const LANE_KINDS = [
  'touchpoints',
  'goals',
  'actions',
  'emotions',
  'channels',
  'painPoints',
  'opportunities',
  'metrics',
  'frontstage',
  'backstage',
  'support',
  'text',
  'storyboard',
] as const;
export type LaneKind = (typeof LANE_KINDS)[number];

export const SHAPE_TYPES = ['note', 'text', 'rect', 'arrow', 'image'] as const;
export type ShapeType = (typeof SHAPE_TYPES)[number];

/** Sentiment of a card in the emotions lane: −2 (very negative) … +2 (very positive). */
export const EMOTION_MIN = -2;
export const EMOTION_MAX = 2;

/**
 * CSAT % satisfied 0–100, CES mean 1–7 ("made it easy": higher = less effort), FCR % 0–100,
 * NPS −100…100 (% promoters − % detractors), contact volume ≥ 0.
 */
export interface Metrics {
  csat?: number;
  ces?: number;
  fcr?: number;
  nps?: number;
  volume?: number;
}
export const METRIC_KEYS = ['csat', 'ces', 'fcr', 'nps', 'volume'] as const;
export type MetricKey = (typeof METRIC_KEYS)[number];
export const METRIC_RANGES: Record<MetricKey, { min: number; max: number }> = {
  csat: { min: 0, max: 100 },
  ces: { min: 1, max: 7 },
  fcr: { min: 0, max: 100 },
  nps: { min: -100, max: 100 },
  volume: { min: 0, max: Number.MAX_SAFE_INTEGER },
};

/**
 * W246: how CES is computed. `mean`: the mean answer on the 1–7 scale; `top2box`: the % of
 * answers 6 or 7, 0–100. Tools differ, so a board says which it uses (`meta.cesMethod`).
 */
export const CES_METHODS = ['mean', 'top2box'] as const;
export type CesMethod = (typeof CES_METHODS)[number];
export const CES_RANGES: Record<CesMethod, { min: number; max: number }> = {
  mean: { min: 1, max: 7 },
  top2box: { min: 0, max: 100 },
};

/** One measurement of one metric of one touchpoint, as written. */
export interface MetricPointInput {
  metric: MetricKey;
  value: number;
  /** Sample size: the answers behind the value (never contact volume). */
  n?: number;
  /** yyyy-mm-dd, both days included. */
  periodStart: string;
  periodEnd: string;
  source: string;
  /** CES points only (W247): how the value was computed; absent is `mean`. */
  method?: CesMethod;
}

export interface MetricPoint extends MetricPointInput {
  /** ISO 8601 time of the write: breaks ties between points ending the same day. */
  writtenAt: string;
}

/** A point with the card it belongs to: how a snapshot and the open JSON list them. */
export interface CardMetricPoint extends MetricPoint {
  cardId: string;
}

export interface Persona {
  name: string;
  description: string;
  /** Its curve's colour (`#rrggbb`); absent: the palette's colour for its place. */
  color?: string;
  /** An uploaded picture's id (W240): the persona's photo. */
  photo?: string;
}

/** One of a board's personas (W210): persona 1 is the board's original `meta.persona`. */
export interface BoardPersona {
  id: string;
  name: string;
  description: string;
  /** Resolved: the stored colour, else the palette's colour for its place. */
  color: string;
  /** An uploaded picture's id (W240). */
  photo?: string;
}

/** At most this many personas on a board (W211). */
export const PERSONAS_MAX = 5;
/** Persona 1's id: fixed, so every client reads an old board's single persona the same. */
export const FIRST_PERSONA_ID = 'persona-1';
/** Distinct for colour-blind eyes (Okabe–Ito), each 3:1 or more against a white board. */
export const PERSONA_COLORS = ['#0072b2', '#d55e00', '#009e73', '#cc79a7', '#8a6d00'] as const;

export interface BoardMeta {
  title: string;
  mapType: MapType;
  scenario: string;
  persona: Persona;
  /** Every persona, persona 1 first; present only when the board has more than one (W210). */
  personas?: BoardPersona[];
  schemaVersion: number;
  /** ISO 8601 */
  createdAt: string;
  /** How the board computes CES (W246); absent is `mean`. */
  cesMethod?: CesMethod;
}

export interface Stage {
  id: string;
  name: string;
  order: string;
  /** Column width on the canvas, when someone resized it. */
  width?: number;
  /** The board this stage drills down into (W241): a board id, kept as a reference. */
  link?: string;
}

export const STAGE_WIDTH_MIN = 160;
export const STAGE_WIDTH_MAX = 800;

export interface Lane {
  id: string;
  name: string;
  kind: LaneKind;
  order: string;
}

/**
 * Voice-of-customer evidence behind a card: a quote, a link, a data point or a picture (a
 * screenshot of a review, a photo of a receipt: `image` holds its id, `text` its caption).
 */
export interface Evidence {
  id: string;
  kind: 'quote' | 'link' | 'data' | 'image';
  text: string;
  source?: string;
  /** ISO 8601 date */
  date?: string;
  url?: string;
  /** An uploaded picture's id (W227): set on `image` evidence only. */
  image?: string;
}

/**
 * The most characters (UTF-16 code units, as Y.Text and a browser's text field count them) a
 * card's or a shape's text may hold. A card shows about four lines and the longest card in our
 * templates and imports is under 300 characters; 5,000 (two pages) still takes a pasted quote,
 * while one card's text stays a small update (at most 15 KB of UTF-8), is measured and drawn
 * well within a frame, and 2,000 such cards stay far below the board size cap.
 */
export const TEXT_MAX_CHARS = 5_000;

/** A card's owning team is a name such as "Tier 1 support" (W281), not a paragraph. */
export const TEAM_MAX_CHARS = 80;
/** What the customer expected, in a sentence or two (W282). */
export const EXPECTATION_MAX_CHARS = 500;

/** `cardJsonSchema` (json.ts) is this type as zod; the typecheck fails when the two differ. */
export interface Card {
  id: string;
  stageId: string;
  laneId: string;
  order: string;
  text: string;
  color?: string;
  emotion?: number;
  channel?: string;
  /** The persona it is tagged for; an emotion card without one is persona 1's (W212). */
  persona?: string;
  metrics: Metrics;
  tags: string[];
  evidence: Evidence[];
  /** An uploaded picture's id (W227); a storyboard card shows it above its text. */
  image?: string;
  /** The team that owns this touchpoint (W281): a change of team along the journey is a handoff. */
  team?: string;
  /** What the customer expected here, on the emotion scale (W282). */
  expected?: number;
  /** What the customer expected here, in words (W282). */
  expectation?: string;
  /** The board this card drills down into (W241): a board id, kept as a reference. */
  link?: string;
  /** The name a BI system knows the touchpoint by, unique on the board (W257). */
  externalKey?: string;
  /** A shared copy's origin (W301), `<boardId>/<cardId>`: its content is the origin's. */
  sharedFrom?: string;
  /** An origin with copies in other maps (W301): its edits reach them. */
  sharedOut?: true;
}

/** `shapeJsonSchema` (json.ts) is this type as zod; the typecheck fails when the two differ. */
export interface Shape {
  id: string;
  type: ShapeType;
  x: number;
  y: number;
  w: number;
  h: number;
  text?: string;
  color: string;
  /** Arrow endpoints: the id of a card or shape they stick to. */
  from?: string;
  to?: string;
  /** An uploaded picture's id (W227), for an `image` shape. */
  image?: string;
}

/** A plain snapshot of a whole board: what views render and what JSON export writes. */
export interface BoardSnapshot {
  meta: BoardMeta;
  stages: Stage[];
  lanes: Lane[];
  cards: Card[];
  shapes: Shape[];
  /** Every card's metric points (W252), when the board has any. */
  metricSeries?: CardMetricPoint[];
}
