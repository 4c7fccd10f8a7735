import * as Y from 'yjs';
import { describe, expect, it } from 'vitest';
import { applyTemplate, readBoard } from '../../../../../shared/model/index.js';
import type { Shape } from '../../../../../shared/model/schema.js';
import { exportFileName, slugify } from '../../../../../client/src/board/export/download.js';
import {
  EXPORT_MARGIN,
  MAX_EXPORT_SIDE,
  exportPixelRatio,
  mapScene,
  selectionScene,
} from '../../../../../client/src/board/export/scene.js';
import { layoutBoard } from '../../../../../client/src/board/core/layout.js';

function template() {
  const doc = new Y.Doc();
  applyTemplate(doc, 'current-state', { title: 'Map', createdAt: '2026-01-01T00:00:00Z' });
  const board = readBoard(doc);
  return { board, layout: layoutBoard(board) };
}

const note = (id: string, x: number, y: number): Shape => ({
  id,
  type: 'note',
  x,
  y,
  w: 200,
  h: 100,
  color: '#fde68a',
});

describe('export scenes', () => {
  it('W118: covers the whole grid and every card, not just what a view would show', () => {
    const { layout } = template();
    const scene = mapScene(layout, [])!;
    expect(scene.grid).toBe(true);
    expect(scene.cards).toHaveLength(layout.cards.size);
    expect(scene.bounds).toEqual({
      x: -EXPORT_MARGIN,
      y: -EXPORT_MARGIN,
      w: layout.width + 2 * EXPORT_MARGIN,
      h: layout.height + 2 * EXPORT_MARGIN,
    });
  });

  it('W118: grows to free shapes on any side, arrows included', () => {
    const { layout } = template();
    const arrow: Shape = { id: 'a', type: 'arrow', x: 100, y: -300, w: -400, h: 50, color: '#000' };
    const scene = mapScene(layout, [note('n', layout.width + 500, 40), arrow])!;
    expect(scene.bounds.x).toBe(-300 - 10 - EXPORT_MARGIN);
    expect(scene.bounds.y).toBe(-300 - 10 - EXPORT_MARGIN);
    expect(scene.bounds.x + scene.bounds.w).toBe(layout.width + 700 + EXPORT_MARGIN);
    expect(scene.shapes).toHaveLength(2);
  });

  it('is null for an empty board and for a selection of nothing drawable', () => {
    const empty = layoutBoard({ ...template().board, stages: [], lanes: [], cards: [] });
    expect(mapScene(empty, [])).toBeNull();
    const { layout, board } = template();
    expect(selectionScene(layout, board.shapes, [])).toBeNull();
    expect(selectionScene(layout, board.shapes, ['gone'])).toBeNull();
  });

  it('W118: frames only the selected cards and shapes; a stage stands for its cards', () => {
    const { layout, board } = template();
    const box = [...layout.cards.values()].find((b) => b.w > 100)!;
    const one = selectionScene(layout, [], [box.card.id])!;
    expect(one.grid).toBe(false);
    expect(one.cards.map((c) => c.card.id)).toEqual([box.card.id]);
    expect(one.bounds).toEqual({
      x: box.x - EXPORT_MARGIN,
      y: box.y - EXPORT_MARGIN,
      w: box.w + 2 * EXPORT_MARGIN,
      h: box.h + 2 * EXPORT_MARGIN,
    });
    const stage = board.stages[1]!;
    const column = selectionScene(layout, [], [stage.id])!;
    expect(column.cards.length).toBe(board.cards.filter((c) => c.stageId === stage.id).length);
    expect(column.cards.every((b) => b.card.stageId === stage.id)).toBe(true);
  });
});

describe('exportPixelRatio', () => {
  it('W119: is 2 for ordinary maps and lowered (and said so) past the browser limits', () => {
    expect(exportPixelRatio({ x: 0, y: 0, w: 4000, h: 2500 })).toEqual({
      pixelRatio: 2,
      capped: false,
    });
    const wide = exportPixelRatio({ x: 0, y: 0, w: 20_000, h: 1000 });
    expect(wide.capped).toBe(true);
    expect(20_000 * wide.pixelRatio).toBeLessThanOrEqual(MAX_EXPORT_SIDE);
    const huge = exportPixelRatio({ x: 0, y: 0, w: 12_000, h: 12_000 });
    expect(huge.capped).toBe(true);
    expect(12_000 * huge.pixelRatio * 12_000 * huge.pixelRatio).toBeLessThanOrEqual(2 ** 27);
  });
});

describe('export file names', () => {
  it('W114: come from the title and the local date', () => {
    const date = new Date(2026, 11, 3, 23, 30);
    expect(exportFileName('Customer onboarding', 'pdf', date)).toBe(
      'customer-onboarding-2026-12-03.pdf',
    );
    expect(slugify('  Café: “Q3” review!  ')).toBe('cafe-q3-review');
    expect(slugify('🙂🙂')).toBe('journey-map');
    expect(exportFileName('Données', 'journeyboard.json', date)).toBe(
      'donnees-2026-12-03.journeyboard.json',
    );
  });
});
