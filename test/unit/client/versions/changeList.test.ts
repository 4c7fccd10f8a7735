import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  diffBoards,
  setExpectation,
  setExpected,
  setTeam,
  setTitle,
  writeMetricPoints,
} from '../../../../shared/model/index.js';
import { replicaOf } from '../../shared/model/helpers.js';
import {
  changeBadges,
  changeTone,
  countsText,
  diffCounts,
  focusTarget,
  groupByStage,
} from '../../../../client/src/board/versions/changeList.js';
import { editedBoard } from './fixture.js';

describe('groupByStage', () => {
  it('puts board-wide changes first, then each stage in display order', () => {
    const { before, after, ids } = editedBoard();
    setTitle(after, 'Renamed journey');
    const groups = groupByStage(diffBoards(before, after));
    expect(groups.map((g) => [g.key, g.title])).toEqual([
      ['board', 'Board and lanes'],
      [ids.purchase, 'Purchase'],
      [ids.support, 'Aftercare'],
    ]);
    expect(groups[0]!.changes.map((c) => c.kind)).toEqual(['meta-changed']);
    // The moved card is grouped under the stage it went to.
    const moved = groups[2]!.changes.find((c) => c.kind === 'card-moved');
    expect(moved?.label).toBe(
      'Card "Call centre" moved from "Purchase" / "Touchpoints" to "Aftercare" / "Touchpoints"',
    );
    // Every change is in exactly one group.
    expect(groups.flatMap((g) => g.changes)).toHaveLength(diffBoards(before, after).changes.length);
  });

  it('is empty when nothing changed', () => {
    const { before } = editedBoard();
    expect(groupByStage(diffBoards(before, before))).toEqual([]);
  });
});

describe('changeBadges', () => {
  it('W274: one badge per changed series counting the points; the label names periods and values', () => {
    const { before, ids } = editedBoard();
    const point = (m: string, value: number, n = 80) => ({
      cardId: ids.web,
      metric: 'csat' as const,
      value,
      n,
      periodStart: `2026-${m}-01`,
      periodEnd: `2026-${m}-${m === '09' || m === '11' ? 30 : 31}`,
      source: 'survey',
    });
    writeMetricPoints(before, [point('09', 71)], '2026-10-01T00:00:00.000Z');
    const after = replicaOf(before);
    writeMetricPoints(
      after,
      [point('09', 74), point('10', 75), point('11', 78)],
      '2026-12-01T00:00:00.000Z',
    );
    const series = diffBoards(before, after).changes.filter(
      (c) => c.kind === 'card-series-changed',
    );
    expect(series.map((c) => [focusTarget(c), changeTone(c.kind)])).toEqual([[ids.web, 'changed']]);
    // The canvas badge counts; the change list's label has the periods and values.
    expect(series.flatMap(changeBadges)).toEqual(['CSAT +2 points, 1 changed']);
    expect(series[0]!.label).toBe(
      'Series of "Help page": CSAT +2 points (Oct 2026, Nov 2026), Sep 2026 71 → 74',
    );
  });

  it('shows emotion and metric deltas with signs and units', () => {
    const { before, after, ids } = editedBoard();
    const changes = diffBoards(before, after).changes.filter(
      (c) => 'cardId' in c && c.cardId === ids.web,
    );
    expect(changes.flatMap(changeBadges)).toEqual([
      'Text edited',
      'Emotion −1→+1',
      'CSAT 62→71 %',
      'Volume 1200→900',
    ]);
  });

  it('says where a moved card came from and that a pain point closed', () => {
    const { before, after, ids } = editedBoard();
    const diff = diffBoards(before, after);
    const of = (id: string) =>
      diff.changes.filter((c) => 'cardId' in c && c.cardId === id).flatMap(changeBadges);
    expect(of(ids.call)).toEqual(['Moved from Purchase / Touchpoints']);
    expect(of(ids.queue)).toEqual(['+Resolved', 'Pain point closed']);
    expect(of(ids.added)).toEqual([]);
  });
});

describe('changeBadges of a team and an expectation', () => {
  it('W282: badges the team change and the expected score, and focuses the card', () => {
    const { after, ids } = editedBoard();
    const later = new Y.Doc();
    Y.applyUpdate(later, Y.encodeStateAsUpdate(after));
    setTeam(later, ids.web, 'Billing');
    setExpected(later, ids.web, 2);
    const changes = diffBoards(after, later).changes;
    expect(changes.flatMap(changeBadges)).toEqual(['Team –→Billing', 'Expected –→+2']);
    expect(changes.map(focusTarget)).toEqual([ids.web, ids.web]);
    const words = new Y.Doc();
    Y.applyUpdate(words, Y.encodeStateAsUpdate(later));
    setExpectation(words, ids.web, 'Fast');
    expect(diffBoards(later, words).changes.flatMap(changeBadges)).toEqual(['Expectation edited']);
  });
});

describe('focusTarget and changeTone', () => {
  it('focuses what still exists: cards, stages; never removed items', () => {
    const { before, after, ids } = editedBoard();
    const diff = diffBoards(before, after);
    const target = (kind: string) => focusTarget(diff.changes.find((c) => c.kind === kind)!);
    expect(target('card-added')).toBe(ids.added);
    expect(target('card-moved')).toBe(ids.call);
    expect(target('card-removed')).toBeNull();
    expect(target('stage-renamed')).toBe(ids.support);
    expect(changeTone('card-added')).toBe('added');
    expect(changeTone('card-removed')).toBe('removed');
    expect(changeTone('card-metrics-changed')).toBe('changed');
  });
});

describe('diffCounts', () => {
  it('counts added, removed and each changed card once', () => {
    const { before, after } = editedBoard();
    const counts = diffCounts(diffBoards(before, after));
    // call (moved), web (text, emotion, metrics), queue (tags, closed).
    expect(counts).toMatchObject({ added: 1, removed: 1, changed: 3, painPointsClosed: 1 });
    expect(counts.total).toBe(diffBoards(before, after).summary.total);
  });
});

describe('countsText', () => {
  it('puts every count in the singular or plural it needs', () => {
    const one = { total: 1, added: 0, removed: 0, changed: 1, painPointsClosed: 1 };
    expect(countsText(one)).toEqual({
      total: '1 change',
      detail: '0 added · 0 removed · 1 card changed · 1 pain point closed',
    });
    const many = { total: 5, added: 2, removed: 1, changed: 2, painPointsClosed: 2 };
    expect(countsText(many)).toEqual({
      total: '5 changes',
      detail: '2 added · 1 removed · 2 cards changed · 2 pain points closed',
    });
    expect(countsText({ ...many, total: 0 })).toEqual({ total: '0 changes', detail: null });
  });
});
