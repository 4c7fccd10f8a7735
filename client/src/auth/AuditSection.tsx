/** The workspace's audit log (admins): security events, newest first, a page at a time. */

import { useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../ui/errors.js';
import { Spinner } from '../ui/icons.js';
import { absoluteTime, timeAgo } from '../ui/time.js';
import { Section } from './AppFrame.js';
import { authApi, type AuditEvent } from './authApi.js';
import { auditDetail, auditLabel } from './messages.js';

interface Log {
  events: AuditEvent[];
  loading: boolean;
  /** An empty page came back: nothing older exists. */
  complete: boolean;
  error: string | null;
}

export function AuditSection({ workspaceId }: { workspaceId: string }) {
  const [log, setLog] = useState<Log>({ events: [], loading: true, complete: false, error: null });

  const loadPage = useCallback(
    async (before?: number) => {
      setLog((l) => ({ ...l, loading: true, error: null }));
      try {
        const page = await authApi.audit(workspaceId, before);
        setLog((l) => ({
          events: before === undefined ? page : [...l.events, ...page],
          loading: false,
          complete: page.length === 0,
          error: null,
        }));
      } catch (err) {
        setLog((l) => ({ ...l, loading: false, error: errorMessage(err) }));
      }
    },
    [workspaceId],
  );
  useEffect(() => {
    void loadPage();
  }, [loadPage]);

  const oldest = log.events[log.events.length - 1];
  const now = Date.now();
  return (
    <Section
      title="Audit log"
      description="Sign-ins, role changes, invitations, tokens and deleted maps: who, when and from where."
      testId="audit-section"
    >
      {log.events.length === 0 && !log.loading && !log.error && (
        <p className="muted">Nothing has happened yet.</p>
      )}
      {log.events.length > 0 && (
        <ol className="account-audit" data-testid="audit-list">
          {log.events.map((event) => (
            <li key={event.seq} className="account-audit-event" data-testid="audit-event">
              <span className="account-audit-what">{auditLabel(event.action)}</span>
              <span className="account-audit-who">
                {event.actorLabel}
                {event.target ? ` → ${event.target}` : ''}
              </span>
              <span className="account-audit-meta muted">
                <time dateTime={event.at} title={absoluteTime(event.at)}>
                  {timeAgo(event.at, now)}
                </time>
                {event.ip && ` · ${event.ip}`}
                {Object.keys(event.detail).length > 0 && ` · ${auditDetail(event.detail)}`}
              </span>
            </li>
          ))}
        </ol>
      )}
      {log.error && (
        <p className="home-form-error" role="alert">
          Could not load the audit log: {log.error}
        </p>
      )}
      <div className="account-audit-more">
        {log.loading ? (
          <span className="muted" role="status">
            <Spinner /> Loading…
          </span>
        ) : log.complete && log.events.length > 0 ? (
          <span className="muted">That is everything.</span>
        ) : (
          !log.complete &&
          (log.events.length > 0 || log.error) && (
            <button
              type="button"
              className="btn"
              onClick={() => void loadPage(oldest?.seq)}
              data-testid="audit-more"
            >
              {log.error ? 'Try again' : 'Load more'}
            </button>
          )
        )}
      </div>
    </Section>
  );
}
