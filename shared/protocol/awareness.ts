import { z } from 'zod';

/**
 * What each client publishes through Yjs awareness (both docs of a board carry the same user).
 * Cursor and viewport are in board coordinates. Clients ignore states that do not parse.
 */
export const awarenessUserSchema = z.object({
  id: z.string().min(1).max(64),
  name: z.string().min(1).max(80),
  color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
});

export const awarenessStateSchema = z.object({
  user: awarenessUserSchema,
  cursor: z.object({ x: z.number(), y: z.number() }).nullable().optional(),
  selection: z.array(z.string().max(64)).max(5000).optional(),
  /** What this user is editing in place, if anything. */
  editing: z.string().max(64).nullable().optional(),
  viewport: z.object({ x: z.number(), y: z.number(), zoom: z.number().positive() }).optional(),
  following: z.string().max(64).nullable().optional(),
  /** Asks everyone else to follow this user's viewport. */
  presenting: z.boolean().optional(),
});

export type AwarenessUser = z.infer<typeof awarenessUserSchema>;
export type AwarenessState = z.infer<typeof awarenessStateSchema>;

export function parseAwarenessState(value: unknown): AwarenessState | null {
  const parsed = awarenessStateSchema.safeParse(value);
  return parsed.success ? parsed.data : null;
}

/** Accessible cursor colours: each passes 4.5:1 contrast with white label text. */
export const USER_COLORS = [
  '#c2410c',
  '#b91c1c',
  '#be185d',
  '#7e22ce',
  '#4338ca',
  '#1d4ed8',
  '#0e7490',
  '#047857',
  '#4d7c0f',
  '#a16207',
] as const;

/** A stable colour for a user id. */
export function colorFor(userId: string): string {
  let hash = 0;
  for (const ch of userId) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return USER_COLORS[hash % USER_COLORS.length]!;
}
