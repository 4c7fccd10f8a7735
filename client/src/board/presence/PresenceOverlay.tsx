import type { GridLayout, Rect } from '../core/layout.js';
import type { Shape } from '../../../../shared/model/schema.js';
import { toScreen, type Viewport } from '../core/viewport.js';
import { IDLE_AFTER_MS, type Peer } from './usePresence.js';
import './presence.css';

interface OverlayProps {
  peers: Peer[];
  layout: GridLayout;
  shapes: Shape[];
  viewport: Viewport;
  now: number;
  /** Quiet mode, or hidden by me: others' cursors are not drawn (W195). */
  hideCursors?: boolean;
}

function rectOf(id: string, layout: GridLayout, shapes: Shape[]): Rect | undefined {
  const card = layout.cards.get(id);
  if (card) return card;
  const shape = shapes.find((s) => s.id === id);
  if (shape) return shape;
  const column = layout.columns.find((c) => c.id === id);
  if (column) return { x: column.x, y: 0, w: column.w, h: layout.height };
  const row = layout.rows.find((r) => r.id === id);
  return row && { x: 0, y: row.y, w: layout.width, h: row.h };
}

/**
 * Other people on the canvas: their cursors with name labels (eased between updates by a CSS
 * transition, faded when idle) and what they have selected or are editing, in their colour.
 */
export function PresenceOverlay({
  peers,
  layout,
  shapes,
  viewport,
  now,
  hideCursors = false,
}: OverlayProps) {
  return (
    <div className="presence-overlay" aria-hidden="true">
      {peers.flatMap((peer) =>
        (peer.selection ?? []).slice(0, 50).map((id) => {
          const rect = rectOf(id, layout, shapes);
          if (!rect) return null;
          const p = toScreen(viewport, rect.x, rect.y);
          const editing = peer.editing === id;
          return (
            <div
              key={`${peer.clientId}:${id}`}
              className={`peer-selection${editing ? ' peer-editing' : ''}`}
              style={{
                left: p.x - 3,
                top: p.y - 3,
                width: rect.w * viewport.zoom + 6,
                height: rect.h * viewport.zoom + 6,
                borderColor: peer.user.color,
              }}
            >
              <span className="peer-tag" style={{ background: peer.user.color }}>
                {editing ? `${peer.user.name} is editing` : peer.user.name}
              </span>
            </div>
          );
        }),
      )}
      {peers.map((peer) => {
        if (!peer.cursor || hideCursors) return null;
        const p = toScreen(viewport, peer.cursor.x, peer.cursor.y);
        const idle = now - peer.activeAt > IDLE_AFTER_MS;
        return (
          <div
            key={peer.clientId}
            className={`peer-cursor${idle ? ' peer-idle' : ''}`}
            data-testid="peer-cursor"
            data-user={peer.user.name}
            style={{ transform: `translate(${p.x}px, ${p.y}px)` }}
          >
            <svg width="18" height="22" viewBox="0 0 18 22">
              <path
                d="M1 1l15 9-6.5 1.6L6.6 20z"
                fill={peer.user.color}
                stroke="white"
                strokeWidth="1.5"
                strokeLinejoin="round"
              />
            </svg>
            <span className="peer-label" style={{ background: peer.user.color }}>
              {peer.user.name}
            </span>
          </div>
        );
      })}
    </div>
  );
}
