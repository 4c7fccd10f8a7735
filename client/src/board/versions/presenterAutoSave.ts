/** Saving a version when this person stops presenting (issue 8: review cycles end with one). */
import { useEffect, useRef } from 'react';
import { useToasts } from '../../ui/toasts.js';
import { errorMessage } from '../../ui/errors.js';
import type { BoardSession } from '../core/session.js';
import { versionsApi } from './versionsApi.js';

/** "Presentation ended 3 Dec 14:05", in the reader's time zone unless one is given. */
export function presentationLabel(at: Date, timeZone?: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', timeZone });
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  return `Presentation ended ${day.format(at)} ${time.format(at)}`;
}

/**
 * When `presenting` goes from true to false and the link may edit, saves the board as a
 * `presenter-ended` version and says so in a toast. The server does not watch presence.
 */
export function usePresenterAutoSave(
  session: BoardSession,
  presenting: boolean,
  canEdit: boolean,
  author: string,
): void {
  const toasts = useToasts();
  const was = useRef(presenting);
  useEffect(() => {
    const ended = was.current && !presenting;
    was.current = presenting;
    if (!ended || !canEdit) return;
    const label = presentationLabel(new Date());
    versionsApi
      .save(session.boardId, { label, author, trigger: 'presenter-ended' }, session.token)
      .then(
        () => toasts.show(`Saved version “${label}”`, 'success'),
        (err: unknown) =>
          toasts.show(`The presentation was not saved as a version: ${errorMessage(err)}`, 'error'),
      );
  }, [presenting, canEdit, author, session, toasts]);
}
