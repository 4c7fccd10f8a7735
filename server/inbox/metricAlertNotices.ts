/**
 * Metric alerts in the inbox (W300): each alert a server-side write starts (W299) becomes one
 * `metric-alert` item for each of the board's owners, keyed by board, card, metric and the
 * period it is about, so a batch sent again, or sent to two instances, tells once.
 */
import { alertKey, alertText, periodsName } from '../../shared/model/metricAlerts.js';
import type { Logger } from '../logger.js';
import type { NewMetricAlerts } from '../metricAlertWatch.js';
import { boardOwners } from '../reviews/staleMaps.js';
import type { Storage } from '../storage/storage.js';
import type { Inbox } from './inbox.js';

/** Who an alert seems to come from in the list ("Metric alert flagged a touchpoint…"). */
export const METRIC_ALERT_ACTOR = 'Metric alert';

export function tellOfMetricAlerts(
  boards: { onNewMetricAlerts(listener: (news: NewMetricAlerts) => void): void },
  inbox: Pick<Inbox, 'aboutBoard'>,
  storage: Pick<Storage, 'getBoard' | 'accounts'>,
  log: Logger,
): void {
  // One write's alerts after another's: items appear in the order the writes were made.
  let queue = Promise.resolve();
  const tell = async ({ boardId, alerts }: NewMetricAlerts) => {
    const [board, owners] = await Promise.all([
      storage.getBoard(boardId),
      boardOwners(storage.accounts, boardId),
    ]);
    if (!board || owners.length === 0) return;
    for (const alert of alerts) {
      const card = alert.cardText.trim() || 'A touchpoint';
      await inbox.aboutBoard({
        kind: 'metric-alert',
        recipients: owners,
        boardId,
        actorId: null,
        actorName: METRIC_ALERT_ACTOR,
        excerpt: `${board.title} · ${card}: ${alertText(alert)} (${periodsName(alert)})`,
        eventKey: `metric-alert:${boardId}:${alertKey(alert)}`,
        subjectId: alert.cardId,
      });
    }
  };
  boards.onNewMetricAlerts((news) => {
    queue = queue
      .then(() => tell(news))
      .catch((err: unknown) =>
        log.warn({ err, boardId: news.boardId }, 'telling of metric alerts failed'),
      );
  });
}
