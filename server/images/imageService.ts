import type { ImageBundleItem } from '../../shared/model/imageBundle.js';
import type { ImageUploaded } from '../../shared/protocol/images.js';
import type { Logger } from '../logger.js';
import type { Metrics } from '../metrics.js';
import type { ImageBlob, ImageStore, ImageVariant } from '../storage/images.js';
import { ImageRefused, reencodeImage, type Reencoded } from './reencode.js';

export interface ImageLimits {
  maxPixels: number;
  boardMaxBytes: number;
}

/** An import's picture refused (W226): which item, and why. */
export class ImageImportRefused extends Error {
  constructor(
    readonly index: number,
    readonly refusal: ImageRefused,
  ) {
    super(`images[${index}]: ${refusal.message}`);
    this.name = 'ImageImportRefused';
  }
}

const mib = (bytes: number) => `${Math.round((bytes / (1 << 20)) * 10) / 10} MiB`;

const uploaded = (image: Pick<Reencoded, 'id' | 'width' | 'height' | 'type' | 'data'>) =>
  ({
    id: image.id,
    width: image.width,
    height: image.height,
    type: image.type,
    bytes: image.data.byteLength,
  }) satisfies ImageUploaded;

/**
 * Pictures on the map (W220–W226): every picture, uploaded or imported, is re-encoded and
 * checked here before the store sees it; the routes only translate HTTP.
 */
export class ImageService {
  constructor(
    private readonly deps: {
      store: ImageStore;
      limits: ImageLimits;
      metrics: Metrics;
      log: Logger;
    },
  ) {}

  /** Counts a refusal (by reason) and passes it on. */
  refused(err: ImageRefused): ImageRefused {
    this.deps.metrics.imageUploads.inc({ outcome: 'refused', reason: err.reason });
    return err;
  }

  private overBudget(boardId: string, used: number): ImageRefused {
    return new ImageRefused(
      413,
      'over-budget',
      `this board's pictures already take ${mib(used)} of the ${mib(this.deps.limits.boardMaxBytes)} ` +
        `a board may hold (IMAGE_BOARD_MAX_BYTES); this picture does not fit (board ${boardId})`,
    );
  }

  /**
   * Re-encodes and stores an upload; the same picture again answers with the stored one. Throws
   * `ImageRefused` (counted), or null when the board is gone.
   */
  async upload(boardId: string, bytes: Uint8Array): Promise<ImageUploaded | null> {
    const { store, limits, metrics, log } = this.deps;
    let image: Reencoded;
    try {
      image = await reencodeImage(bytes, limits);
    } catch (err) {
      throw err instanceof ImageRefused ? this.refused(err) : err;
    }
    const createdAt = new Date().toISOString();
    const outcome = await store.putImage(boardId, { ...image, createdAt }, limits.boardMaxBytes);
    if (outcome === 'no-board') return null;
    if (outcome === 'over-budget')
      throw this.refused(this.overBudget(boardId, await store.imageBytesForBoard(boardId)));
    metrics.imageUploads.inc({
      outcome: outcome === 'stored' ? 'stored' : 'duplicate',
      reason: '',
    });
    if (outcome === 'stored') {
      metrics.imageBytesStored.inc(image.data.byteLength + image.thumb.data.byteLength);
      log.info(
        { boardId, imageId: image.id, bytesIn: bytes.byteLength, bytes: image.data.byteLength },
        'picture stored',
      );
    }
    return uploaded(image);
  }

  read(boardId: string, id: string, variant: ImageVariant): Promise<ImageBlob | null> {
    return this.deps.store.getImage(boardId, id, variant);
  }

  /**
   * Copies every picture of one board onto another (a board duplicated from a version, W224):
   * the bytes were re-encoded when first stored, so they are copied as they are.
   */
  async copyAll(fromBoardId: string, toBoardId: string): Promise<void> {
    const { store, limits } = this.deps;
    for (const meta of await store.listImages(fromBoardId)) {
      const full = await store.getImage(fromBoardId, meta.id, 'full');
      const thumb = await store.getImage(fromBoardId, meta.id, 'thumb');
      if (!full || !thumb) continue;
      const image = {
        id: meta.id,
        type: meta.type,
        width: meta.width,
        height: meta.height,
        data: full.data,
        thumb: { width: meta.thumbWidth, height: meta.thumbHeight, data: thumb.data },
        createdAt: meta.createdAt,
      };
      await store.putImage(toBoardId, image, limits.boardMaxBytes);
    }
  }

  /** Every picture of the board for its JSON export (W225), oldest first. */
  async exportBundle(boardId: string): Promise<ImageBundleItem[]> {
    const items: ImageBundleItem[] = [];
    for (const meta of await this.deps.store.listImages(boardId)) {
      const blob = await this.deps.store.getImage(boardId, meta.id, 'full');
      if (!blob) continue;
      items.push({
        id: meta.id,
        type: meta.type,
        width: meta.width,
        height: meta.height,
        data: Buffer.from(blob.data).toString('base64'),
      });
    }
    return items;
  }

  /**
   * Re-encodes an import's pictures (W226, S108: the same path as an upload) before the board
   * exists; they keep the ids the file gives them, so the board's references still hold. Throws
   * `ImageImportRefused` for the first item at fault, or an `ImageRefused` past the budget.
   */
  async prepareImport(items: readonly { id: string; data: Uint8Array }[]): Promise<Reencoded[]> {
    const prepared: Reencoded[] = [];
    let total = 0;
    for (const [index, item] of items.entries()) {
      try {
        prepared.push({ ...(await reencodeImage(item.data, this.deps.limits)), id: item.id });
      } catch (err) {
        if (!(err instanceof ImageRefused)) throw err;
        throw new ImageImportRefused(index, this.refused(err));
      }
      const last = prepared[prepared.length - 1]!;
      total += last.data.byteLength + last.thumb.data.byteLength;
    }
    if (total > this.deps.limits.boardMaxBytes)
      throw this.refused(
        new ImageRefused(
          413,
          'over-budget',
          `the file's pictures take ${mib(total)} once re-encoded; a board may hold ` +
            `${mib(this.deps.limits.boardMaxBytes)} (IMAGE_BOARD_MAX_BYTES)`,
        ),
      );
    return prepared;
  }

  /** Stores what `prepareImport` made on the new board. */
  async storeImported(boardId: string, prepared: readonly Reencoded[]): Promise<void> {
    const now = Date.now();
    for (const [index, image] of prepared.entries()) {
      // A millisecond apart: the board lists (and exports) them in the file's order.
      const createdAt = new Date(now + index).toISOString();
      const outcome = await this.deps.store.putImage(
        boardId,
        { ...image, createdAt },
        this.deps.limits.boardMaxBytes,
      );
      if (outcome === 'stored')
        this.deps.metrics.imageBytesStored.inc(image.data.byteLength + image.thumb.data.byteLength);
      else throw new Error(`storing imported picture ${image.id} on ${boardId}: ${outcome}`);
    }
    if (prepared.length > 0)
      this.deps.metrics.imageUploads.inc({ outcome: 'imported', reason: '' }, prepared.length);
  }
}
