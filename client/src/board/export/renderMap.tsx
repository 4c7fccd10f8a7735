/**
 * Draws a map for export on its own offscreen Konva stage, with the canvas's own node
 * components: the live canvas culls cards outside the view and is drawn at the person's zoom,
 * while an export needs every card at a fixed scale, and must not move what the person sees.
 */
import type Konva from 'konva';
import { useEffect, useMemo, useRef } from 'react';
import { createRoot } from 'react-dom/client';
import { Layer, Rect, Stage } from 'react-konva';
import type { Shape } from '../../../../shared/model/schema.js';
import { arrowPoints } from '../core/arrows.js';
import { CardNode } from '../canvas/CardNode.js';
import { EmotionCurve, pointColors } from '../canvas/EmotionCurve.js';
import { cardPersona } from '../../../../shared/model/personas.js';
import { GridBackground, GridHeaders } from '../canvas/GridLayer.js';
import { ShapeNode } from '../canvas/ShapeNode.js';
import type { CanvasColors } from '../canvas/theme.js';
import type { GridLayout, Rect as Box } from '../core/layout.js';
import { loadPictures, PictureFallback } from '../pictures/index.js';
import type { ExportScene } from './scene.js';
import type { BoardMeta } from '../../../../shared/model/schema.js';

interface SceneStageProps {
  scene: ExportScene;
  meta: BoardMeta;
  layout: GridLayout;
  /** Every shape of the board: arrows stick to shapes that may not be drawn. */
  allShapes: readonly Shape[];
  colors: CanvasColors;
  background: string;
  onReady(stage: Konva.Stage): void;
}

const noop = () => undefined;
const NO_SELECTION: ReadonlySet<string> = new Set();
const ORIGIN = { x: 0, y: 0, zoom: 1 };

/** Cards, shapes and (for a whole map) the grid, as the canvas draws them at 100 %, unselected. */
function SceneStage(props: SceneStageProps) {
  const { scene, layout, allShapes, meta, colors, background, onReady } = props;
  const stageRef = useRef<Konva.Stage>(null);
  useEffect(() => {
    if (stageRef.current) onReady(stageRef.current);
  }, [onReady]);

  const laneKind = useMemo(() => new Map(layout.rows.map((r) => [r.id, r.kind])), [layout]);
  const rectOf = useMemo(() => {
    const shapes = new Map(allShapes.map((s) => [s.id, s]));
    return (id: string): Box | undefined => layout.cards.get(id) ?? shapes.get(id);
  }, [layout, allShapes]);
  const meanVolume = useMemo(() => {
    const volumes = [...layout.cards.values()]
      .map((b) => b.card.metrics.volume)
      .filter((v): v is number => v !== undefined);
    return volumes.length ? volumes.reduce((a, b) => a + b, 0) / volumes.length : 0;
  }, [layout]);
  const { bounds } = scene;
  const personaColors = useMemo(() => pointColors(meta), [meta]);

  // The stage itself stays 1 px: `toCanvas` draws into a canvas of its own, sized to the bounds.
  return (
    <Stage ref={stageRef} width={1} height={1} listening={false}>
      <PictureFallback.Provider value={false}>
        <Layer listening={false}>
          <Rect x={bounds.x} y={bounds.y} width={bounds.w} height={bounds.h} fill={background} />
        </Layer>
        {scene.grid && <GridBackground layout={layout} colors={colors} />}
        <Layer listening={false}>
          {scene.grid && <EmotionCurve layout={layout} colors={colors} meta={meta} />}
          {scene.cards.map((box) => (
            <CardNode
              key={box.card.id}
              box={box}
              kind={laneKind.get(box.card.laneId) ?? 'text'}
              selected={false}
              colors={colors}
              detailed
              draggable={false}
              meanVolume={meanVolume}
              cesMethod={meta.cesMethod}
              pointColor={personaColors?.get(cardPersona(box.card) ?? '')}
              onSelect={noop}
              onEdit={noop}
              onDragMove={noop}
              onDragEnd={noop}
            />
          ))}
        </Layer>
        <Layer listening={false}>
          {scene.shapes.map((shape) => (
            <ShapeNode
              key={shape.id}
              shape={shape}
              selected={false}
              colors={colors}
              draggable={false}
              points={shape.type === 'arrow' ? arrowPoints(shape, rectOf) : undefined}
              onSelect={noop}
              onEdit={noop}
              onMoved={noop}
            />
          ))}
        </Layer>
        {scene.grid && (
          <GridHeaders
            layout={layout}
            colors={colors}
            selection={NO_SELECTION}
            viewport={ORIGIN}
            // An export has the page's width: lane headers are never folded there.
            canvasWidth={Infinity}
            readOnly
            movable={false}
            onSelect={noop}
            onRename={noop}
            onMoveStage={noop}
            onMoveLane={noop}
            onResizeStage={noop}
            onAddStage={noop}
            onAddLane={noop}
          />
        )}
      </PictureFallback.Provider>
    </Stage>
  );
}

export interface RenderOptions {
  scene: ExportScene;
  /** Its personas: an export draws every curve, whatever this person hides. */
  meta: BoardMeta;
  layout: GridLayout;
  allShapes: readonly Shape[];
  colors: CanvasColors;
  pixelRatio: number;
}

/** The ids of the pictures a scene shows (cards and picture shapes). */
export function scenePictures(scene: ExportScene): string[] {
  const ids = scene.cards.map((box) => box.card.image);
  for (const shape of scene.shapes) if (shape.type === 'image') ids.push(shape.image);
  return ids.filter((id): id is string => id !== undefined);
}

/**
 * The scene drawn into a canvas of `bounds × pixelRatio` pixels, once every picture in it is
 * loaded at full size (W233); one that cannot be had draws as "picture unavailable".
 */
export async function renderSceneCanvas(options: RenderOptions): Promise<HTMLCanvasElement> {
  const { scene, colors, pixelRatio } = options;
  await loadPictures(scenePictures(scene), 'full');
  // The map prints on white; a dark palette (not used by the menu) keeps its own background.
  const background = colors.dark ? colors.bg : '#ffffff';
  const root = createRoot(document.createElement('div'));
  try {
    const stage = await new Promise<Konva.Stage>((resolve) =>
      root.render(
        <SceneStage
          scene={scene}
          layout={options.layout}
          allShapes={options.allShapes}
          meta={options.meta}
          colors={colors}
          background={background}
          onReady={resolve}
        />,
      ),
    );
    const { x, y, w, h } = scene.bounds;
    return stage.toCanvas({ x, y, width: w, height: h, pixelRatio });
  } finally {
    root.unmount();
  }
}

/** A canvas as PNG bytes. */
export function canvasToPng(canvas: HTMLCanvasElement): Promise<Blob> {
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (blob) =>
        blob ? resolve(blob) : reject(new Error('The browser could not encode the image.')),
      'image/png',
    ),
  );
}
