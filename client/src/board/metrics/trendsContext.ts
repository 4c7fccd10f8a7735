import { createContext } from 'react';
import type { CesMethod } from '../../../../shared/model/schema.js';
import type { CardTrends } from './trends.js';

/** Each card's metric series, for views deep in a tree (the table's cells) to read (W265). */
export const TrendsContext = createContext<ReadonlyMap<string, CardTrends>>(new Map());

/** The board's CES method (W248), for the table's cells. */
export const CesMethodContext = createContext<CesMethod>('mean');
