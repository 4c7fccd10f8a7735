import type { Response } from 'express';
import type { Boards } from '../boards.js';
import type { BoardBuilt } from '../imports/jobs.js';
import { ImageImportRefused, type ImageService } from '../images/imageService.js';
import { ImageRefused } from '../images/reencode.js';
import type { BoardRecord } from '../storage/storage.js';
import { sendError } from './errors.js';

/**
 * Stores an imported board with the pictures its file carries (W226). The pictures are
 * re-encoded first, like any upload (S108): one refused means no board at all (answered, null).
 */
export async function importWithPictures(
  deps: { boards: Boards; images: ImageService },
  built: BoardBuilt,
  res: Response,
): Promise<BoardRecord | null> {
  let pictures;
  try {
    pictures = await deps.images.prepareImport(built.images ?? []);
  } catch (err) {
    if (err instanceof ImageImportRefused) {
      sendError(res, 422, err.message, {
        path: `images[${err.index}]`,
        index: err.index,
        reason: err.refusal.reason,
      });
      return null;
    }
    if (!(err instanceof ImageRefused)) throw err;
    sendError(res, err.status, err.message, { reason: err.reason });
    return null;
  }
  const record = await deps.boards.importBuilt(built);
  try {
    await deps.images.storeImported(record.id, pictures);
  } catch (err) {
    // Half a board is worse than none: the importer may simply try again.
    await deps.boards.delete(record.id);
    throw err;
  }
  return record;
}
