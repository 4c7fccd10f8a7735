import { useEffect } from 'react';
import { browserTimeZone, reviewsApi } from './reviewsApi.js';

let synced = false;

/**
 * Tells the server the person's time zone once per page load when it has none (W171), so an
 * overdue reminder arrives in their morning. A zone set by hand is left alone.
 */
export function useTimeZoneSync(signedIn: boolean): void {
  useEffect(() => {
    if (!signedIn || synced) return;
    synced = true;
    const zone = browserTimeZone();
    if (!zone) return;
    reviewsApi
      .timeZone()
      .then((stored) => (stored ? undefined : reviewsApi.setTimeZone(zone)))
      .catch(() => {
        // Not worth a message: reminders fall back to UTC, and the next visit tries again.
        synced = false;
      });
  }, [signedIn]);
}
