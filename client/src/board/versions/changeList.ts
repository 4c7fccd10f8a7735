/**
 * How a BoardDiff reads in the versions panel and on the canvas: changes grouped by stage, short
 * delta badges, what a change focuses, summary counts. Pure, so it is unit-tested.
 */
import type {
  BoardChange,
  BoardDiff,
  ChangeKind,
  DiffStage,
  NumberChange,
  SeriesChange,
} from '../../../../shared/model/diffTypes.js';
import { seriesName } from '../../../../shared/model/metricAlerts.js';
import { plural, pluralWord } from '../../../../shared/model/plural.js';
import type { MetricKey } from '../../../../shared/model/schema.js';

export interface ChangeGroup {
  /** A stage id, or `board` for board-wide changes (title, persona, lanes). */
  key: string;
  title: string;
  status: DiffStage['status'] | 'board';
  changes: BoardChange[];
}

/** Board-wide changes first, then one group per stage in display order (empty stages left out). */
export function groupByStage(diff: BoardDiff): ChangeGroup[] {
  const boardWide: BoardChange[] = [];
  const byStage = new Map<string, BoardChange[]>();
  for (const change of diff.changes) {
    if (change.stageId === null) boardWide.push(change);
    else byStage.set(change.stageId, [...(byStage.get(change.stageId) ?? []), change]);
  }
  const groups: ChangeGroup[] = [];
  if (boardWide.length > 0) {
    groups.push({ key: 'board', title: 'Board and lanes', status: 'board', changes: boardWide });
  }
  for (const stage of diff.stages) {
    const changes = byStage.get(stage.id);
    if (changes) groups.push({ key: stage.id, title: stage.name, status: stage.status, changes });
  }
  return groups;
}

const METRIC_NAME: Record<MetricKey, string> = {
  csat: 'CSAT',
  ces: 'CES',
  fcr: 'FCR',
  nps: 'NPS',
  volume: 'Volume',
};
const PERCENT: ReadonlySet<MetricKey> = new Set(['csat', 'fcr']);

const round = (n: number, digits: number) => {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
};
const plain = (n: number | null, digits = 1) => (n === null ? '–' : String(round(n, digits)));
/** Scores read with their sign (−1, +2, 0): a typographic minus, as the model's labels use. */
const signed = (n: number | null) =>
  n === null ? '–' : n > 0 ? `+${plain(n)}` : n < 0 ? `−${plain(-n)}` : '0';

function metricBadge(key: MetricKey, c: NumberChange): string {
  const unit = PERCENT.has(key) ? ' %' : '';
  return `${METRIC_NAME[key]} ${plain(c.before)}→${plain(c.after)}${unit}`;
}

/**
 * W274: a series' change in a few words for the canvas (`CSAT +2 −1 points, 1 changed`); the
 * change list has the periods and values.
 */
function seriesBadge(c: SeriesChange): string {
  const counts = [
    ...(c.added.length ? [`+${c.added.length}`] : []),
    ...(c.removed.length ? [`−${c.removed.length}`] : []),
  ];
  const moved = c.added.length + c.removed.length;
  const parts = moved ? [`${counts.join(' ')} ${pluralWord(moved, 'point')}`] : [];
  if (c.changed.length)
    parts.push(
      moved ? `${c.changed.length} changed` : plural(c.changed.length, 'point') + ' changed',
    );
  return `${seriesName(c.metric, c.method ?? undefined)} ${parts.join(', ')}`;
}

/** Short deltas for a change ("Emotion −1→+1", "CSAT 62→71 %"); empty when it has none. */
export function changeBadges(change: BoardChange): string[] {
  switch (change.kind) {
    case 'card-emotion-changed':
      return [`Emotion ${signed(change.before)}→${signed(change.after)}`];
    case 'card-metrics-changed':
      return change.metrics.map((m) => metricBadge(m.key, m));
    case 'card-series-changed':
      return change.series.map(seriesBadge);
    case 'card-moved':
      return [`Moved from ${change.from.stageName} / ${change.from.laneName}`];
    case 'card-text-changed':
      return ['Text edited'];
    case 'card-channel-changed':
      return [`Channel ${change.before ?? '–'}→${change.after ?? '–'}`];
    case 'card-image-changed':
      return [
        change.before === null
          ? 'Picture added'
          : change.after === null
            ? 'Picture removed'
            : 'Picture replaced',
      ];
    case 'card-link-changed':
    case 'stage-link-changed':
      return [
        change.before === null
          ? 'Link added'
          : change.after === null
            ? 'Link removed'
            : 'Link changed',
      ];
    case 'card-tags-changed':
      return [
        [...change.added.map((t) => `+${t}`), ...change.removed.map((t) => `−${t}`)].join(' '),
      ];
    case 'pain-point-closed':
      return ['Pain point closed'];
    case 'evidence-added':
      return ['Evidence added'];
    case 'evidence-removed':
      return ['Evidence removed'];
    case 'card-persona-changed':
      return ['Persona changed'];
    case 'card-team-changed':
      return [`Team ${change.before ?? '–'}→${change.after ?? '–'}`];
    case 'card-expectation-changed':
      return [
        change.expected
          ? `Expected ${signed(change.expected.before)}→${signed(change.expected.after)}`
          : 'Expectation edited',
      ];
    case 'persona-added':
    case 'persona-removed':
    case 'persona-changed':
    case 'card-added':
    case 'card-removed':
    case 'stage-added':
    case 'stage-removed':
    case 'stage-renamed':
    case 'stage-reordered':
    case 'lane-added':
    case 'lane-removed':
    case 'lane-renamed':
    case 'lane-reordered':
    case 'lane-retyped':
    case 'meta-changed':
      return [];
  }
}

/** The item a change is about on today's board (null when it is gone or board-wide). */
export function focusTarget(change: BoardChange): string | null {
  switch (change.kind) {
    case 'meta-changed':
    case 'persona-added':
    case 'persona-removed':
    case 'persona-changed':
    case 'card-removed':
    case 'stage-removed':
    case 'lane-removed':
      return null;
    case 'pain-point-closed':
      return change.reason === 'removed' ? null : change.cardId;
    case 'lane-added':
    case 'lane-renamed':
    case 'lane-retyped':
    case 'lane-reordered':
      return change.laneId;
    case 'stage-added':
    case 'stage-renamed':
    case 'stage-reordered':
    case 'stage-link-changed':
      return change.stageId;
    case 'card-added':
    case 'card-moved':
    case 'card-text-changed':
    case 'card-emotion-changed':
    case 'card-metrics-changed':
    case 'card-series-changed':
    case 'card-channel-changed':
    case 'card-tags-changed':
    case 'card-image-changed':
    case 'card-link-changed':
    case 'evidence-added':
    case 'evidence-removed':
    case 'card-persona-changed':
    case 'card-team-changed':
    case 'card-expectation-changed':
      return change.cardId;
  }
}

/** How a change is drawn: added green, removed red, everything else amber. */
export function changeTone(kind: ChangeKind): 'added' | 'removed' | 'changed' {
  if (kind === 'card-added' || kind === 'stage-added' || kind === 'lane-added') return 'added';
  if (kind === 'card-removed' || kind === 'stage-removed' || kind === 'lane-removed')
    return 'removed';
  return 'changed';
}

export interface DiffCounts {
  total: number;
  added: number;
  removed: number;
  /** Cards that exist on both sides and changed in any way (each card counted once). */
  changed: number;
  painPointsClosed: number;
}

/** The summary shown above the change list and in the overlay's legend. */
export function diffCounts(diff: BoardDiff): DiffCounts {
  const k = diff.summary.byKind;
  const changedCards = new Set<string>();
  for (const change of diff.changes) {
    if ('cardId' in change && changeTone(change.kind) === 'changed') {
      if (change.kind === 'pain-point-closed' && change.reason === 'removed') continue;
      changedCards.add(change.cardId);
    }
  }
  return {
    total: diff.summary.total,
    added: k['card-added'] + k['stage-added'] + k['lane-added'],
    removed: k['card-removed'] + k['stage-removed'] + k['lane-removed'],
    changed: changedCards.size,
    painPointsClosed: k['pain-point-closed'],
  };
}

/** The summary line's parts: "3 changes" and "1 added · 0 removed · 1 card changed · …". */
export function countsText(counts: DiffCounts): { total: string; detail: string | null } {
  const total = plural(counts.total, 'change');
  if (counts.total === 0) return { total, detail: null };
  const parts = [
    `${counts.added.toLocaleString('en-GB')} added`,
    `${counts.removed.toLocaleString('en-GB')} removed`,
    `${plural(counts.changed, 'card')} changed`,
  ];
  if (counts.painPointsClosed > 0) {
    parts.push(`${plural(counts.painPointsClosed, 'pain point')} closed`);
  }
  return { total, detail: parts.join(' · ') };
}
