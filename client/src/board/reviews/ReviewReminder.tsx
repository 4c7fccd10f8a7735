import { useEffect, useId, useState } from 'react';
import { ageOf } from '../../../../shared/protocol/reviewSettings.js';
import { errorMessage } from '../../ui/errors.js';
import { absoluteTime } from '../../ui/time.js';
import { reviewsApi, type ReviewSettingsView } from './reviewsApi.js';

/** The periods offered besides the default, "never" and a board's own odd one. */
const PERIODS = [30, 60, 90, 180, 365];

/** "today", "3 days ago", "4 months ago". */
const since = (iso: string, now: number) =>
  now - Date.parse(iso) < 86_400_000 ? 'today' : `${ageOf(iso, now)} ago`;

const dateOf = (iso: string) =>
  new Date(iso).toLocaleDateString(undefined, { day: 'numeric', month: 'short', year: 'numeric' });

type Loaded =
  | { status: 'loading' }
  | { status: 'error'; message: string }
  | { status: 'ready'; settings: ReviewSettingsView };

/**
 * When the map was last reviewed and when its owners are reminded (W183, W184), at the top of
 * the review history; a board owner changes the period or switches it off here. `reviewsKey`
 * changes when the reviews do (an approval moves "last reviewed").
 */
export function ReviewReminder(props: { boardId: string; reviewsKey: string }) {
  const { boardId, reviewsKey } = props;
  const [loaded, setLoaded] = useState<Loaded>({ status: 'loading' });
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const selectId = useId();

  useEffect(() => {
    let live = true;
    reviewsApi.settings(boardId).then(
      (settings) => live && setLoaded({ status: 'ready', settings }),
      (err: unknown) => live && setLoaded({ status: 'error', message: errorMessage(err) }),
    );
    return () => {
      live = false;
    };
  }, [boardId, reviewsKey]);

  if (loaded.status === 'loading') return null;
  if (loaded.status === 'error')
    return (
      <p className="panel-error" role="alert">
        Could not load when this map was last reviewed: {loaded.message}
      </p>
    );
  const s = loaded.settings;
  const now = Date.now();
  const choice = s.reminderDays === null ? 'default' : String(s.reminderDays);
  const periods = [...PERIODS];
  if (s.reminderDays && !periods.includes(s.reminderDays)) periods.push(s.reminderDays);
  periods.sort((a, b) => a - b);

  const change = async (value: string) => {
    const days = value === 'default' ? null : Number(value);
    setSaving(true);
    setError(null);
    try {
      setLoaded({ status: 'ready', settings: await reviewsApi.setReminderDays(boardId, days) });
    } catch (err) {
      setError(`Could not change the reminder: ${errorMessage(err)}`);
    } finally {
      setSaving(false);
    }
  };

  return (
    <div className="review-reminder" data-testid="review-reminder">
      <p className="review-reminder-last" data-testid="review-last-reviewed">
        {s.lastReviewId ? (
          <>
            Last reviewed <strong>{since(s.lastReviewedAt, now)}</strong>
          </>
        ) : (
          <>
            Never reviewed; made <strong>{since(s.lastReviewedAt, now)}</strong>
          </>
        )}{' '}
        <time dateTime={s.lastReviewedAt} title={absoluteTime(s.lastReviewedAt)}>
          ({dateOf(s.lastReviewedAt)})
        </time>
      </p>
      <p className="panel-hint" data-testid="review-reminder-state">
        {s.remindAt === null
          ? 'No reminder for this map.'
          : Date.parse(s.remindAt) <= now
            ? `Due for a review since ${dateOf(s.remindAt)}; its owners get a reminder in their inbox.`
            : `Its owners get a reminder in their inbox if it is not reviewed by ${dateOf(s.remindAt)}.`}
      </p>
      {s.canChange && (
        <label className="review-reminder-setting" htmlFor={selectId}>
          <span>Remind owners</span>
          <select
            id={selectId}
            value={choice}
            disabled={saving}
            data-testid="review-reminder-days"
            onChange={(e) => void change(e.target.value)}
          >
            <option value="default">
              {s.defaultReminderDays > 0
                ? `after ${s.defaultReminderDays} days (default)`
                : 'never (default)'}
            </option>
            {periods.map((d) => (
              <option key={d} value={String(d)}>
                after {d} days
              </option>
            ))}
            <option value="0">never for this map</option>
          </select>
        </label>
      )}
      {error && (
        <p className="panel-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
