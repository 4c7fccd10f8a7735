import type Konva from 'konva';
import { useCallback, useMemo, type RefObject } from 'react';
import { Group, Line, Rect, Transformer } from 'react-konva';
import { updateShape } from '../../../../shared/model/shapes.js';
import type { Card, LaneKind, Shape } from '../../../../shared/model/schema.js';
import { useToasts } from '../../ui/toasts.js';
import { useBoardTrends } from '../metrics/trendsContext.js';
import { arrowPoints } from '../core/arrows.js';
import {
  emotionY,
  visibleCards,
  type CardBox,
  type Rect as Box,
  type RowBox,
} from '../core/layout.js';
import { visibleRect } from '../core/viewport.js';
import { sizeForZoom } from '../pictures/index.js';
import { CardNode, type CardHandlers } from './CardNode.js';
import type { CanvasState } from './canvasState.js';
import { CardTiles } from './CardTiles.js';
import { sharedMarkScale } from '../links/sharedView.js';
import { EmotionCurve, pointColors } from './EmotionCurve.js';
import { HandoffArrows } from './HandoffArrows.js';
import { cardPersona } from '../../../../shared/model/personas.js';
import { dimmedByFocus, usePersonaView } from '../personas/personaView.js';
import { ShapeNode, type ShapeHandlers } from './ShapeNode.js';
import type { CanvasColors } from './theme.js';
import type { Gesture } from './useStageGestures.js';
import { useShapeResize } from './useShapeResize.js';
import { useMountBudget } from './useMountBudget.js';

/** New card nodes a frame (each mounts a dozen Konva nodes and measures its text). */
const CARDS_PER_FRAME = 16;

interface CardsLayerProps extends CardHandlers {
  canvas: CanvasState;
  laneKind: ReadonlyMap<string, LaneKind>;
  emotionRow: RowBox | undefined;
  colors: CanvasColors;
  selected: ReadonlySet<string>;
  editable: boolean;
  staleCardIds?: ReadonlySet<string>;
  drop: { x: number; y: number; w: number } | null;
}

/** The cards (plain tiles when far out), the sentiment curve and the drop line of a drag (a group of the board layer). */
export function CardsLayer(props: CardsLayerProps) {
  const { canvas, colors, selected, laneKind, emotionRow } = props;
  const { board, layout, viewport, size } = canvas;
  const meanVolume = useMemo(() => {
    const volumes = board.cards
      .map((c) => c.metrics.volume)
      .filter((v): v is number => v !== undefined);
    return volumes.length ? volumes.reduce((a, b) => a + b, 0) / volumes.length : 0;
  }, [board.cards]);
  const { byCard: trends, cesMethod } = useBoardTrends(board);
  const cards = visibleCards(layout, visibleRect(viewport, size.w, size.h));
  const detailed = viewport.zoom >= 0.3;
  // Cards entering the view get their nodes a few per frame; the rest show as tiles meanwhile.
  const mountable = useMountBudget(detailed ? cards.map((b) => b.card.id) : [], CARDS_PER_FRAME);
  const unmounted = detailed ? cards.filter((b) => !mountable.has(b.card.id)) : [];
  // A point is dragged between the +2 and −2 lines (its box's top is a radius above them).
  const emotionBounds = (box: CardBox) =>
    emotionRow && laneKind.get(box.card.laneId) === 'emotions'
      ? {
          x: (box.x - viewport.x) * viewport.zoom,
          top: (emotionY(emotionRow, 2) - box.h / 2 - viewport.y) * viewport.zoom,
          bottom: (emotionY(emotionRow, -2) - box.h / 2 - viewport.y) * viewport.zoom,
        }
      : undefined;
  const { drop } = props;
  const personaView = usePersonaView(canvas.doc);
  const personaColors = useMemo(() => pointColors(board.meta), [board.meta]);
  const pointColor = (card: Card) => {
    const persona = cardPersona(card);
    return persona === undefined ? undefined : personaColors?.get(persona);
  };

  return (
    <Group>
      <EmotionCurve layout={layout} colors={colors} meta={board.meta} hidden={personaView.hidden} />
      {detailed ? (
        cards.map((box) =>
          mountable.has(box.card.id) ? (
            <CardNode
              key={box.card.id}
              box={box}
              kind={laneKind.get(box.card.laneId) ?? 'text'}
              selected={selected.has(box.card.id)}
              colors={colors}
              detailed
              draggable={props.editable}
              meanVolume={meanVolume}
              cesMethod={cesMethod}
              stale={props.staleCardIds?.has(box.card.id) ?? false}
              pictureSize={sizeForZoom(viewport.zoom)}
              markScale={sharedMarkScale(viewport.zoom)}
              trends={trends.get(box.card.id)}
              emotionBounds={emotionBounds(box)}
              pointColor={pointColor(box.card)}
              dimmed={dimmedByFocus(box.card, personaView.focus)}
              onSelect={props.onSelect}
              onEdit={props.onEdit}
              onDragMove={props.onDragMove}
              onDragEnd={props.onDragEnd}
            />
          ) : null,
        )
      ) : (
        <CardTiles
          boxes={cards}
          all={layout.cards}
          zoom={viewport.zoom}
          laneKind={laneKind}
          selected={selected}
          colors={colors}
        />
      )}
      {detailed && unmounted.length > 0 && (
        <CardTiles
          boxes={unmounted}
          laneKind={laneKind}
          selected={selected}
          colors={colors}
          zoom={viewport.zoom}
        />
      )}
      <HandoffArrows board={board} layout={layout} muted={colors.muted} />
      {drop && (
        <Line
          points={[drop.x, drop.y, drop.x + drop.w, drop.y]}
          stroke={colors.accent}
          strokeWidth={3}
          lineCap="round"
          listening={false}
        />
      )}
    </Group>
  );
}

interface ShapesLayerProps extends Pick<ShapeHandlers, 'onSelect' | 'onEdit'> {
  canvas: CanvasState;
  colors: CanvasColors;
  selected: ReadonlySet<string>;
  editable: boolean;
  stageRef: RefObject<Konva.Stage | null>;
  gesture: Gesture | null;
}

/** Free shapes and arrows, the resize handles, and an arrow or marquee being drawn (a group of the board layer). */
export function ShapesLayer(props: ShapesLayerProps) {
  const { canvas, colors, selected, gesture } = props;
  const { doc, board, layout, viewport } = canvas;
  const toasts = useToasts();
  const shapesById = useMemo(() => new Map(board.shapes.map((s) => [s.id, s])), [board.shapes]);
  const rectOf = useCallback(
    (id: string): Box | undefined => layout.cards.get(id) ?? shapesById.get(id),
    [layout, shapesById],
  );
  const onShapeMoved = useCallback(
    (id: string, x: number, y: number) =>
      toasts.attempt(() => updateShape(doc, id, { x: Math.round(x), y: Math.round(y) })),
    [doc, toasts],
  );
  const { transformerRef, onTransformEnd } = useShapeResize(
    doc,
    props.stageRef,
    canvas.selection,
    shapesById,
    canvas.readOnly,
  );
  const arrowDraft = gesture?.kind === 'arrow' ? gesture : null;
  const marquee = gesture?.kind === 'marquee' ? gesture : null;
  return (
    <Group>
      {board.shapes.map((shape: Shape) => (
        <ShapeNode
          key={shape.id}
          shape={shape}
          selected={selected.has(shape.id)}
          colors={colors}
          draggable={props.editable}
          points={shape.type === 'arrow' ? arrowPoints(shape, rectOf) : undefined}
          pictureSize={sizeForZoom(viewport.zoom)}
          onSelect={props.onSelect}
          onEdit={props.onEdit}
          onMoved={onShapeMoved}
        />
      ))}
      <Transformer
        ref={transformerRef}
        rotateEnabled={false}
        // A picture keeps its aspect ratio (W228); other shapes stretch freely.
        keepRatio={canvas.selection.some((id) => shapesById.get(id)?.type === 'image')}
        onTransformEnd={onTransformEnd}
        borderStroke={colors.selection}
        anchorStroke={colors.selection}
      />
      {arrowDraft && (
        <Line
          points={[arrowDraft.x0, arrowDraft.y0, arrowDraft.x1, arrowDraft.y1]}
          stroke={colors.accent}
          strokeWidth={2}
          dash={[6, 4]}
          listening={false}
        />
      )}
      {marquee && (
        <Rect
          x={Math.min(marquee.x0, marquee.x1)}
          y={Math.min(marquee.y0, marquee.y1)}
          width={Math.abs(marquee.x1 - marquee.x0)}
          height={Math.abs(marquee.y1 - marquee.y0)}
          fill={colors.accent}
          opacity={0.12}
          stroke={colors.accent}
          strokeWidth={1 / viewport.zoom}
          listening={false}
        />
      )}
    </Group>
  );
}
