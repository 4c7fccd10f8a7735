/**
 * What a server-side write to a board's metric series newly alerts (W299): for each card whose
 * series the change touched, its alerts before the change (its points with what the change
 * replaced put back, read from the change's own events) against those after it; what is
 * alerting after and was not before is news. Only touched cards are read, so a batch costs in
 * proportion to what it writes, not to the board. The ingestion API and the survey import both
 * write through `Boards.changeLive`, which runs this around the change.
 */
import type * as Y from 'yjs';
import { boardRoots } from '../shared/model/doc.js';
import { alertKey, metricAlerts, type MetricAlert } from '../shared/model/metricAlerts.js';
import { bySeries, pointProblems } from '../shared/model/metricSeries.js';
import { isPlainObject, isYMap, isYText } from '../shared/model/read.js';
import type { CardMetricPoint, MetricPoint } from '../shared/model/schema.js';

export interface NewMetricAlert extends MetricAlert {
  /** The card's text when the alert was seen (the excerpt names it). */
  cardText: string;
}

export interface NewMetricAlerts {
  boardId: string;
  alerts: NewMetricAlert[];
}

/** A key the change added: absent before it. */
const ABSENT = Symbol('absent');

/** A card's sound points, ordered as `readMetricSeries` orders them. */
function soundPoints(cardId: string, values: Iterable<unknown>): CardMetricPoint[] {
  const points: CardMetricPoint[] = [];
  for (const value of values) {
    if (isPlainObject(value) && pointProblems(value, true).length === 0)
      points.push({ cardId, ...(value as unknown as MetricPoint) });
  }
  return points.sort(bySeries);
}

/** Starts watching `doc`; the returned function stops and gives the new alerts. */
export function watchMetricAlerts(doc: Y.Doc): () => NewMetricAlert[] {
  const root = boardRoots(doc).metricSeries;
  /** Per touched card, each changed key's value before the change (ABSENT: it was added). */
  const before = new Map<string, Map<string, unknown>>();
  /** Cards whose series map the change put in: no points before. */
  const fresh = new Set<string>();
  const observer = (events: Y.YEvent<Y.AbstractType<unknown>>[]) => {
    for (const event of events) {
      if (event.target === root) {
        event.changes.keys.forEach((change, cardId) => {
          if (change.action !== 'delete') fresh.add(cardId);
        });
        continue;
      }
      const cardId = event.path[0];
      if (typeof cardId !== 'string' || event.path.length !== 1) continue;
      const old = before.get(cardId) ?? new Map<string, unknown>();
      event.changes.keys.forEach((change, key) => {
        // The first change of a key is the one whose old value is from before the write.
        if (!old.has(key)) old.set(key, change.action === 'add' ? ABSENT : change.oldValue);
      });
      before.set(cardId, old);
    }
  };
  root.observeDeep(observer);
  return () => {
    root.unobserveDeep(observer);
    const cards = boardRoots(doc).cards;
    const news: NewMetricAlert[] = [];
    for (const cardId of new Set([...before.keys(), ...fresh])) {
      const map = root.get(cardId);
      if (!isYMap(map)) continue;
      const now = new Map(map.entries());
      const then = fresh.has(cardId) ? new Map<string, unknown>() : new Map(now);
      for (const [key, old] of before.get(cardId) ?? []) {
        if (old === ABSENT) then.delete(key);
        else then.set(key, old);
      }
      const told = new Set(metricAlerts(soundPoints(cardId, then.values())).map(alertKey));
      const card = cards.get(cardId);
      const text = isYMap(card) ? card.get('text') : undefined;
      for (const alert of metricAlerts(soundPoints(cardId, now.values())))
        if (!told.has(alertKey(alert)))
          news.push({ ...alert, cardText: isYText(text) ? text.toString() : '' });
    }
    return news;
  };
}
