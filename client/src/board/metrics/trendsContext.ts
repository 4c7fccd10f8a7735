import { createContext } from 'react';
import type { CardTrends } from './trends.js';

/** Each card's metric series, for views deep in a tree (the table's cells) to read (W265). */
export const TrendsContext = createContext<ReadonlyMap<string, CardTrends>>(new Map());
