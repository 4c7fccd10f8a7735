import { z } from 'zod';
import { IMAGE_ID_PATTERN } from '../protocol/images.js';

/**
 * The pictures a board JSON export carries (W225): an optional top-level `images` next to the
 * board's fields, every image stored for the board with its bytes as base64. Kept apart from
 * json.ts's board schema: the board's JSON is read without it, and a file without `images`
 * reads as before.
 */

/** Most pictures one file may carry. */
export const IMAGE_BUNDLE_MAX_ITEMS = 1000;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const imageBundleItemSchema = z.strictObject({
  id: z.string().regex(IMAGE_ID_PATTERN, 'must be an image id (22–64 letters, digits, _ or -)'),
  /** As exported; the server re-encodes the bytes and stores its own type. */
  type: z.string().max(100),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  data: z.string().min(1, 'must not be empty').regex(BASE64, 'must be base64'),
});
export type ImageBundleItem = z.infer<typeof imageBundleItemSchema>;

export const imageBundleSchema = z
  .array(imageBundleItemSchema)
  .max(IMAGE_BUNDLE_MAX_ITEMS)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, i) => {
      if (seen.has(item.id))
        ctx.addIssue({ code: 'custom', path: [i, 'id'], message: `duplicate id '${item.id}'` });
      seen.add(item.id);
    });
  });

/** A board file split into its board part (for parseBoardJson) and its pictures, if any. */
export function splitImages(input: unknown): { board: unknown; images: unknown } {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || !('images' in input))
    return { board: input, images: undefined };
  const { images, ...board } = input as Record<string, unknown>;
  return { board, images };
}
