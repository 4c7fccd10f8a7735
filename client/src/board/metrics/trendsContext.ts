import { createContext, useMemo } from 'react';
import type { BoardSnapshot, CesMethod } from '../../../../shared/model/schema.js';
import { trendsByCard, type CardTrends } from './trends.js';

/** Each card's metric series and the board's CES method (W248), as one board's views read them. */
export interface BoardTrends {
  byCard: ReadonlyMap<string, CardTrends>;
  cesMethod: CesMethod;
}

/** For views deep in a tree (the table's cells) to read (W265). */
export const TrendsContext = createContext<BoardTrends>({ byCard: new Map(), cesMethod: 'mean' });

/** The board's trends, recomputed when its points or its CES method change. */
export function useBoardTrends(board: Pick<BoardSnapshot, 'meta' | 'metricSeries'>): BoardTrends {
  const cesMethod = board.meta.cesMethod ?? 'mean';
  const points = board.metricSeries;
  return useMemo(
    () => ({ byCard: trendsByCard(points, cesMethod), cesMethod }),
    [points, cesMethod],
  );
}
