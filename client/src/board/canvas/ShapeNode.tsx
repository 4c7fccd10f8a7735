import type Konva from 'konva';
import { memo } from 'react';
import { Arrow, Group, Rect, Text } from 'react-konva';
import type { ImageSize } from '../../../../shared/model/images.js';
import type { Shape } from '../../../../shared/model/schema.js';
import { PictureNode } from '../pictures/index.js';
import { drawnText } from '../core/textLimit.js';
import type { CanvasColors } from './theme.js';

export interface ShapeHandlers {
  onSelect(id: string, additive: boolean): void;
  onEdit(id: string): void;
  onMoved(id: string, x: number, y: number): void;
}

interface ShapeNodeProps extends ShapeHandlers {
  shape: Shape;
  selected: boolean;
  colors: CanvasColors;
  draggable: boolean;
  /** Drawn end points of an arrow (stuck ends follow their targets). */
  points?: [number, number, number, number];
  /** Which size of a picture to draw (W231); full by default. */
  pictureSize?: ImageSize;
}

/** A free-layer shape: sticky note, text, rectangle or arrow. */
export const ShapeNode = memo(function ShapeNode(props: ShapeNodeProps) {
  const { shape, selected, colors } = props;
  const events = {
    id: `shape-${shape.id}`,
    name: 'shape',
    onClick: (e: Konva.KonvaEventObject<MouseEvent>) => {
      e.cancelBubble = true;
      props.onSelect(shape.id, e.evt.shiftKey || e.evt.metaKey || e.evt.ctrlKey);
    },
    onTap: () => props.onSelect(shape.id, false),
    onDblClick: (e: Konva.KonvaEventObject<MouseEvent>) => {
      e.cancelBubble = true;
      props.onEdit(shape.id);
    },
    onDblTap: (e: Konva.KonvaEventObject<TouchEvent>) => {
      e.cancelBubble = true;
      props.onEdit(shape.id);
    },
  };

  if (shape.type === 'arrow') {
    const [x1, y1, x2, y2] = props.points ?? [
      shape.x,
      shape.y,
      shape.x + shape.w,
      shape.y + shape.h,
    ];
    const attached = shape.from !== undefined || shape.to !== undefined;
    return (
      <Group
        {...events}
        draggable={props.draggable && !attached}
        onDragEnd={(e) => {
          const { x, y } = e.target.position();
          e.target.position({ x: 0, y: 0 });
          props.onMoved(shape.id, shape.x + x, shape.y + y);
        }}
      >
        <Arrow
          points={[x1, y1, x2, y2]}
          stroke={selected ? colors.selection : shape.color}
          fill={selected ? colors.selection : shape.color}
          strokeWidth={selected ? 3 : 2}
          pointerLength={10}
          pointerWidth={10}
          hitStrokeWidth={14}
        />
        {shape.text && (
          <Text
            x={(x1 + x2) / 2 - 60}
            y={(y1 + y2) / 2 - 18}
            width={120}
            align="center"
            text={drawnText(shape.text)}
            fontSize={12}
            fill={colors.dark ? '#e8ebf3' : '#1c2233'}
            listening={false}
          />
        )}
      </Group>
    );
  }

  if (shape.type === 'image') {
    return (
      <Group
        {...events}
        x={shape.x}
        y={shape.y}
        draggable={props.draggable}
        onDragEnd={(e) => props.onMoved(shape.id, e.target.x(), e.target.y())}
      >
        {/* The hit area: a picture is grabbed anywhere inside its box, not only on opaque pixels. */}
        <Rect
          width={shape.w}
          height={shape.h}
          fill="transparent"
          stroke={selected ? colors.selection : 'transparent'}
          strokeWidth={selected ? 2.5 : 0}
        />
        <PictureNode
          imageId={shape.image}
          x={0}
          y={0}
          w={shape.w}
          h={shape.h}
          size={props.pictureSize ?? 'full'}
          dark={colors.dark}
        />
      </Group>
    );
  }

  const isText = shape.type === 'text';
  return (
    <Group
      {...events}
      x={shape.x}
      y={shape.y}
      draggable={props.draggable}
      onDragEnd={(e) => props.onMoved(shape.id, e.target.x(), e.target.y())}
    >
      <Rect
        width={shape.w}
        height={shape.h}
        fill={isText ? 'transparent' : shape.color}
        cornerRadius={shape.type === 'note' ? 4 : 10}
        stroke={selected ? colors.selection : isText ? 'transparent' : 'rgba(0,0,0,0.12)'}
        strokeWidth={selected ? 2.5 : 1}
        shadowColor="black"
        shadowOpacity={shape.type === 'note' ? 0.15 : 0}
        shadowBlur={shape.type === 'note' ? 8 : 0}
        shadowOffsetY={shape.type === 'note' ? 3 : 0}
        dash={isText && selected ? [4, 4] : []}
      />
      <Text
        x={10}
        y={10}
        width={shape.w - 20}
        height={shape.h - 20}
        text={drawnText(shape.text ?? '')}
        fontSize={isText ? 18 : 14}
        fontStyle={isText ? 'bold' : 'normal'}
        fill={isText ? (colors.dark ? '#e8ebf3' : shape.color) : '#1c2233'}
        align={shape.type === 'rect' ? 'center' : 'left'}
        verticalAlign={shape.type === 'rect' ? 'middle' : 'top'}
        wrap="word"
        ellipsis
        listening={false}
      />
    </Group>
  );
});
