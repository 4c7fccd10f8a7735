/**
 * Pictures on the map (W220–W226): what client and server agree on. The server re-encodes
 * every upload, so `IMAGE_STORED_TYPE` is the one type a reader ever gets.
 */

/** Content types an upload may declare; the server trusts only the bytes (S104). */
export const IMAGE_UPLOAD_TYPES = ['image/png', 'image/jpeg', 'image/webp', 'image/gif'] as const;
/** What both renditions are stored and served as (W222). */
export const IMAGE_STORED_TYPE = 'image/webp';
/** Longest side of a stored picture and of its thumbnail, in pixels (W222). */
export const IMAGE_MAX_SIDE = 2560;
export const IMAGE_THUMB_MAX_SIDE = 320;
/** An image id: base64url of the SHA-256 of the stored bytes (W220). */
export const IMAGE_ID_PATTERN = /^[A-Za-z0-9_-]{22,64}$/;

/** The 201 answer to `POST /api/boards/:id/images` (W220). */
export interface ImageUploaded {
  id: string;
  width: number;
  height: number;
  type: string;
  bytes: number;
}

/** `GET /api/boards/:id/images/:imageId?size=thumb` (W223). */
export type ImageSize = 'full' | 'thumb';
