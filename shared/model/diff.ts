/**
 * A diff between two states of a board at the level of the journey (stages, lanes, cards and
 * what they say), not of Yjs operations: what a review cycle changed. Shapes (free drawing),
 * colours, stage widths and the order of cards inside one cell are not reported.
 */
import * as Y from 'yjs';
import {
  KIND_INDEX,
  nameIn,
  quote,
  type DiffContext,
  type DiffSide,
  type Keyed,
  type SortKey,
} from './diffContext.js';
import { cardChanges } from './diffCards.js';
import {
  CHANGE_KINDS,
  META_FIELDS,
  type BoardChange,
  type BoardDiff,
  type ChangeKind,
  type DiffStage,
  type MetaField,
} from './diffTypes.js';
import type { BoardMeta, BoardSnapshot, Lane, MetricPoint, Stage } from './schema.js';
import { readBoard } from './snapshot.js';
import { personaChanges } from './diffPersonas.js';
import { personasOf } from './personas.js';

export * from './diffTypes.js';

/** A board as a plain snapshot, or a doc to read one from. */
export type BoardSource = BoardSnapshot | Y.Doc;

function side(board: BoardSnapshot): DiffSide {
  const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
  return {
    personas: personasOf(board.meta),
    stages: byId(board.stages),
    lanes: byId(board.lanes),
    cards: byId(board.cards),
    series: pointsByCard(board),
  };
}

function pointsByCard(board: BoardSnapshot): Map<string, MetricPoint[]> {
  const byCard = new Map<string, MetricPoint[]>();
  for (const { cardId, ...point } of board.metricSeries ?? [])
    byCard.set(cardId, [...(byCard.get(cardId) ?? []), point]);
  return byCard;
}

/**
 * One display order over both sides: the items of `after` in their order, each removed item
 * right after the item that preceded it in `before`.
 */
function mergedRank(before: readonly { id: string }[], after: readonly { id: string }[]) {
  const merged = after.map((x) => x.id);
  const kept = new Set(merged);
  let at = -1;
  for (const { id } of before) {
    if (kept.has(id)) at = merged.indexOf(id);
    else merged.splice(++at, 0, id);
  }
  return new Map(merged.map((id, i) => [id, i]));
}

/**
 * The items that moved relative to the others: common items outside one longest run that kept
 * its relative order. Moving one stage to the end reports that stage, not every one it passed;
 * among equally long runs, the one whose items moved least is kept (a swap of neighbours
 * reports the item that left its place). Quadratic, fine for the tens of stages a board has.
 */
function reorderedIds(before: readonly { id: string }[], after: readonly { id: string }[]) {
  const afterPos = new Map(after.map((x, i) => [x.id, i]));
  const common = before.flatMap((x, i) =>
    afterPos.has(x.id)
      ? [{ id: x.id, pos: afterPos.get(x.id)!, shift: Math.abs(afterPos.get(x.id)! - i) }]
      : [],
  );
  // Length dominates, total displacement breaks ties.
  const big = (before.length + after.length + 1) ** 2;
  const score: number[] = [];
  const prev: number[] = [];
  let best = -1;
  common.forEach((item, i) => {
    score[i] = big - item.shift;
    prev[i] = -1;
    for (let j = 0; j < i; j++) {
      if (common[j]!.pos < item.pos && score[j]! + big - item.shift > score[i]!) {
        score[i] = score[j]! + big - item.shift;
        prev[i] = j;
      }
    }
    if (best < 0 || score[i]! > score[best]!) best = i;
  });
  const stayed = new Set<string>();
  for (let i = best; i >= 0; i = prev[i]!) stayed.add(common[i]!.id);
  return new Set(common.filter((x) => !stayed.has(x.id)).map((x) => x.id));
}

const META_LABEL: Record<MetaField, string> = {
  title: 'Title',
  mapType: 'Map type',
  scenario: 'Scenario',
  'persona.name': 'Persona name',
  'persona.description': 'Persona description',
  cesMethod: 'CES method',
};

function metaValue(meta: BoardMeta, field: MetaField): string {
  if (field === 'persona.name') return meta.persona.name;
  if (field === 'persona.description') return meta.persona.description;
  if (field === 'cesMethod') return meta.cesMethod ?? 'mean';
  return meta[field];
}

function metaChanges(before: BoardMeta, after: BoardMeta): Keyed[] {
  return META_FIELDS.flatMap((field, i) => {
    const [a, b] = [metaValue(before, field), metaValue(after, field)];
    if (a === b) return [];
    const label = `${META_LABEL[field]} changed from ${quote(a)} to ${quote(b)}`;
    const change: BoardChange = {
      kind: 'meta-changed',
      stageId: null,
      stageName: null,
      label,
      field,
      before: a,
      after: b,
    };
    return [{ change, key: [0, i] }];
  });
}

function laneChanges(ctx: DiffContext, before: Lane[], after: Lane[]): Keyed[] {
  const out: Keyed[] = [];
  const push = (laneId: string, change: BoardChange) =>
    out.push({ change, key: [1, ctx.laneRank.get(laneId)!, KIND_INDEX[change.kind]] });
  const base = { stageId: null, stageName: null };
  for (const lane of before) {
    if (ctx.after.lanes.has(lane.id)) continue;
    const label = `Lane ${quote(lane.name)} removed`;
    push(lane.id, {
      ...base,
      kind: 'lane-removed',
      label,
      laneId: lane.id,
      name: lane.name,
      laneKind: lane.kind,
    });
  }
  const moved = reorderedIds(before, after);
  after.forEach((lane, afterIndex) => {
    const old = ctx.before.lanes.get(lane.id);
    const laneId = lane.id;
    if (!old) {
      const label = `Lane ${quote(lane.name)} added`;
      push(laneId, {
        ...base,
        kind: 'lane-added',
        label,
        laneId,
        name: lane.name,
        laneKind: lane.kind,
      });
      return;
    }
    if (old.name !== lane.name) {
      const label = `Lane ${quote(old.name)} renamed to ${quote(lane.name)}`;
      push(laneId, {
        ...base,
        kind: 'lane-renamed',
        label,
        laneId,
        before: old.name,
        after: lane.name,
      });
    }
    if (old.kind !== lane.kind) {
      const label = `Lane ${quote(lane.name)} changed from ${old.kind} to ${lane.kind}`;
      push(laneId, {
        ...base,
        kind: 'lane-retyped',
        label,
        laneId,
        name: lane.name,
        before: old.kind,
        after: lane.kind,
      });
    }
    if (moved.has(laneId)) {
      const beforeIndex = before.indexOf(old);
      const label = `Lane ${quote(lane.name)} moved from position ${beforeIndex + 1} to ${afterIndex + 1}`;
      push(laneId, {
        ...base,
        kind: 'lane-reordered',
        label,
        laneId,
        name: lane.name,
        beforeIndex,
        afterIndex,
      });
    }
  });
  return out;
}

function stageChanges(ctx: DiffContext, before: Stage[], after: Stage[]): Keyed[] {
  const out: Keyed[] = [];
  const push = (change: BoardChange & { stageId: string }) =>
    out.push({ change, key: [2, ctx.stageRank.get(change.stageId)!, 0, KIND_INDEX[change.kind]] });
  for (const stage of before) {
    if (ctx.after.stages.has(stage.id)) continue;
    const { id: stageId, name } = stage;
    push({
      kind: 'stage-removed',
      stageId,
      stageName: name,
      label: `Stage ${quote(name)} removed`,
      name,
    });
  }
  const moved = reorderedIds(before, after);
  after.forEach((stage, afterIndex) => {
    const old = ctx.before.stages.get(stage.id);
    const { id: stageId, name } = stage;
    if (!old) {
      push({
        kind: 'stage-added',
        stageId,
        stageName: name,
        label: `Stage ${quote(name)} added`,
        name,
      });
      return;
    }
    if (old.name !== name) {
      const label = `Stage ${quote(old.name)} renamed to ${quote(name)}`;
      push({
        kind: 'stage-renamed',
        stageId,
        stageName: name,
        label,
        before: old.name,
        after: name,
      });
    }
    if (old.link !== stage.link) {
      const [a, b] = [old.link ?? null, stage.link ?? null];
      const what =
        a === null ? 'linked to a map' : b === null ? 'unlinked' : 'linked to another map';
      const label = `Stage ${quote(name)} ${what}`;
      push({ kind: 'stage-link-changed', stageId, stageName: name, label, before: a, after: b });
    }
    if (moved.has(stageId)) {
      const beforeIndex = before.indexOf(old);
      const label = `Stage ${quote(name)} moved from position ${beforeIndex + 1} to ${afterIndex + 1}`;
      push({
        kind: 'stage-reordered',
        stageId,
        stageName: name,
        label,
        name,
        beforeIndex,
        afterIndex,
      });
    }
  });
  return out;
}

function compareKeys(a: SortKey, b: SortKey): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i] ?? '', b[i] ?? ''];
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

/**
 * What changed from `from` to `to`, ordered by stage, then lane, then card (board-wide changes
 * first). Deterministic: the same two boards always give the same diff.
 */
export function diffBoards(from: BoardSource, to: BoardSource): BoardDiff {
  const a = from instanceof Y.Doc ? readBoard(from) : from;
  const b = to instanceof Y.Doc ? readBoard(to) : to;
  const ctx: DiffContext = {
    before: side(a),
    after: side(b),
    stageRank: mergedRank(a.stages, b.stages),
    laneRank: mergedRank(a.lanes, b.lanes),
  };
  const keyed = [
    ...metaChanges(a.meta, b.meta),
    ...personaChanges(a.meta, b.meta),
    ...laneChanges(ctx, a.lanes, b.lanes),
    ...stageChanges(ctx, a.stages, b.stages),
    ...cardChanges(ctx, a.cards, b.cards),
  ].sort((x, y) => compareKeys(x.key, y.key));
  const changes = keyed.map((k) => k.change);

  const byKind = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])) as Record<ChangeKind, number>;
  const perStage = new Map<string, number>();
  for (const change of changes) {
    byKind[change.kind]++;
    if (change.stageId !== null)
      perStage.set(change.stageId, (perStage.get(change.stageId) ?? 0) + 1);
  }
  const stages: DiffStage[] = [...ctx.stageRank.keys()].map((id) => ({
    id,
    name: nameIn(ctx, 'stages', id),
    status: !ctx.before.stages.has(id) ? 'added' : !ctx.after.stages.has(id) ? 'removed' : 'kept',
    changes: perStage.get(id) ?? 0,
  }));
  return { changes, stages, summary: { total: changes.length, byKind } };
}
