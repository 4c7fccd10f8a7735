/**
 * The personas' legend over the canvas, beside the emotions lane (W215): a swatch per persona
 * that shows or hides its curve, and "Show" to dim the cards tagged for other personas. Only on
 * boards with several personas; what it changes is this person's view alone.
 */
import { personaLabel, personasOf } from '../../../../shared/model/personas.js';
import type { CanvasState } from '../canvas/canvasState.js';
import { CANVAS_OVERLAY } from '../core/overlays.js';
import { PictureImg } from '../pictures/index.js';
import { usePersonaView } from './personaView.js';
import './personas.css';

/** Below the emotions lane's name while the lane is on screen, else pinned to the top. */
function legendTop({ layout, viewport, size }: CanvasBoardView): number {
  const height = size.h;
  const row = layout.rows.find((r) => r.kind === 'emotions');
  if (!row) return 8;
  const top = (row.y - viewport.y) * viewport.zoom + 36;
  return Math.max(8, Math.min(top, height - 96));
}

type CanvasBoardView = Pick<CanvasState, 'doc' | 'board' | 'layout' | 'viewport' | 'size'>;

export function PersonaLegend({ canvas }: { canvas: CanvasBoardView }) {
  const { doc, layout } = canvas;
  const { meta } = canvas.board;
  const view = usePersonaView(doc);
  const personas = personasOf(meta);
  if (personas.length < 2) return null;
  const curves = layout.rows.some((r) => r.kind === 'emotions');
  return (
    <div
      className="persona-legend"
      role="group"
      aria-label="Personas"
      data-testid="persona-legend"
      {...CANVAS_OVERLAY}
      style={{ top: legendTop(canvas) }}
    >
      {curves && (
        <ul className="persona-legend-curves" aria-label="Emotion curves">
          {personas.map((p, i) => {
            const shown = !view.hidden.has(p.id);
            const label = personaLabel(p, i);
            return (
              <li key={p.id}>
                <button
                  type="button"
                  className="persona-legend-toggle"
                  aria-pressed={shown}
                  data-testid={`persona-curve-toggle-${i + 1}`}
                  data-persona={p.id}
                  title={`${shown ? 'Hide' : 'Show'} ${label}'s emotion curve`}
                  onClick={() => view.toggle(p.id)}
                >
                  <span
                    className="persona-swatch"
                    style={{ background: shown ? p.color : 'transparent', borderColor: p.color }}
                    aria-hidden="true"
                  />
                  {p.photo && (
                    <PictureImg imageId={p.photo} alt="" className="persona-legend-photo" />
                  )}
                  {label}
                </button>
              </li>
            );
          })}
        </ul>
      )}
      <label className="persona-legend-filter">
        <span>Show</span>
        <select
          data-testid="persona-filter"
          value={view.focus ?? ''}
          onChange={(e) => view.setFocus(e.target.value || null)}
        >
          <option value="">All personas</option>
          {personas.map((p, i) => (
            <option key={p.id} value={p.id}>
              {personaLabel(p, i)}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
