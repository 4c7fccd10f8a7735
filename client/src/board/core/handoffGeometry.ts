/**
 * Where the canvas draws handoffs and the expectation band (W283, W285): pure geometry over a
 * board snapshot and its grid layout, computed once per snapshot, never per frame.
 */
import { computeHandoffs, expectedByStage } from '../../../../shared/model/handoffs.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { borderPoint } from './arrows.js';
import { emotionY, sentimentCurve, type GridLayout, type Rect } from './layout.js';

export interface HandoffArrow {
  id: string;
  points: [number, number, number, number];
  /** The handoff makes things worse (severity above 0). */
  worse: boolean;
}

const centre = (r: Rect) => ({ x: r.x + r.w / 2, y: r.y + r.h / 2 });

/** Each handoff's arrow from border to border of its touchpoints' boxes, where both are laid out. */
export function handoffArrows(board: BoardSnapshot, layout: GridLayout): HandoffArrow[] {
  return computeHandoffs(board).flatMap((h) => {
    const [from, to] = [layout.cards.get(h.fromCardId), layout.cards.get(h.toCardId)];
    if (!from || !to) return [];
    const start = borderPoint(from, centre(to));
    const end = borderPoint(to, centre(from));
    return [
      {
        id: `${h.fromCardId}>${h.toCardId}`,
        points: [start.x, start.y, end.x, end.y],
        worse: h.severity > 0,
      },
    ];
  });
}

export interface BandPoint {
  x: number;
  expectedY: number;
  feltY: number;
}

/** Runs of adjacent stages (display order) with both an expectation and an emotion. */
export function expectationRuns(layout: GridLayout, personaId: string): BandPoint[][] {
  const row = layout.rows.find((r) => r.kind === 'emotions');
  if (!row) return [];
  const felt = new Map(sentimentCurve(layout, personaId).map((p) => [p.stageId, p]));
  const cards = [...layout.cards.values()].map((box) => box.card);
  const expected = expectedByStage({ stages: layout.columns, cards }, personaId);
  const runs: BandPoint[][] = [];
  let run: BandPoint[] = [];
  for (const column of layout.columns) {
    const [score, point] = [expected.get(column.id), felt.get(column.id)];
    if (score === undefined || point === undefined) {
      if (run.length > 0) runs.push(run);
      run = [];
      continue;
    }
    run.push({ x: point.x, expectedY: emotionY(row, score), feltY: point.y });
  }
  if (run.length > 0) runs.push(run);
  return runs;
}
