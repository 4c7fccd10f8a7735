/** Where the canvas draws handoff arrows and the expectation band (W283, W285). */
import { describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addStage,
  FIRST_PERSONA_ID,
  readBoard,
  type NewCard,
} from '../../../../shared/model/index.js';
import {
  expectationRuns,
  handoffArrows,
} from '../../../../client/src/board/core/handoffGeometry.js';
import { emotionY, layoutBoard } from '../../../../client/src/board/core/layout.js';
import { newBoard } from '../../shared/model/helpers.js';

function board() {
  const doc = newBoard();
  const stages = ['Buy', 'Onboard', 'Use', 'Support'].map((name) => addStage(doc, { name }));
  const T = addLane(doc, { name: 'Touchpoints', kind: 'touchpoints' });
  const E = addLane(doc, { name: 'Emotions', kind: 'emotions' });
  const card = (stage: number, laneId: string, extra: Partial<NewCard>) =>
    addCard(doc, { stageId: stages[stage]!, laneId, text: 'x', ...extra });
  return { doc, T, E, card };
}

describe('handoff geometry', () => {
  it('W283: one arrow per handoff, from the border of one touchpoint to the next', () => {
    const { doc, T, card } = board();
    const a = card(0, T, { channel: 'web' });
    const b = card(1, T, { channel: 'web' });
    const c = card(2, T, { channel: 'phone' });
    const snapshot = readBoard(doc);
    const layout = layoutBoard(snapshot);
    const arrows = handoffArrows(snapshot, layout);
    expect(arrows.map((x) => x.id)).toEqual([`${b}>${c}`]);
    const [from, to] = [layout.cards.get(b)!, layout.cards.get(c)!];
    const [x0, , x1] = arrows[0]!.points;
    expect(x0).toBeCloseTo(from.x + from.w);
    expect(x1).toBeCloseTo(to.x);
    expect(arrows[0]!.worse).toBe(false);
    expect(layout.cards.has(a)).toBe(true);
  });

  it('W285: the band runs over adjacent stages with an expectation and an emotion, leaving gaps', () => {
    const { doc, T, E, card } = board();
    for (const [stage, emotion] of [
      [0, 1],
      [1, -1],
      [2, 0],
      [3, -2],
    ] as const)
      card(stage, E, { emotion });
    card(0, T, { expected: 2 });
    card(1, T, { expected: 1 });
    card(3, T, { expected: 1 });
    const layout = layoutBoard(readBoard(doc));
    const row = layout.rows.find((r) => r.kind === 'emotions')!;
    const runs = expectationRuns(layout, FIRST_PERSONA_ID);
    expect(runs.map((run) => run.length)).toEqual([2, 1]);
    expect(runs[0]![1]).toEqual({
      x: layout.columns[1]!.x + layout.columns[1]!.w / 2,
      expectedY: emotionY(row, 1),
      feltY: emotionY(row, -1),
    });
    expect(runs[1]![0]!.x).toBe(layout.columns[3]!.x + layout.columns[3]!.w / 2);
  });
});
