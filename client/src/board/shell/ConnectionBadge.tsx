import type { SessionStatus } from '../core/session.js';
import { plural } from '../../../../shared/model/plural.js';

const LABEL: Record<SessionStatus['connection'], string> = {
  connecting: 'Connecting…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  offline: 'Offline',
  full: 'Board full',
  'not-found': 'Board not found',
  denied: 'Link not valid',
};

/** Always-visible sync state; local edits made offline are counted until they are sent. */
export function ConnectionBadge({ status }: { status: SessionStatus }) {
  const { connection, unsynced } = status;
  const pending = unsynced > 0 && connection !== 'connected';
  const title =
    connection === 'full'
      ? 'This board is at its size limit: your latest changes are kept on this device and are sent once there is room (delete content, or ask the administrator to raise MAX_BOARD_BYTES)'
      : connection === 'connected'
        ? 'All changes are synced'
        : pending
          ? `${plural(unsynced, 'local change')} saved on this device; they sync when the connection returns`
          : 'Changes are saved on this device and sync when the connection returns';
  return (
    <div
      className={`connection connection-${connection}`}
      title={title}
      data-testid="connection-status"
      data-state={connection}
      role="status"
    >
      <span className="connection-dot" aria-hidden="true" />
      <span className="connection-label">{LABEL[connection]}</span>
      {pending && (
        <span className="connection-pending" data-testid="unsynced-count">
          {unsynced} unsynced
        </span>
      )}
    </div>
  );
}
