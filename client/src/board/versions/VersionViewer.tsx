import { useEffect, useMemo, useState } from 'react';
import type { BoardJson } from '../../../../shared/model/json.js';
import { Dialog } from '../../ui/Dialog.js';
import { Canvas } from '../canvas/Canvas.js';
import { absoluteTime } from '../../ui/time.js';
import { useElementSize } from '../hooks.js';
import { layoutBoard } from '../layout.js';
import { boundsOf, fitRect, type Viewport } from '../viewport.js';
import { TRIGGER_LABEL } from './VersionItem.js';
import { versionDoc } from './useVersions.js';
import type { Version } from './versionsApi.js';
import { plural } from '../../../../shared/model/plural.js';

const noop = () => undefined;

/**
 * A saved version, read-only, on the same canvas as the board: a detached doc that nothing
 * syncs or writes, drawn with `readOnly` (select, pan and zoom only).
 */
export function VersionViewer(props: { version: Version; board: BoardJson; onClose(): void }) {
  const { version } = props;
  const [{ doc, snapshot }] = useState(() => versionDoc(props.board));
  useEffect(() => () => doc.destroy(), [doc]);
  const layout = useMemo(() => layoutBoard(snapshot), [snapshot]);
  const { ref: frame, size } = useElementSize();
  const [viewport, setViewport] = useState<Viewport | null>(null);
  const [selection, setSelection] = useState<string[]>([]);

  // Show the whole version once the frame has its size.
  useEffect(() => {
    if (viewport || size.w < 50) return;
    const bounds = boundsOf([
      { x: 0, y: 0, w: layout.width + 40, h: layout.height + 40 },
      ...snapshot.shapes,
    ]);
    setViewport(bounds ? fitRect(bounds, size.w, size.h, 24, 1) : { x: 0, y: 0, zoom: 1 });
  }, [viewport, size, layout, snapshot.shapes]);

  return (
    <Dialog
      title={`${version.label} (read-only)`}
      description={`${TRIGGER_LABEL[version.trigger]} · ${version.author} · ${absoluteTime(version.createdAt)}${version.note ? ` — ${version.note}` : ''}`}
      onClose={props.onClose}
      className="version-viewer"
      testId="version-viewer"
    >
      <div ref={frame} className="version-viewer-canvas" data-testid="version-viewer-canvas">
        {viewport && (
          <Canvas
            doc={doc}
            board={snapshot}
            layout={layout}
            viewport={viewport}
            setViewport={(next) =>
              setViewport((v) => (typeof next === 'function' ? next(v!) : next))
            }
            size={size}
            tool="select"
            setTool={noop}
            spaceHeld={false}
            selection={selection}
            setSelection={setSelection}
            editing={null}
            setEditing={noop}
            onAddStage={noop}
            onAddLane={noop}
            onPointer={noop}
            onComment={noop}
            readOnly
          />
        )}
      </div>
      <p className="panel-hint">
        {plural(snapshot.stages.length, 'stage')} · {plural(snapshot.lanes.length, 'lane')} ·{' '}
        {plural(snapshot.cards.length, 'card')}. Scroll to pan, Ctrl + scroll to zoom. Nothing here
        can be changed.
      </p>
    </Dialog>
  );
}
