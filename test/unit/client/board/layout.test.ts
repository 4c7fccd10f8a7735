import { describe, expect, it } from 'vitest';
import {
  addCard,
  addLane,
  addStage,
  orderBetween,
  readBoard,
  setStageWidth,
  type BoardSnapshot,
} from '../../../../shared/model/index.js';
import {
  cellAt,
  cellKey,
  clearOfHeaders,
  dropIndex,
  emotionAt,
  emotionY,
  GRID,
  intersects,
  layoutBoard,
  sentimentCurve,
  visibleCards,
  type CardBox,
  type Rect,
} from '../../../../client/src/board/core/layout.js';
import { newBoard } from '../../shared/model/helpers.js';

/** Height of a normal lane whose fullest cell holds n cards (n ≥ 1). */
const laneH = (n: number) => 2 * GRID.pad + n * GRID.cardH + (n - 1) * GRID.gap + GRID.gap + 24;

/**
 * Three stages (the middle one resized), an actions lane, an emotions lane and a goals lane.
 * Actions: 3 cards in Discover, 1 in Compare. Emotions: −2 and +1 in Discover, none in
 * Compare, one without a score in Buy. Goals: empty.
 */
function fixture() {
  const doc = newBoard();
  const discover = addStage(doc, { name: 'Discover' });
  const compare = addStage(doc, { name: 'Compare', width: 400 });
  const buy = addStage(doc, { name: 'Buy' });
  const actions = addLane(doc, { name: 'Actions', kind: 'actions' });
  const feelings = addLane(doc, { name: 'Feelings', kind: 'emotions' });
  const goals = addLane(doc, { name: 'Goals', kind: 'goals' });
  const a1 = addCard(doc, { stageId: discover, laneId: actions, text: 'Search' });
  const a2 = addCard(doc, { stageId: discover, laneId: actions, text: 'Read reviews' });
  const a3 = addCard(doc, { stageId: discover, laneId: actions, text: 'Ask a friend' });
  const b1 = addCard(doc, { stageId: compare, laneId: actions, text: 'Compare prices' });
  const sad = addCard(doc, { stageId: discover, laneId: feelings, emotion: -2 });
  const glad = addCard(doc, { stageId: discover, laneId: feelings, emotion: 1 });
  const unscored = addCard(doc, { stageId: buy, laneId: feelings, text: 'No score yet' });
  const board = readBoard(doc);
  return {
    doc,
    board,
    layout: layoutBoard(board),
    ids: { discover, compare, buy, actions, feelings, goals, a1, a2, a3, b1, sad, glad, unscored },
  };
}

const box = (layout: ReturnType<typeof layoutBoard>, id: string): CardBox => {
  const found = layout.cards.get(id);
  if (!found) throw new Error(`no box for ${id}`);
  return found;
};

describe('layoutBoard', () => {
  it('places columns after the row header, using a stage width when set', () => {
    const { layout, ids } = fixture();
    expect(layout.columns.map(({ id, x, w, index }) => ({ id, x, w, index }))).toEqual([
      { id: ids.discover, x: GRID.headerW, w: GRID.colW, index: 0 },
      { id: ids.compare, x: GRID.headerW + GRID.colW, w: 400, index: 1 },
      { id: ids.buy, x: GRID.headerW + GRID.colW + 400, w: GRID.colW, index: 2 },
    ]);
    expect(layout.columns.map((c) => c.name)).toEqual(['Discover', 'Compare', 'Buy']);
  });

  it('follows a width set later through the model', () => {
    const { doc, ids } = fixture();
    setStageWidth(doc, ids.discover, 500);
    const layout = layoutBoard(readBoard(doc));
    expect(layout.columns[0]!.w).toBe(500);
    expect(layout.columns[1]!.x).toBe(GRID.headerW + 500);
  });

  it('makes a lane as tall as its fullest cell, never below the minimum', () => {
    const { layout, ids } = fixture();
    const [actions, feelings, goals] = layout.rows;
    expect(actions).toMatchObject({ id: ids.actions, kind: 'actions', y: GRID.headerH });
    // Discover holds 3 action cards, Compare only 1: the 3 decide.
    expect(actions!.h).toBe(laneH(3));
    expect(goals).toMatchObject({ id: ids.goals, kind: 'goals', h: GRID.minLaneH });
    expect(feelings!.y).toBe(GRID.headerH + laneH(3));
    expect(goals!.y).toBe(feelings!.y + feelings!.h);
  });

  it('gives the emotions lane a fixed height whatever it holds', () => {
    const { doc, ids } = fixture();
    for (let i = 0; i < 6; i++) addCard(doc, { stageId: ids.compare, laneId: ids.feelings });
    const layout = layoutBoard(readBoard(doc));
    expect(layout.rows[1]!.h).toBe(GRID.emotionLaneH);
  });

  it('grows a lane when a card is added to its fullest cell', () => {
    const { doc, layout, ids } = fixture();
    addCard(doc, { stageId: ids.discover, laneId: ids.actions });
    const after = layoutBoard(readBoard(doc));
    expect(after.rows[0]!.h).toBe(laneH(4));
    expect(after.rows[0]!.h - layout.rows[0]!.h).toBe(GRID.cardH + GRID.gap);
  });

  it('reports total size and stretches columns and rows across it', () => {
    const { layout } = fixture();
    const width = GRID.headerW + GRID.colW + 400 + GRID.colW;
    const height = GRID.headerH + laneH(3) + GRID.emotionLaneH + GRID.minLaneH;
    expect(layout.width).toBe(width);
    expect(layout.height).toBe(height);
    for (const c of layout.columns) expect(c).toMatchObject({ y: 0, h: height });
    for (const r of layout.rows) expect(r).toMatchObject({ x: 0, w: width });
  });

  it('stacks the cards of a cell in order, inside the cell', () => {
    const { layout, ids } = fixture();
    const column = layout.columns[0]!;
    const row = layout.rows[0]!;
    [ids.a1, ids.a2, ids.a3].forEach((id, index) => {
      expect(box(layout, id)).toMatchObject({
        index,
        x: column.x + GRID.pad,
        y: row.y + GRID.pad + index * (GRID.cardH + GRID.gap),
        w: column.w - 2 * GRID.pad,
        h: GRID.cardH,
      });
    });
    const last = box(layout, ids.a3);
    expect(last.y + last.h).toBeLessThanOrEqual(row.y + row.h);
    // A card in the wide column is as wide as its column allows.
    expect(box(layout, ids.b1).w).toBe(400 - 2 * GRID.pad);
  });

  it('follows a card moved to the top of its cell', () => {
    const { doc, ids } = fixture();
    addCard(doc, { stageId: ids.discover, laneId: ids.actions, text: 'First', index: 0 });
    const layout = layoutBoard(readBoard(doc));
    const cell = layout.cells.get(cellKey(ids.discover, ids.actions))!;
    expect(cell.slice(1)).toEqual([ids.a1, ids.a2, ids.a3]);
    expect(box(layout, cell[0]!).card.text).toBe('First');
    expect(box(layout, ids.a1).index).toBe(1);
  });

  it('lists the card ids of every non-empty cell, in order', () => {
    const { layout, ids } = fixture();
    expect(new Map(layout.cells)).toEqual(
      new Map([
        [cellKey(ids.discover, ids.actions), [ids.a1, ids.a2, ids.a3]],
        [cellKey(ids.compare, ids.actions), [ids.b1]],
        [cellKey(ids.discover, ids.feelings), [ids.sad, ids.glad]],
        [cellKey(ids.buy, ids.feelings), [ids.unscored]],
      ]),
    );
    expect(layout.cards.size).toBe(7);
  });

  it('draws emotion cards as points, spread across the column, at the height of their score', () => {
    const { layout, ids } = fixture();
    const column = layout.columns[0]!;
    const row = layout.rows[1]!;
    const r = GRID.emotionPointR;
    const sad = box(layout, ids.sad);
    const glad = box(layout, ids.glad);
    expect(sad).toMatchObject({ w: 2 * r, h: 2 * r, index: 0 });
    // Centres at 1/3 and 2/3 of the column.
    expect(sad.x + r).toBeCloseTo(column.x + column.w / 3);
    expect(glad.x + r).toBeCloseTo(column.x + (2 * column.w) / 3);
    expect(sad.y + r).toBeCloseTo(emotionY(row, -2));
    expect(glad.y + r).toBeCloseTo(emotionY(row, 1));
    // Negative is lower on screen.
    expect(sad.y).toBeGreaterThan(glad.y);
    // A card without a score sits on the neutral line.
    expect(box(layout, ids.unscored).y + r).toBeCloseTo(emotionY(row, 0));
  });

  it('lays out an empty board as just the headers', () => {
    const layout = layoutBoard(readBoard(newBoard()));
    expect(layout).toMatchObject({
      columns: [],
      rows: [],
      width: GRID.headerW,
      height: GRID.headerH,
    });
    expect(layout.cards.size).toBe(0);
    expect(layout.cells.size).toBe(0);
  });

  it('gives stages without lanes full-height (header only) columns', () => {
    const doc = newBoard();
    addStage(doc, { name: 'Only' });
    const layout = layoutBoard(readBoard(doc));
    expect(layout.columns[0]).toMatchObject({ x: GRID.headerW, h: GRID.headerH });
    expect(layout.width).toBe(GRID.headerW + GRID.colW);
  });
});

describe('emotionY / emotionAt', () => {
  const row: Rect = { x: 0, y: 300, w: 1000, h: GRID.emotionLaneH };
  const middle = row.y + row.h / 2;
  const step = emotionY(row, 0) - emotionY(row, 1);

  it('puts 0 on the middle line of the lane, where a double-click there reads 0', () => {
    expect(emotionY(row, 0)).toBe(middle);
    expect(emotionAt(row, middle)).toBe(0);
    expect(emotionAt(row, middle + step * 0.4)).toBe(0);
    expect(emotionAt(row, middle - step * 0.4)).toBe(0);
  });

  it('spaces the scores evenly, +2 above and −2 below, each point inside the lane', () => {
    for (const score of [-2, -1, 1, 2])
      expect(emotionY(row, score)).toBeCloseTo(middle - score * step);
    expect(step).toBeGreaterThanOrEqual(30);
    // +2: the point's top stays inside the lane; −2: the point and its label below it too.
    expect(emotionY(row, 2) - GRID.emotionPointR).toBeGreaterThanOrEqual(row.y + GRID.pad);
    expect(emotionY(row, -2) + GRID.emotionPointR + GRID.emotionLabelH).toBeLessThanOrEqual(
      row.y + row.h - GRID.pad,
    );
  });

  it('reads back every score it places', () => {
    for (const score of [-2, -1, 0, 1, 2]) expect(emotionAt(row, emotionY(row, score))).toBe(score);
  });

  it('rounds to the nearest whole score', () => {
    expect(emotionAt(row, emotionY(row, 1) + step * 0.4)).toBe(1);
    expect(emotionAt(row, emotionY(row, 1) - step * 0.4)).toBe(1);
    expect(emotionAt(row, emotionY(row, 1) + step * 0.6)).toBeCloseTo(0);
    expect(emotionAt(row, emotionY(row, -1) - step * 0.6)).toBeCloseTo(0);
    expect(emotionAt(row, emotionY(row, -1) + step * 0.3)).toBe(-1);
  });

  it('clamps to −2…+2 above and below the lane', () => {
    expect(emotionAt(row, row.y - 500)).toBe(2);
    expect(emotionAt(row, row.y)).toBe(2);
    expect(emotionAt(row, row.y + row.h)).toBe(-2);
    expect(emotionAt(row, row.y + row.h + 500)).toBe(-2);
  });
});

describe('cellAt', () => {
  const { layout, ids } = fixture();
  const [discover, compare, buy] = layout.columns;
  const [actions, feelings] = layout.rows;

  it('finds the stage and lane under a point inside a cell', () => {
    const hit = cellAt(layout, compare!.x + 50, feelings!.y + 50);
    expect(hit).toMatchObject({ stageId: ids.compare, laneId: ids.feelings });
    expect(hit?.column).toBe(compare);
    expect(hit?.row).toBe(feelings);
  });

  it('counts the top-left edges in and the bottom-right edges out', () => {
    expect(cellAt(layout, discover!.x, actions!.y)).toMatchObject({
      stageId: ids.discover,
      laneId: ids.actions,
    });
    // The right edge of Discover is the left edge of Compare; the bottom of Actions is Feelings.
    expect(cellAt(layout, discover!.x + discover!.w, actions!.y + actions!.h)).toMatchObject({
      stageId: ids.compare,
      laneId: ids.feelings,
    });
    expect(cellAt(layout, layout.width - 0.5, layout.height - 0.5)).toMatchObject({
      stageId: ids.buy,
      laneId: ids.goals,
    });
  });

  it('returns null on the headers and outside the grid', () => {
    expect(cellAt(layout, GRID.headerW - 1, actions!.y + 10)).toBeNull(); // lane header
    expect(cellAt(layout, buy!.x + 10, GRID.headerH - 1)).toBeNull(); // stage header
    expect(cellAt(layout, 10, 10)).toBeNull(); // corner
    expect(cellAt(layout, layout.width, actions!.y + 10)).toBeNull();
    expect(cellAt(layout, buy!.x + 10, layout.height)).toBeNull();
    expect(cellAt(layout, -5, -5)).toBeNull();
  });
});

describe('dropIndex', () => {
  const { layout, ids } = fixture();
  const cell = cellAt(layout, layout.columns[0]!.x + 20, layout.rows[0]!.y + 20)!;
  const mid = (id: string) => box(layout, id).y + GRID.cardH / 2;

  it('drops above the first card at 0, between cards between them, below the last at the end', () => {
    expect(dropIndex(layout, cell, layout.rows[0]!.y)).toBe(0);
    expect(dropIndex(layout, cell, mid(ids.a1) - 1)).toBe(0);
    expect(dropIndex(layout, cell, mid(ids.a1) + 1)).toBe(1);
    expect(dropIndex(layout, cell, mid(ids.a2) + 1)).toBe(2);
    expect(dropIndex(layout, cell, mid(ids.a3) + 1)).toBe(3);
    expect(dropIndex(layout, cell, layout.height)).toBe(3);
  });

  it('leaves the dragged card out of the count', () => {
    // Dragging the first card just below the second: it lands between the 2nd and 3rd.
    expect(dropIndex(layout, cell, mid(ids.a2) + 1, ids.a1)).toBe(1);
    // Dragging it below everything: the end of the two others.
    expect(dropIndex(layout, cell, mid(ids.a3) + 1, ids.a1)).toBe(2);
    // Dragging the last card to the top.
    expect(dropIndex(layout, cell, mid(ids.a1) - 1, ids.a3)).toBe(0);
  });

  it('drops into an empty cell at 0', () => {
    const empty = cellAt(layout, layout.columns[2]!.x + 20, layout.rows[0]!.y + 20)!;
    expect(empty.stageId).toBe(ids.buy);
    expect(dropIndex(layout, empty, layout.height)).toBe(0);
  });
});

describe('intersects', () => {
  const a: Rect = { x: 0, y: 0, w: 10, h: 10 };

  it('is true for overlap and containment, both ways round', () => {
    expect(intersects(a, { x: 5, y: 5, w: 10, h: 10 })).toBe(true);
    expect(intersects({ x: 5, y: 5, w: 10, h: 10 }, a)).toBe(true);
    expect(intersects(a, { x: 2, y: 2, w: 2, h: 2 })).toBe(true);
    expect(intersects({ x: -5, y: -5, w: 30, h: 30 }, a)).toBe(true);
  });

  it('is false for rects that only touch or are apart on either axis', () => {
    expect(intersects(a, { x: 10, y: 0, w: 5, h: 5 })).toBe(false);
    expect(intersects(a, { x: 0, y: 10, w: 5, h: 5 })).toBe(false);
    expect(intersects(a, { x: 20, y: 5, w: 5, h: 5 })).toBe(false);
    expect(intersects(a, { x: 5, y: -20, w: 5, h: 5 })).toBe(false);
  });
});

describe('visibleCards', () => {
  it('keeps cards within the margin of the view and culls the others', () => {
    const { layout, ids } = fixture();
    const b1 = box(layout, ids.b1);
    // A view ending 50 units left of the Compare card.
    const view: Rect = { x: b1.x - 550, y: b1.y, w: 500, h: 10 };
    expect(visibleCards(layout, view, 0).map((b) => b.card.id)).not.toContain(ids.b1);
    expect(visibleCards(layout, view, 100).map((b) => b.card.id)).toContain(ids.b1);
    expect(visibleCards(layout, view).map((b) => b.card.id)).toContain(ids.b1);
  });

  it('returns nothing for a view far from the board', () => {
    const { layout } = fixture();
    expect(visibleCards(layout, { x: 50_000, y: 50_000, w: 1000, h: 800 })).toEqual([]);
  });

  it('returns only the visible subset of a 5,000-card board', () => {
    const STAGES = 50;
    const LANES = 10;
    const PER_CELL = 10;
    const doc = newBoard();
    const stages = Array.from({ length: STAGES }, (_, i) => addStage(doc, { name: `S${i}` }));
    const lanes = Array.from({ length: LANES }, (_, i) =>
      addLane(doc, { name: `L${i}`, kind: 'actions' }),
    );
    // Explicit, increasing order keys keep addCard from scanning every sibling (O(n²)).
    const where = new Map<string, { stage: number; lane: number; slot: number }>();
    let order: string | null = null;
    doc.transact(() => {
      stages.forEach((stageId, stage) =>
        lanes.forEach((laneId, lane) => {
          for (let slot = 0; slot < PER_CELL; slot++) {
            order = orderBetween(order, null);
            where.set(addCard(doc, { stageId, laneId, order }), { stage, lane, slot });
          }
        }),
      );
    });
    const board: BoardSnapshot = readBoard(doc);
    expect(board.cards).toHaveLength(5000);
    const layout = layoutBoard(board);

    // Card k of a cell spans y ∈ [row.y + 12 + 98k, +88); rows are laneH(10) = 1028 tall and
    // start at 56; columns are 280 wide from 200. With the 200 margin the view below covers
    // x ∈ [1800, 3400] and y ∈ [800, 2000]: stages 5…11, the last three cards of lane 0
    // (k = 7…9) and every card of lane 1.
    const view: Rect = { x: 2000, y: 1000, w: 1200, h: 800 };
    const visible = visibleCards(layout, view);
    const expected = [...where]
      .filter(
        ([, p]) => p.stage >= 5 && p.stage <= 11 && (p.lane === 1 || (p.lane === 0 && p.slot >= 7)),
      )
      .map(([id]) => id);
    expect(expected).toHaveLength(7 * 13);
    expect(visible.map((b) => b.card.id).sort()).toEqual(expected.sort());
  });
});

describe('sentimentCurve', () => {
  it('puts one point per stage with scores at the column centre, at the mean score', () => {
    const { doc, ids } = fixture();
    addCard(doc, { stageId: ids.buy, laneId: ids.feelings, emotion: 2 });
    const layout = layoutBoard(readBoard(doc));
    const row = layout.rows[1]!;
    const [discover, , buy] = layout.columns;
    // Discover: (−2 + 1) / 2. Compare: no emotion cards, skipped. Buy: the unscored card is
    // left out of the mean, so just +2.
    expect(sentimentCurve(layout)).toEqual([
      {
        stageId: ids.discover,
        x: discover!.x + discover!.w / 2,
        y: emotionY(row, -0.5),
        score: -0.5,
      },
      { stageId: ids.buy, x: buy!.x + buy!.w / 2, y: emotionY(row, 2), score: 2 },
    ]);
  });

  it('skips a stage whose emotion cards have no score', () => {
    const { layout, ids } = fixture();
    expect(sentimentCurve(layout).map((p) => p.stageId)).toEqual([ids.discover]);
  });

  it('is empty without an emotions lane', () => {
    const doc = newBoard();
    const s = addStage(doc, { name: 'S' });
    const l = addLane(doc, { name: 'Actions', kind: 'actions' });
    addCard(doc, { stageId: s, laneId: l, emotion: 2 });
    expect(sentimentCurve(layoutBoard(readBoard(doc)))).toEqual([]);
  });
});

describe('clearOfHeaders', () => {
  const doc = newBoard();
  addStage(doc, { name: 'One' });
  addStage(doc, { name: 'Two' });
  addLane(doc, { name: 'Actions', kind: 'actions' });
  const layout = layoutBoard(readBoard(doc));
  const note = { w: 180, h: 160 };

  it('moves a shape placed over the lane headers to their right', () => {
    const out = clearOfHeaders({ x: 20, y: 100, ...note }, layout, { x: -40, y: -24 });
    expect(out).toEqual({ x: GRID.headerW + GRID.pad, y: 100, ...note });
  });

  it('follows the sticky headers when the board is scrolled', () => {
    const out = clearOfHeaders({ x: 650, y: 150, ...note }, layout, { x: 600, y: 280 });
    expect(out).toEqual({
      x: 600 + GRID.headerW + GRID.pad,
      y: 280 + GRID.headerH + GRID.pad,
      ...note,
    });
  });

  it('leaves a shape clear of the headers where it is', () => {
    const rect = { x: 400, y: 200, ...note };
    expect(clearOfHeaders(rect, layout, { x: -40, y: -24 })).toBe(rect);
  });
});
