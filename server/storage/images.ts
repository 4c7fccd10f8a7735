/**
 * Pictures on the map (issue 17): the storage port behind server/images/. An image is scoped to
 * one board and addressed by content (`id`, a hash of its stored bytes), so the same picture
 * uploaded twice to a board is stored once. Both SQL adapters share sqlImages.ts; an object
 * store (S3-compatible) would be another `ImageStore`. test/contract/images.contract.ts is its
 * contract. Bytes stored here were already re-encoded (server/images/reencode.ts): this layer
 * never decodes them.
 */

/** The one rendition a reader asks for: the full picture, or its thumbnail. */
export type ImageVariant = 'full' | 'thumb';

/** What is known of a stored image without its bytes. */
export interface ImageMeta {
  id: string;
  boardId: string;
  /** MIME type of both renditions (the re-encode policy's output, e.g. `image/webp`). */
  type: string;
  width: number;
  height: number;
  /** Size of the full rendition. */
  bytes: number;
  thumbWidth: number;
  thumbHeight: number;
  thumbBytes: number;
  /** ISO 8601 */
  createdAt: string;
}

/** An image to store: both renditions, already re-encoded. */
export interface NewImage {
  id: string;
  type: string;
  width: number;
  height: number;
  data: Uint8Array;
  thumb: { width: number; height: number; data: Uint8Array };
  /** ISO 8601 */
  createdAt: string;
}

/** One rendition's bytes and the image it belongs to. */
export interface ImageBlob {
  meta: ImageMeta;
  data: Uint8Array;
}

export type PutImageOutcome =
  /** Stored now. */
  | 'stored'
  /** The board already held this id (same content): nothing written. */
  | 'exists'
  /** Storing it would take the board's images past `maxBoardBytes`: nothing written. */
  | 'over-budget'
  | 'no-board';

export interface ImageStore {
  /**
   * Stores an image for a board unless it holds that id already. `maxBoardBytes` caps the sum of
   * both renditions of all the board's images (the check and the insert are one statement;
   * uploads racing on two PostgreSQL connections may each pass it once).
   */
  putImage(boardId: string, image: NewImage, maxBoardBytes: number): Promise<PutImageOutcome>;
  /** One rendition; null when unknown or of another board. */
  getImage(boardId: string, id: string, variant: ImageVariant): Promise<ImageBlob | null>;
  /** The board's images without bytes, oldest first (ties: by id). */
  listImages(boardId: string): Promise<ImageMeta[]>;
  /** Bytes of both renditions of all the board's images (0 for none, or no board). */
  imageBytesForBoard(boardId: string): Promise<number>;
}
