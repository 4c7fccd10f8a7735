/**
 * Pictures pasted (Ctrl/Cmd+V) or dropped onto the canvas (W232): uploaded, then placed where
 * they land — on a card, into a storyboard cell, or on the free layer — and selected. Also the
 * upload progress indicator. Viewers and commenters are told they cannot add pictures.
 */
import { useEffect, useRef } from 'react';
import { useToasts } from '../../ui/toasts.js';
import { useEditorStore } from '../core/EditorStoreProvider.js';
import { useOpenBoard } from '../core/openBoard.js';
import { toBoard } from '../core/viewport.js';
import { keyOrigin, routesToBoard } from '../keyboard/keyRouting.js';
import { placePicture, pictureTargetAt } from './placePicture.js';
import { NO_PICTURES_MESSAGE, usePictureUpload, useUploads } from './uploads.js';
import './pictures.css';

/** Files one drop may add; more is far more likely a mistake than a storyboard. */
const MAX_FILES_PER_DROP = 10;
const CANVAS = '.canvas-host';

const canvasOf = (target: EventTarget | null): HTMLElement | null =>
  target instanceof Element ? target.closest<HTMLElement>(CANVAS) : null;

const hasFiles = (data: DataTransfer | null): boolean =>
  !!data && [...data.types].includes('Files');

export function PictureInput() {
  const open = useOpenBoard();
  const store = useEditorStore();
  const toasts = useToasts();
  const upload = usePictureUpload();
  const latest = useRef({ open, upload });
  latest.current = { open, upload };
  // The pointer's last place over the canvas (client pixels): where a paste lands.
  const pointer = useRef<{ x: number; y: number } | null>(null);

  useEffect(() => {
    /** The board point under client pixels, or the view's centre when there are none. */
    function boardPoint(client: { x: number; y: number } | null) {
      const host = document.querySelector<HTMLElement>(CANVAS);
      const { viewport } = store.getState();
      const rect = host?.getBoundingClientRect();
      if (!rect) return toBoard(viewport, 0, 0);
      const inside =
        client &&
        client.x >= rect.left &&
        client.x < rect.right &&
        client.y >= rect.top &&
        client.y < rect.bottom;
      return inside
        ? toBoard(viewport, client.x - rect.left, client.y - rect.top)
        : toBoard(viewport, rect.width / 2, rect.height / 2);
    }

    async function add(files: File[], at: { x: number; y: number }) {
      const placed: string[] = [];
      for (const [i, file] of files.entries()) {
        const image = await latest.current.upload(file);
        if (!image) continue;
        // Re-read the board: it may have changed while the bytes were on their way.
        const { session, layout } = latest.current.open;
        const target = pictureTargetAt(layout, at.x + i * 24, at.y + i * 24);
        const id = toasts.attempt(() => placePicture(session.doc, target, image, session.undo));
        if (id) placed.push(id);
      }
      if (placed.length) store.dispatch({ type: 'select', ids: placed });
    }

    function take(files: File[], at: { x: number; y: number }) {
      if (!latest.current.open.abilities.edit) return toasts.show(NO_PICTURES_MESSAGE, 'error');
      if (files.length > MAX_FILES_PER_DROP)
        toasts.show(`Only the first ${MAX_FILES_PER_DROP} files are added.`);
      void add(files.slice(0, MAX_FILES_PER_DROP), at);
    }

    const onPaste = (e: ClipboardEvent) => {
      const files = [...(e.clipboardData?.files ?? [])];
      if (!files.length || store.getState().editing) return;
      if (store.getState().view !== 'canvas') return;
      if (!routesToBoard('edit.paste', keyOrigin(e.target))) return;
      e.preventDefault();
      take(files.slice(0, 1), boardPoint(pointer.current));
    };
    const onDragOver = (e: DragEvent) => {
      if (!canvasOf(e.target) || !hasFiles(e.dataTransfer)) return;
      e.preventDefault();
      if (e.dataTransfer)
        e.dataTransfer.dropEffect = latest.current.open.abilities.edit ? 'copy' : 'none';
    };
    const onDrop = (e: DragEvent) => {
      if (!canvasOf(e.target) || !hasFiles(e.dataTransfer)) return;
      e.preventDefault();
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) take(files, boardPoint({ x: e.clientX, y: e.clientY }));
    };
    const onMove = (e: MouseEvent) => {
      pointer.current = canvasOf(e.target) ? { x: e.clientX, y: e.clientY } : null;
    };
    document.addEventListener('paste', onPaste);
    document.addEventListener('dragover', onDragOver);
    document.addEventListener('drop', onDrop);
    document.addEventListener('mousemove', onMove, { passive: true });
    return () => {
      document.removeEventListener('paste', onPaste);
      document.removeEventListener('dragover', onDragOver);
      document.removeEventListener('drop', onDrop);
      document.removeEventListener('mousemove', onMove);
    };
  }, [store, toasts]);

  return <UploadProgress />;
}

/** "Uploading receipt.jpg… 42 %" while pictures are on their way. */
export function UploadProgress() {
  const uploads = useUploads();
  if (!uploads.length) return null;
  return (
    <div className="picture-uploads" role="status" data-testid="picture-uploads">
      {uploads.map((u) => (
        <div key={u.id} className="picture-upload">
          <span>Uploading {u.name}…</span>
          <progress max={1} value={u.progress} aria-label={`Uploading ${u.name}`} />
          <span>{Math.round(u.progress * 100)} %</span>
        </div>
      ))}
    </div>
  );
}
