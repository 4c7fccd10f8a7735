/**
 * Pictures on their way to the server, for the progress indicator (W232), and the one way the
 * page uploads: every refusal becomes an error toast with the server's own reason.
 */
import { useCallback, useSyncExternalStore } from 'react';
import { useToasts } from '../../ui/toasts.js';
import { useOpenBoard } from '../core/openBoard.js';
import { uploadImage, type UploadedImage } from './imageApi.js';

export interface Upload {
  id: number;
  name: string;
  /** 0…1 of the bytes sent. */
  progress: number;
}

let uploads: readonly Upload[] = [];
let nextId = 1;
const listeners = new Set<() => void>();

function set(next: readonly Upload[]): void {
  uploads = next;
  for (const listener of listeners) listener();
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function useUploads(): readonly Upload[] {
  return useSyncExternalStore(subscribe, () => uploads);
}

/** What a person is told when their link may not add pictures. */
export const NO_PICTURES_MESSAGE =
  'Only editors can add pictures: this link lets you view or comment.';

/**
 * Uploads one file for this board; resolves with what the server stored, or null after an error
 * toast (the server's reason, e.g. "the image is over 10 MiB"). Nothing on the board changes here:
 * the caller writes the picture's id in one transaction once it is stored.
 */
export function usePictureUpload(): (file: File) => Promise<UploadedImage | null> {
  const { session, abilities } = useOpenBoard();
  const toasts = useToasts();
  return useCallback(
    async (file: File) => {
      if (!abilities.edit) {
        toasts.show(NO_PICTURES_MESSAGE, 'error');
        return null;
      }
      const id = nextId++;
      const name = file.name || 'picture';
      set([...uploads, { id, name, progress: 0 }]);
      try {
        return await uploadImage(
          { boardId: session.boardId, token: session.token },
          file,
          (progress) => set(uploads.map((u) => (u.id === id ? { ...u, progress } : u))),
        );
      } catch (err) {
        const reason = err instanceof Error ? err.message : String(err);
        toasts.show(`Could not add the picture: ${reason}`, 'error');
        return null;
      } finally {
        set(uploads.filter((u) => u.id !== id));
      }
    },
    [session, abilities.edit, toasts],
  );
}
