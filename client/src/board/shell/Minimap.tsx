import { useEffect, useMemo, useRef, type PointerEvent } from 'react';
import type { Shape } from '../../../../shared/model/schema.js';
import { boundsOf, type Viewport } from '../core/viewport.js';
import type { GridLayout } from '../core/layout.js';
import { LANE_STYLE, LANE_TINT_DARK } from '../core/visuals.js';
import { useCanvasColors } from '../canvas/theme.js';
import { CANVAS_OVERLAY } from '../core/overlays.js';

const W = 200;
const H = 130;

/**
 * An overview of the whole map drawn with the plain 2D canvas API (thousands of cards cost a
 * millisecond), with the visible area outlined; click or drag to move there.
 */
export function Minimap(props: {
  layout: GridLayout;
  shapes: Shape[];
  viewport: Viewport;
  size: { w: number; h: number };
  onNavigate(v: Viewport): void;
  onHide(): void;
}) {
  const { layout, shapes, viewport, size } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  const colors = useCanvasColors();
  const world = boundsOf([
    { x: 0, y: 0, w: layout.width + 120, h: layout.height + 40 },
    ...shapes,
  ]) ?? { x: 0, y: 0, w: 1, h: 1 };
  const scale = Math.min(W / world.w, H / world.h);

  // The map itself is drawn into a bitmap when it changes; a pan or zoom only copies it and
  // outlines the view (5,000 cards cost milliseconds a frame otherwise: issue 19).
  const dpr = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const map = useMemo(() => {
    const bitmap = document.createElement('canvas');
    bitmap.width = W * dpr;
    bitmap.height = H * dpr;
    const ctx = bitmap.getContext('2d');
    if (!ctx) return bitmap;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.scale(scale, scale);
    ctx.translate(-world.x, -world.y);
    for (const row of layout.rows) {
      ctx.fillStyle = colors.dark ? LANE_TINT_DARK[row.kind] : LANE_STYLE[row.kind].tint;
      ctx.fillRect(0, row.y, layout.width, row.h);
    }
    ctx.fillStyle = colors.dark ? '#8b93a8' : '#9aa3b5';
    for (const box of layout.cards.values()) ctx.fillRect(box.x, box.y, box.w, box.h);
    for (const shape of shapes) {
      if (shape.type === 'arrow') continue;
      ctx.fillStyle = shape.color;
      ctx.fillRect(shape.x, shape.y, shape.w, shape.h);
    }
    return bitmap;
  }, [layout, shapes, scale, world.x, world.y, colors, dpr]);

  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, W * dpr, H * dpr);
    ctx.drawImage(map, 0, 0);
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.scale(scale, scale);
    ctx.translate(-world.x, -world.y);
    ctx.strokeStyle = colors.accent;
    ctx.lineWidth = 2 / scale;
    ctx.strokeRect(viewport.x, viewport.y, size.w / viewport.zoom, size.h / viewport.zoom);
  }, [map, viewport, size, scale, world.x, world.y, colors, dpr]);

  const navigate = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const bx = world.x + (e.clientX - r.left) / scale;
    const by = world.y + (e.clientY - r.top) / scale;
    props.onNavigate({
      ...viewport,
      x: bx - size.w / 2 / viewport.zoom,
      y: by - size.h / 2 / viewport.zoom,
    });
  };

  return (
    <div className="minimap" {...CANVAS_OVERLAY}>
      <button
        className="minimap-hide"
        aria-label="Hide the map overview"
        title="Hide"
        onClick={props.onHide}
      >
        ×
      </button>
      <canvas
        ref={ref}
        data-testid="minimap"
        aria-label="Map overview: click to move there"
        width={W * dpr}
        height={H * dpr}
        style={{ width: W, height: H }}
        onPointerDown={(e) => {
          e.currentTarget.setPointerCapture(e.pointerId);
          navigate(e);
        }}
        onPointerMove={(e) => {
          if (e.buttons === 1) navigate(e);
        }}
      />
    </div>
  );
}
