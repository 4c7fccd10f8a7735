/**
 * Survey import, step two: which touchpoint card each row is about.
 *
 * The rule, in order:
 * 1. Only cards in lanes of kind `touchpoints` are candidates.
 * 2. A row with a `stage` looks only in stages whose normalised name equals it (none: the row is
 *    unmatched as `unknown-stage`); a row without one looks in every stage.
 * 3. A card whose whole normalised text equals the row's normalised touchpoint matches.
 * 4. Failing that, a card matches when one of its parts does: template cards list several
 *    touchpoints ("Help centre, chatbot, ticket form"), split on line breaks, `;` and `,`.
 * 5. Exactly one candidate at the first step that has any is a match; several are `ambiguous`
 *    (give a stage to tell them apart); none is `no-card`.
 * Normalising is `normalizeName`: case, accents, punctuation and spacing do not matter.
 * Unmatched rows are reported with their lines, never silently dropped.
 */
import type { Card, Lane, Stage } from './schema.js';
import type { SurveyRow } from './survey.js';
import { normalizeName } from './surveyMapping.js';

/** The parts of a board matching and insights read (a BoardSnapshot or the open JSON). */
export interface BoardLike {
  stages: readonly Stage[];
  lanes: readonly Lane[];
  cards: readonly Card[];
}

export type UnmatchedReason = 'unknown-stage' | 'no-card' | 'ambiguous';

export interface MatchedCard {
  cardId: string;
  stageId: string;
  laneId: string;
  text: string;
  rows: SurveyRow[];
}

export interface UnmatchedGroup {
  /** As written in the first row of the group. */
  touchpoint: string;
  stage?: string;
  reason: UnmatchedReason;
  /** For `ambiguous`: the cards it could mean. */
  candidateIds: string[];
  /** For `no-card` with a known stage: where a new card could go. */
  stageId?: string;
  rows: SurveyRow[];
}

export interface SurveyMatch {
  /** In board order: stage, then lane, then card order. */
  matched: MatchedCard[];
  /** In order of first appearance in the file. */
  unmatched: UnmatchedGroup[];
}

type Resolution =
  { cardId: string } | { reason: UnmatchedReason; candidateIds: string[]; stageId?: string };

function parts(text: string): string[] {
  return text
    .split(/[\n;,]/)
    .map(normalizeName)
    .filter((p) => p !== '');
}

/** Board position of a card, for a stable board order. */
export function boardOrder(board: BoardLike): (a: Card, b: Card) => number {
  const stageIndex = new Map(board.stages.map((s, i) => [s.id, i]));
  const laneIndex = new Map(board.lanes.map((l, i) => [l.id, i]));
  // No array per comparison: sorting 5,000 cards makes some 60,000 of them.
  return (a, b) => {
    const sa = stageIndex.get(a.stageId) ?? -1;
    const sb = stageIndex.get(b.stageId) ?? -1;
    if (sa !== sb) return sa - sb;
    const la = laneIndex.get(a.laneId) ?? -1;
    const lb = laneIndex.get(b.laneId) ?? -1;
    if (la !== lb) return la - lb;
    if (a.order !== b.order) return a.order < b.order ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  };
}

export function touchpointCards(board: BoardLike): Card[] {
  const lanes = new Set(board.lanes.filter((l) => l.kind === 'touchpoints').map((l) => l.id));
  const stages = new Set(board.stages.map((s) => s.id));
  return board.cards
    .filter((c) => lanes.has(c.laneId) && stages.has(c.stageId))
    .sort(boardOrder(board));
}

export function matchSurvey(board: BoardLike, rows: readonly SurveyRow[]): SurveyMatch {
  const cards = touchpointCards(board).map((card) => ({
    card,
    whole: normalizeName(card.text),
    parts: parts(card.text),
  }));
  const resolved = new Map<string, Resolution>();

  const resolve = (touchpoint: string, stage: string): Resolution => {
    let inStages = cards;
    let stageId: string | undefined;
    if (stage) {
      const ids = board.stages.filter((s) => normalizeName(s.name) === stage).map((s) => s.id);
      if (ids.length === 0) return { reason: 'unknown-stage', candidateIds: [] };
      if (ids.length === 1) stageId = ids[0];
      inStages = cards.filter((c) => ids.includes(c.card.stageId));
    }
    for (const hit of [
      inStages.filter((c) => c.whole === touchpoint),
      inStages.filter((c) => c.parts.includes(touchpoint)),
    ]) {
      if (hit.length === 1) return { cardId: hit[0]!.card.id };
      if (hit.length > 1) return { reason: 'ambiguous', candidateIds: hit.map((c) => c.card.id) };
    }
    return stageId === undefined
      ? { reason: 'no-card', candidateIds: [] }
      : { reason: 'no-card', candidateIds: [], stageId };
  };

  const byCard = new Map<string, SurveyRow[]>();
  const unmatched = new Map<string, UnmatchedGroup>();
  // Names repeat across rows: normalise each spelling once.
  const keyOf = new Map<string, string>();
  for (const row of rows) {
    const raw = `${row.stage ?? ''}\u0000${row.touchpoint}`;
    let key = keyOf.get(raw);
    if (key === undefined) {
      key = `${normalizeName(row.stage ?? '')}\u0000${normalizeName(row.touchpoint)}`;
      keyOf.set(raw, key);
    }
    let resolution = resolved.get(key);
    if (!resolution) {
      const [stage, touchpoint] = key.split('\u0000') as [string, string];
      resolution = resolve(touchpoint, stage);
      resolved.set(key, resolution);
    }
    if ('cardId' in resolution) {
      const list = byCard.get(resolution.cardId) ?? [];
      list.push(row);
      byCard.set(resolution.cardId, list);
      continue;
    }
    let group = unmatched.get(key);
    if (!group) {
      group = {
        touchpoint: row.touchpoint,
        reason: resolution.reason,
        candidateIds: resolution.candidateIds,
        rows: [],
      };
      if (row.stage !== undefined) group.stage = row.stage;
      if (resolution.stageId !== undefined) group.stageId = resolution.stageId;
      unmatched.set(key, group);
    }
    group.rows.push(row);
  }
  const matched = cards
    .filter(({ card }) => byCard.has(card.id))
    .map(({ card }) => ({
      cardId: card.id,
      stageId: card.stageId,
      laneId: card.laneId,
      text: card.text,
      rows: byCard.get(card.id)!,
    }));
  return { matched, unmatched: [...unmatched.values()] };
}
