import { z } from 'zod';

const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/**
 * The pictures' settings (issue 17), merged into the server's environment schema
 * (`envSchema.extend(imageEnvSchema.shape)`); `IMAGE_CONFIG_DOCS` documents each.
 */
export const imageEnvSchema = z.object({
  IMAGE_MAX_BYTES: int(1024, 1 << 30).default(10 << 20),
  IMAGE_MAX_PIXELS: int(1, 1_000_000_000).default(40_000_000),
  IMAGE_BOARD_MAX_BYTES: int(1024, 2 ** 40).default(200 << 20),
  IMAGE_UPLOADS_PER_HOUR: int(1, 1_000_000).default(600),
});

export const IMAGE_CONFIG_DOCS: {
  readonly [K in keyof typeof imageEnvSchema.shape]: { meaning: string; why?: string };
} = {
  IMAGE_MAX_BYTES: {
    meaning:
      'largest picture upload (the file as sent); 413 past it, refused as soon as the declared length or the bytes streamed in pass it',
    why: 'bounds the memory one upload holds before it is decoded',
  },
  IMAGE_MAX_PIXELS: {
    meaning:
      'most pixels (width × height of the first frame) a picture may declare; 422 past it, read from its header before anything is decoded',
    why: 'a small file can declare a huge image (a decompression bomb): its pixels are never allocated',
  },
  IMAGE_BOARD_MAX_BYTES: {
    meaning:
      'most bytes of stored pictures per board (both renditions, after re-encoding); 413 past it',
    why: 'one board cannot fill the disk or the database',
  },
  IMAGE_UPLOADS_PER_HOUR: {
    meaning:
      'picture uploads per person per hour (a share link: per address); 429 with `Retry-After` past it',
    why: 'each upload costs a decode and two encodes: a script cannot keep the CPU busy',
  },
};
