/** The card half of diffBoards (diff.ts). */
import {
  RESOLVED_TAG,
  type BoardChange,
  type Cell,
  type ChangeKind,
  type MetricChange,
  type NumberChange,
} from './diffTypes.js';
import { METRIC_KEYS, type Card, type MetricKey } from './schema.js';
import { cardPersonaChange } from './diffPersonas.js';
import { describeSeriesChange, seriesChanges } from './diffSeries.js';
import {
  KIND_INDEX,
  nameIn,
  quote,
  type DiffContext,
  type Keyed,
  type DiffSide,
} from './diffContext.js';

/** Floating-point noise (72.3 → 80.1 = 7.799999…) would show in labels and JSON. */
const round = (n: number): number => Math.round(n * 1e6) / 1e6;
const fmt = (n: number | null): string => (n === null ? 'none' : String(round(n)));
const signed = (n: number): string => (n > 0 ? `+${fmt(n)}` : n < 0 ? `−${fmt(-n)}` : '±0');

function numberChange(before: number | undefined, after: number | undefined): NumberChange {
  const [a, b] = [before ?? null, after ?? null];
  return { before: a, after: b, delta: a !== null && b !== null ? round(b - a) : null };
}

function describe(c: NumberChange): string {
  const delta = c.delta === null ? '' : ` (${signed(c.delta)})`;
  return `${fmt(c.before)} → ${fmt(c.after)}${delta}`;
}

const METRIC_LABEL: Record<MetricKey, string> = {
  csat: 'CSAT',
  ces: 'CES',
  fcr: 'FCR',
  nps: 'NPS',
  volume: 'volume',
};

const isResolved = (card: Card): boolean => card.tags.some((t) => t.toLowerCase() === RESOLVED_TAG);

/** A card in a pain-point lane that nobody marked resolved yet. */
const isOpenPainPoint = (card: Card, side: DiffSide): boolean =>
  side.lanes.get(card.laneId)?.kind === 'painPoints' && !isResolved(card);

function cellOf(ctx: DiffContext, card: Card): Cell {
  return {
    stageId: card.stageId,
    stageName: nameIn(ctx, 'stages', card.stageId),
    laneId: card.laneId,
    laneName: nameIn(ctx, 'lanes', card.laneId),
  };
}

const where = (cell: Cell): string => `${quote(cell.stageName)} / ${quote(cell.laneName)}`;

/**
 * Changes of one card, as a pair (removed: only `before`; added: only `after`). Changes inside
 * a card are only reported for cards that exist on both sides.
 */
function changesOf(ctx: DiffContext, before: Card | undefined, after: Card | undefined): Keyed[] {
  const card = (after ?? before)!;
  const cell = cellOf(ctx, card);
  const out: Keyed[] = [];
  const push = (change: BoardChange, extra = '') =>
    out.push({
      change,
      key: [
        2,
        ctx.stageRank.get(card.stageId)!,
        1,
        ctx.laneRank.get(card.laneId)!,
        card.order,
        card.id,
        KIND_INDEX[change.kind],
        extra,
      ],
    });
  const base = <K extends ChangeKind>(kind: K, label: string) => ({
    kind,
    label,
    stageId: cell.stageId,
    stageName: cell.stageName,
    cardId: card.id,
    laneId: cell.laneId,
    laneName: cell.laneName,
    text: card.text,
  });
  const name = quote(card.text);

  if (!before) {
    push(base('card-added', `Card ${name} added in ${where(cell)}`));
    return out;
  }
  if (!after) {
    push(base('card-removed', `Card ${name} removed from ${where(cell)}`));
    if (isOpenPainPoint(before, ctx.before))
      push({
        ...base('pain-point-closed', `Pain point ${name} closed (removed)`),
        reason: 'removed',
      });
    return out;
  }

  if (before.stageId !== after.stageId || before.laneId !== after.laneId) {
    const from = cellOf(ctx, before);
    const label = `Card ${name} moved from ${where(from)} to ${where(cell)}`;
    push({ ...base('card-moved', label), from, to: cell });
  }
  if (before.text !== after.text) {
    const label = `Card text changed from ${quote(before.text)} to ${name}`;
    push({ ...base('card-text-changed', label), before: before.text, after: after.text });
  }
  if (before.emotion !== after.emotion) {
    const change = numberChange(before.emotion, after.emotion);
    push({ ...base('card-emotion-changed', `Emotion of ${name}: ${describe(change)}`), ...change });
  }
  const metrics: MetricChange[] = METRIC_KEYS.filter(
    (key) => before.metrics[key] !== after.metrics[key],
  ).map((key) => ({ key, ...numberChange(before.metrics[key], after.metrics[key]) }));
  if (metrics.length > 0) {
    const parts = metrics.map((m) => `${METRIC_LABEL[m.key]} ${describe(m)}`).join(', ');
    push({ ...base('card-metrics-changed', `Metrics of ${name}: ${parts}`), metrics });
  }
  const series = seriesChanges(
    ctx.before.series.get(card.id) ?? [],
    ctx.after.series.get(card.id) ?? [],
  );
  if (series.length > 0) {
    const label = `Series of ${name}: ${series.map(describeSeriesChange).join('; ')}`;
    push({ ...base('card-series-changed', label), series });
  }
  if (before.channel !== after.channel) {
    const [a, b] = [before.channel ?? null, after.channel ?? null];
    const label = `Channel of ${name} changed from ${a ?? 'none'} to ${b ?? 'none'}`;
    push({ ...base('card-channel-changed', label), before: a, after: b });
  }
  if (before.team !== after.team) {
    const [a, b] = [before.team ?? null, after.team ?? null];
    const label = `Team of ${name} changed from ${a ?? 'none'} to ${b ?? 'none'}`;
    push({ ...base('card-team-changed', label), before: a, after: b });
  }
  if (before.expected !== after.expected || before.expectation !== after.expectation) {
    const expected =
      before.expected !== after.expected ? numberChange(before.expected, after.expected) : null;
    const [a, b] = [before.expectation ?? null, after.expectation ?? null];
    const expectation = a !== b ? { before: a, after: b } : null;
    const parts = [
      ...(expected ? [`score ${describe(expected)}`] : []),
      ...(expectation
        ? [`words ${a === null ? 'none' : quote(a)} → ${b === null ? 'none' : quote(b)}`]
        : []),
    ];
    const label = `Expectation at ${name}: ${parts.join(', ')}`;
    push({ ...base('card-expectation-changed', label), expected, expectation });
  }
  const persona = cardPersonaChange(ctx, before, after);
  if (persona) {
    const { label, ...ids } = persona;
    push({ ...base('card-persona-changed', `Card ${name} ${label}`), ...ids });
  }
  const added = after.tags.filter((t) => !before.tags.includes(t)).sort();
  const removed = before.tags.filter((t) => !after.tags.includes(t)).sort();
  if (added.length + removed.length > 0) {
    const parts = [...added.map((t) => `+${t}`), ...removed.map((t) => `−${t}`)].join(', ');
    push({ ...base('card-tags-changed', `Tags of ${name}: ${parts}`), added, removed });
  }
  if (before.image !== after.image) {
    const [a, b] = [before.image ?? null, after.image ?? null];
    const what = a === null ? 'added to' : b === null ? 'removed from' : 'replaced on';
    push({ ...base('card-image-changed', `Picture ${what} ${name}`), before: a, after: b });
  }
  if (before.link !== after.link) {
    const [a, b] = [before.link ?? null, after.link ?? null];
    const what = a === null ? 'linked to a map' : b === null ? 'unlinked' : 'linked to another map';
    push({ ...base('card-link-changed', `Card ${name} ${what}`), before: a, after: b });
  }
  if (isOpenPainPoint(before, ctx.before) && isResolved(after)) {
    const label = `Pain point ${name} closed (tagged ${RESOLVED_TAG})`;
    push({ ...base('pain-point-closed', label), reason: 'resolved' });
  }
  const beforeIds = new Set(before.evidence.map((e) => e.id));
  const afterIds = new Set(after.evidence.map((e) => e.id));
  for (const evidence of after.evidence) {
    if (beforeIds.has(evidence.id)) continue;
    const label = `Evidence added to ${name}: ${evidence.kind} ${quote(evidence.text)}`;
    push({ ...base('evidence-added', label), evidence }, evidence.id);
  }
  for (const evidence of before.evidence) {
    if (afterIds.has(evidence.id)) continue;
    const label = `Evidence removed from ${name}: ${evidence.kind} ${quote(evidence.text)}`;
    push({ ...base('evidence-removed', label), evidence }, evidence.id);
  }
  return out;
}

export function cardChanges(ctx: DiffContext, before: Card[], after: Card[]): Keyed[] {
  const out: Keyed[] = [];
  for (const card of before) out.push(...changesOf(ctx, card, ctx.after.cards.get(card.id)));
  for (const card of after)
    if (!ctx.before.cards.has(card.id)) out.push(...changesOf(ctx, undefined, card));
  return out;
}
