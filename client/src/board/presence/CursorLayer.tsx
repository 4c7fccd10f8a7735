import Konva from 'konva';
import { useEffect, useRef } from 'react';
import { useEditorStore } from '../core/EditorStoreProvider.js';
import { cullCursors, labelOpacity } from './cursorView.js';
import type { Peer, PresenceStore } from './presenceStore.js';
import { IDLE_AFTER_MS } from './usePresence.js';

/** The Konva layer's name, for tests and the benchmark (window.Konva.stages). */
export const CURSOR_LAYER_NAME = 'remote-cursors';
const ARROW = [1, 1, 16, 10, 9.5, 11.6, 6.6, 20];
const LABEL_FONT = 12;

interface CursorNode {
  group: Konva.Group;
  label: Konva.Group;
  arrow: Konva.Line;
  tag: Konva.Rect;
  text: Konva.Text;
}

function makeNode(peer: Peer): CursorNode {
  const group = new Konva.Group({ name: 'peer-cursor', listening: false });
  const arrow = new Konva.Line({
    points: ARROW,
    closed: true,
    stroke: 'white',
    strokeWidth: 1.5,
    lineJoin: 'round',
    perfectDrawEnabled: false,
  });
  const label = new Konva.Group({ name: 'peer-label', x: 14, y: 16 });
  const tag = new Konva.Rect({
    height: LABEL_FONT + 6,
    cornerRadius: 9,
    perfectDrawEnabled: false,
  });
  const text = new Konva.Text({
    x: 8,
    y: 3,
    fontSize: LABEL_FONT,
    fontStyle: 'bold',
    fill: 'white',
    perfectDrawEnabled: false,
  });
  label.add(tag, text);
  group.add(arrow, label);
  const node = { group, label, arrow, tag, text };
  dress(node, peer);
  return node;
}

/** Name and colour: set only when they change (measuring text is the costly part). */
function dress(node: CursorNode, peer: Peer): void {
  if (node.text.text() !== peer.user.name) {
    node.text.text(peer.user.name);
    node.tag.width(node.text.width() + 16);
  }
  if (node.arrow.fill() !== peer.user.color) {
    node.arrow.fill(peer.user.color);
    node.tag.fill(peer.user.color);
  }
  node.group.setAttrs({ user: peer.user.name, clientId: peer.clientId });
}

/**
 * Everyone else's cursor on a Konva stage of its own over the canvas (W235–W237), drawn
 * imperatively: an awareness change or a pan marks it dirty, and one animation frame redraws
 * it, culled to the screen, with name labels fading as cursors crowd. React renders this only
 * when the size or `hidden` changes, never per cursor move.
 */
export function CursorLayer({
  store,
  size,
  hidden,
}: {
  store: PresenceStore;
  size: { w: number; h: number };
  /** Quiet mode, or hidden by me (W195): nothing is drawn. */
  hidden: boolean;
}) {
  const host = useRef<HTMLDivElement>(null);
  const editor = useEditorStore();
  const sizeRef = useRef(size);
  const hiddenRef = useRef(hidden);
  const redraw = useRef<() => void>(() => undefined);
  sizeRef.current = size;
  hiddenRef.current = hidden;

  useEffect(() => {
    const container = host.current;
    if (!container) return;
    const stage = new Konva.Stage({ container, ...sizeToStage(sizeRef.current), listening: false });
    const layer = new Konva.Layer({ name: CURSOR_LAYER_NAME, listening: false });
    stage.add(layer);
    const nodes = new Map<number, CursorNode>();
    let frame: number | null = null;

    const draw = () => {
      frame = null;
      const now = Date.now();
      const placed = hiddenRef.current
        ? []
        : cullCursors(store.live(), editor.getState().viewport, sizeRef.current);
      const opacity = labelOpacity(placed.length);
      const keep = new Set<number>();
      for (const { peer, x, y } of placed) {
        keep.add(peer.clientId);
        let node = nodes.get(peer.clientId);
        if (!node) {
          node = makeNode(peer);
          nodes.set(peer.clientId, node);
        } else dress(node, peer);
        if (node.group.getParent() !== layer) layer.add(node.group);
        node.group.position({ x, y });
        node.group.opacity(now - peer.activeAt > IDLE_AFTER_MS ? 0.35 : 1);
        // A presenter keeps their name: everyone is looking for them.
        const labelShown = peer.presenting ? 1 : opacity;
        node.label.opacity(labelShown);
        node.label.visible(labelShown > 0);
      }
      for (const [clientId, node] of nodes) {
        if (keep.has(clientId)) continue;
        if (store.peer(clientId)) node.group.remove();
        else {
          node.group.destroy();
          nodes.delete(clientId);
        }
      }
      layer.draw();
    };
    const schedule = () => {
      frame ??= requestAnimationFrame(draw);
    };
    redraw.current = () => {
      stage.size(sizeToStage(sizeRef.current));
      schedule();
    };

    let lastViewport = editor.getState().viewport;
    const offMotion = store.onMotion(schedule);
    const offRoster = store.onRoster(schedule);
    const offView = editor.subscribe(() => {
      const { viewport } = editor.getState();
      if (viewport === lastViewport) return;
      lastViewport = viewport;
      schedule();
    });
    // Idle cursors dim without any message arriving.
    const idle = setInterval(schedule, 5000);
    schedule();
    return () => {
      offMotion();
      offRoster();
      offView();
      clearInterval(idle);
      if (frame !== null) cancelAnimationFrame(frame);
      stage.destroy();
    };
  }, [store, editor]);

  useEffect(() => redraw.current(), [size.w, size.h, hidden]);

  return <div ref={host} className="cursor-layer" aria-hidden="true" data-testid="cursor-layer" />;
}

const sizeToStage = (size: { w: number; h: number }) => ({
  width: Math.max(1, size.w),
  height: Math.max(1, size.h),
});
