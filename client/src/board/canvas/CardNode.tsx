import type Konva from 'konva';
import { memo } from 'react';
import { Circle, Group, Line, Rect, Text } from 'react-konva';
import type { CesMethod, LaneKind } from '../../../../shared/model/schema.js';
import type { ImageSize } from '../../../../shared/model/images.js';
import type { CardBox } from '../core/layout.js';
import { PictureNode } from '../pictures/index.js';
import { drawnText } from '../core/textLimit.js';
import { channelIcon, faceFor, LANE_STYLE } from '../core/visuals.js';
import type { CanvasColors } from './theme.js';
import { CHIP_H, LinkChipNode } from '../links/LinkChipNode.js';
import { badgeHeight, MetricBadges } from './MetricBadges.js';
import { SharedMarkNode } from './SharedMarkNode.js';
import { SHARED_COLOR, sharedKindOf, sharedMarkWidth } from '../links/sharedView.js';
import type { CardTrends } from '../metrics/trends.js';

export interface CardHandlers {
  onSelect(id: string, additive: boolean): void;
  onEdit(id: string): void;
  onDragMove(id: string, e: Konva.KonvaEventObject<DragEvent>): void;
  onDragEnd(id: string, e: Konva.KonvaEventObject<DragEvent>): void;
}

interface CardNodeProps extends CardHandlers {
  box: CardBox;
  kind: LaneKind;
  selected: boolean;
  colors: CanvasColors;
  /** Far out, cards are plain tiles: text would be unreadable and costs the most to draw. */
  detailed: boolean;
  meanVolume: number;
  draggable: boolean;
  /** Drag limits (screen coordinates) for points on the sentiment curve: vertical only. */
  emotionBounds?: { x: number; top: number; bottom: number };
  /** Its newest evidence is older than the board's chosen age (insights panel). */
  stale?: boolean;
  /** An emotion point's persona colour, on a board with several personas (W215). */
  pointColor?: string;
  /** The persona filter dims it: it is tagged for another persona (W215). */
  dimmed?: boolean;
  /** Which size of its picture to draw: thumbnails when zoomed out (W231); full by default. */
  pictureSize?: ImageSize;
  /** Its metric series (W265), when it has any. */
  trends?: CardTrends;
  /** The board's CES method (W248). */
  cesMethod?: CesMethod;
  /** The shared mark's size (W301): larger as the view zooms out; 1 by default. */
  markScale?: number;
}

/** Room a picture takes on a card of another lane kind: a square at its right edge. */
const SIDE_PICTURE = 64;

function footer(box: CardBox): string {
  const { tags, evidence } = box.card;
  const parts = tags.slice(0, 3).map((t) => `#${t}`);
  // The owning team (W281) leads: a change of team along the touchpoints is a handoff.
  if (box.card.team) parts.unshift(`👥 ${box.card.team}`);
  if (evidence.length > 0) parts.push(`❝ ${evidence.length}`);
  return parts.join('  ');
}

const STALE_COLOR = '#a15c00';

/** A small clock in the card's corner: its evidence is older than the chosen age. */
function StaleBadge({ x, y }: { x: number; y: number }) {
  return (
    <Group x={x} y={y} name="stale-badge" listening={false}>
      <Circle radius={7} fill={STALE_COLOR} stroke="#ffffff" strokeWidth={1.5} />
      <Line points={[0, -4, 0, 0, 3, 2]} stroke="#ffffff" strokeWidth={1.5} lineCap="round" />
    </Group>
  );
}

/** A storyboard card: its picture fills the card above a two-line caption (the card's text). */
function StoryboardFace(props: {
  box: CardBox;
  colors: CanvasColors;
  size: ImageSize;
  stale?: boolean;
}) {
  const { box, colors } = props;
  const { card } = box;
  const captionH = 40;
  return (
    <>
      <PictureNode
        imageId={card.image}
        x={8}
        y={8}
        w={box.w - 16}
        h={box.h - captionH - 12}
        size={props.size}
        dark={colors.dark}
      />
      <Text
        x={10}
        y={box.h - captionH}
        width={box.w - 20}
        height={captionH - 6}
        text={drawnText(card.text) || (card.image ? '' : 'Drop or paste a picture')}
        fontSize={12}
        lineHeight={1.25}
        fill={card.text ? colors.text : '#8a93a6'}
        align="center"
        wrap="word"
        ellipsis
        listening={false}
      />
      {props.stale && <StaleBadge x={box.w - 9} y={9} />}
    </>
  );
}

const TEXT_TOP = 10;
/** Room for the text: what the footer or metrics (`metricsHeight`, 0 for none) and a linked card's chip leave. */
const textHeightOf = (box: CardBox, metricsHeight: number) =>
  box.h - (metricsHeight || 30) - (box.card.link && metricsHeight ? CHIP_H + 4 : 0);

/** A linked card's chip (W241), where the tags are; above the metrics on a metrics card. */
function CardLinkChip(props: {
  box: CardBox;
  /** Height of the metric badges and their margin, 0 for none. */
  metricsHeight: number;
  side: number;
  colors: CanvasColors;
}) {
  const { box } = props;
  if (!box.card.link) return null;
  return (
    <LinkChipNode
      target={box.card.link}
      itemId={box.card.id}
      x={8}
      y={props.metricsHeight ? box.h - props.metricsHeight + 8 - CHIP_H : box.h - 6 - CHIP_H}
      maxWidth={box.w - 16 - props.side}
      colors={props.colors}
    />
  );
}

/** Re-render a card only when what it draws changed (layouts are rebuilt on every edit). */
function sameCard(a: CardNodeProps, b: CardNodeProps): boolean {
  return (
    a.box.x === b.box.x &&
    a.box.y === b.box.y &&
    a.box.w === b.box.w &&
    a.box.h === b.box.h &&
    a.box.card === b.box.card &&
    a.kind === b.kind &&
    a.selected === b.selected &&
    a.colors === b.colors &&
    a.detailed === b.detailed &&
    a.draggable === b.draggable &&
    a.meanVolume === b.meanVolume &&
    a.stale === b.stale &&
    a.pointColor === b.pointColor &&
    a.dimmed === b.dimmed &&
    a.pictureSize === b.pictureSize &&
    a.markScale === b.markScale &&
    a.trends?.key === b.trends?.key &&
    a.cesMethod === b.cesMethod &&
    a.emotionBounds?.x === b.emotionBounds?.x &&
    a.emotionBounds?.top === b.emotionBounds?.top &&
    a.onSelect === b.onSelect &&
    a.onDragEnd === b.onDragEnd
  );
}

/** The card's Konva group: its name, placement and what pointer and touch do to it. */
function groupProps(props: CardNodeProps) {
  const { card } = props.box;
  return {
    id: `card-${card.id}`,
    name: 'card',
    opacity: props.dimmed ? 0.3 : 1,
    x: props.box.x,
    y: props.box.y,
    draggable: props.draggable,
    onClick: (e: Konva.KonvaEventObject<MouseEvent>) => {
      e.cancelBubble = true;
      props.onSelect(card.id, e.evt.shiftKey || e.evt.metaKey || e.evt.ctrlKey);
    },
    onTap: () => props.onSelect(card.id, false),
    onDblClick: (e: Konva.KonvaEventObject<MouseEvent>) => {
      e.cancelBubble = true;
      props.onEdit(card.id);
    },
    onDblTap: (e: Konva.KonvaEventObject<TouchEvent>) => {
      e.cancelBubble = true;
      props.onEdit(card.id);
    },
    onDragMove: (e: Konva.KonvaEventObject<DragEvent>) => props.onDragMove(card.id, e),
    onDragEnd: (e: Konva.KonvaEventObject<DragEvent>) => props.onDragEnd(card.id, e),
  };
}

/** An emotion card: a face on the curve, its words under it when detailed. */
function EmotionPointNode(props: CardNodeProps) {
  const { box, selected, colors, detailed } = props;
  const { card } = box;
  const common = groupProps(props);
  const r = box.w / 2;
  const bounds = props.emotionBounds;
  return (
    <Group
      {...common}
      dragBoundFunc={(pos) =>
        bounds ? { x: bounds.x, y: Math.min(bounds.bottom, Math.max(bounds.top, pos.y)) } : pos
      }
    >
      <Circle
        x={r}
        y={r}
        radius={r}
        fill={colors.card}
        stroke={selected ? colors.selection : (props.pointColor ?? colors.cardBorder)}
        strokeWidth={selected ? 3 : props.pointColor ? 3 : 1.5}
      />
      <Text
        x={0}
        y={0}
        width={2 * r}
        height={2 * r}
        align="center"
        verticalAlign="middle"
        text={faceFor(card.emotion ?? 0)}
        fontSize={r * 1.2}
        listening={false}
      />
      {detailed && card.text && (
        <Text
          x={-60 + r}
          y={2 * r + 4}
          width={120}
          align="center"
          text={drawnText(card.text)}
          fontSize={11}
          fill={colors.dark ? '#d6dae4' : '#4b5366'}
          wrap="word"
          height={42}
          ellipsis
          listening={false}
        />
      )}
    </Group>
  );
}

/** One card: a tile with its text, and what its lane kind adds (channel icon, metric badges). */
export const CardNode = memo(function CardNode(props: CardNodeProps) {
  const { box, kind, selected, colors, detailed } = props;
  const { card } = box;
  const common = groupProps(props);

  if (kind === 'emotions') return <EmotionPointNode {...props} />;

  const fill = card.color ?? LANE_STYLE[kind].card;
  const shared = sharedKindOf(card);
  const markScale = props.markScale ?? 1;
  // A copy's dashed violet edge reads as "not this map's own" at any zoom.
  const copyEdge = shared === 'copy' && !selected;
  const tile = (
    <Rect
      width={box.w}
      height={box.h}
      fill={fill}
      cornerRadius={8}
      stroke={selected ? colors.selection : copyEdge ? SHARED_COLOR : colors.cardBorder}
      strokeWidth={selected ? 2.5 : copyEdge ? 2 * markScale : 1}
      dash={copyEdge ? [8 * markScale, 4 * markScale] : undefined}
      perfectDrawEnabled={false}
      shadowForStrokeEnabled={false}
    />
  );
  if (!detailed) return <Group {...common}>{tile}</Group>;

  const pictureSize = props.pictureSize ?? 'full';
  if (kind === 'storyboard')
    return (
      <Group {...common}>
        {tile}
        <StoryboardFace box={box} colors={colors} size={pictureSize} stale={props.stale} />
      </Group>
    );
  const side = card.image ? SIDE_PICTURE + 8 : 0;
  const icon = kind === 'channels' || card.channel ? channelIcon(card.channel) : '';
  const hasMetrics = kind === 'metrics' || Object.keys(card.metrics).length > 0;
  const metricsHeight = hasMetrics ? badgeHeight(props.trends) + 22 : 0;
  const textHeight = textHeightOf(box, metricsHeight);
  const foot = card.link ? '' : footer(box);
  const markW = sharedMarkWidth(shared, markScale);
  return (
    <Group {...common}>
      {tile}
      {props.stale && <StaleBadge x={box.w - 9} y={9} />}
      {shared && (
        <SharedMarkNode
          kind={shared}
          cardId={card.id}
          right={box.w - (props.stale ? 20 : 6) - side}
          scale={markScale}
          colors={colors}
        />
      )}
      <Text
        x={icon ? 34 : 10}
        y={TEXT_TOP}
        width={box.w - (icon ? 44 : 20) - (props.stale ? 12 : 0) - side - markW}
        height={Math.max(16, textHeight)}
        text={drawnText(card.text) || 'Empty card'}
        fontSize={13}
        lineHeight={1.3}
        fill={card.text ? colors.text : '#8a93a6'}
        wrap="word"
        ellipsis
        listening={false}
      />
      {icon && <Text x={10} y={TEXT_TOP} text={icon} fontSize={16} listening={false} />}
      {card.image && (
        <PictureNode
          imageId={card.image}
          x={box.w - SIDE_PICTURE - 8}
          y={8}
          w={SIDE_PICTURE}
          h={Math.min(SIDE_PICTURE, box.h - 16)}
          size={pictureSize}
          dark={colors.dark}
        />
      )}
      {hasMetrics && (
        <MetricBadges
          box={box}
          meanVolume={props.meanVolume}
          trends={props.trends}
          cesMethod={props.cesMethod}
        />
      )}
      <CardLinkChip box={box} metricsHeight={metricsHeight} side={side} colors={colors} />
      {!hasMetrics && foot && (
        <Text
          x={10}
          y={box.h - 20}
          width={box.w - 20}
          text={foot}
          fontSize={10}
          fill="#5b6478"
          ellipsis
          wrap="none"
          listening={false}
        />
      )}
    </Group>
  );
}, sameCard);
