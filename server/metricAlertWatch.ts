/**
 * What a server-side write to a board's metric series newly alerts (W299): the alerts of the
 * whole board before the change, those of the cards whose series the change touched after it;
 * what is alerting after and was not before is news. The ingestion API and the survey import
 * both write through `Boards.changeLive`, which runs this around the change.
 */
import type * as Y from 'yjs';
import { boardRoots } from '../shared/model/doc.js';
import { alertKey, metricAlerts, type MetricAlert } from '../shared/model/metricAlerts.js';
import { readMetricSeries } from '../shared/model/metricSeries.js';
import { isYMap, isYText } from '../shared/model/read.js';

export interface NewMetricAlert extends MetricAlert {
  /** The card's text when the alert was seen (the excerpt names it). */
  cardText: string;
}

export interface NewMetricAlerts {
  boardId: string;
  alerts: NewMetricAlert[];
}

/** Starts watching `doc`; the returned function stops and gives the new alerts. */
export function watchMetricAlerts(doc: Y.Doc): () => NewMetricAlert[] {
  const before = new Set(metricAlerts(readMetricSeries(doc)).map(alertKey));
  const root = boardRoots(doc).metricSeries;
  const touched = new Set<string>();
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.target === root) event.keys.forEach((_, cardId) => touched.add(cardId));
      else if (typeof event.path[0] === 'string') touched.add(event.path[0]);
    }
  };
  root.observeDeep(observer);
  return () => {
    root.unobserveDeep(observer);
    if (touched.size === 0) return [];
    const points = readMetricSeries(doc).filter((p) => touched.has(p.cardId));
    const cards = boardRoots(doc).cards;
    return metricAlerts(points)
      .filter((a) => !before.has(alertKey(a)))
      .map((a) => {
        const card = cards.get(a.cardId);
        const text = isYMap(card) ? card.get('text') : undefined;
        return { ...a, cardText: isYText(text) ? text.toString() : '' };
      });
  };
}
