import { useEffect, useMemo, useState } from 'react';
import type { BoardJson } from '../../../../shared/model/json.js';
import { Dialog } from '../../ui/Dialog.js';
import { Canvas } from '../canvas/Canvas.js';
import { absoluteTime } from '../../ui/time.js';
import { useElementSize } from '../core/hooks.js';
import { layoutBoard } from '../core/layout.js';
import { boundsOf, fitRect } from '../core/viewport.js';
import { TRIGGER_LABEL } from './VersionItem.js';
import { versionDoc } from './useVersions.js';
import type { Version } from './versionsApi.js';
import { plural } from '../../../../shared/model/plural.js';
import { createEditorStore, initialEditorState } from '../core/editorStore.js';
import { EditorStoreProvider } from '../core/EditorStoreProvider.js';

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
  // The viewer's own selection and view, apart from the board's behind the dialog.
  const [store] = useState(() =>
    createEditorStore(initialEditorState({ view: 'canvas', minimapOpen: false, askName: false })),
  );
  const [fitted, setFitted] = useState(false);

  // Show the whole version once the frame has its size.
  useEffect(() => {
    if (fitted || size.w < 50) return;
    const bounds = boundsOf([
      { x: 0, y: 0, w: layout.width + 40, h: layout.height + 40 },
      ...snapshot.shapes,
    ]);
    const viewport = bounds ? fitRect(bounds, size.w, size.h, 24, 1) : { x: 0, y: 0, zoom: 1 };
    store.dispatch({ type: 'followViewport', viewport });
    setFitted(true);
  }, [fitted, size, layout, snapshot.shapes, store]);

  return (
    <Dialog
      title={`${version.label} (read-only)`}
      description={`${TRIGGER_LABEL[version.trigger]} · ${version.author} · ${absoluteTime(version.createdAt)}${version.note ? ` — ${version.note}` : ''}`}
      onClose={props.onClose}
      className="version-viewer"
      testId="version-viewer"
    >
      <div ref={frame} className="version-viewer-canvas" data-testid="version-viewer-canvas">
        {fitted && (
          <EditorStoreProvider store={store}>
            <Canvas doc={doc} board={snapshot} layout={layout} size={size} readOnly />
          </EditorStoreProvider>
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
