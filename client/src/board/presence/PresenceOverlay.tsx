import type { GridLayout, Rect } from '../core/layout.js';
import type { Shape } from '../../../../shared/model/schema.js';
import { toScreen, type Viewport } from '../core/viewport.js';
import type { Peer } from './presenceStore.js';
import './presence.css';

interface OverlayProps {
  peers: Peer[];
  layout: GridLayout;
  shapes: Shape[];
  viewport: Viewport;
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
 * What other people have selected or are editing, outlined in their colour. Their cursors are
 * on the cursor layer (CursorLayer.tsx), which moves without React.
 */
export function PresenceOverlay({ peers, layout, shapes, viewport }: OverlayProps) {
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
    </div>
  );
}
