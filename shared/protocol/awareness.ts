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
  /** Asks everyone else to follow this user's viewport: editors and owners only. */
  presenting: z.boolean().optional(),
  /**
   * "Bring everyone here": a one-shot summon to this viewport (its centre and zoom), which each
   * other client applies once per `id`; `at` is the server's clock. Editors and owners only.
   */
  summon: z
    .object({
      id: z.string().min(1).max(64),
      x: z.number(),
      y: z.number(),
      zoom: z.number().positive(),
      at: z.number(),
    })
    .nullable()
    .optional(),
});

/** What only links that may write the board may claim in their presence (W32, W194). */
const WRITER_CLAIMS = ['presenting', 'summon'] as const;

export type AwarenessUser = z.infer<typeof awarenessUserSchema>;

/**
 * A read-only link's state as the server relays it: presenting (making everyone follow you) and
 * summoning (moving everyone's view once) need the editor role, so a viewer's or commenter's
 * claim is dropped. Returns the same object when there is nothing to drop (the cursor hot path
 * then keeps the JSON as it came).
 */
export function withoutWriterClaims(state: Record<string, unknown>): Record<string, unknown> {
  if (!WRITER_CLAIMS.some((key) => key in state)) return state;
  const rest = { ...state };
  for (const key of WRITER_CLAIMS) delete rest[key];
  return rest;
}
export type AwarenessState = z.infer<typeof awarenessStateSchema>;

/** Who the server vouches a connection is: a signed-in person, or a share-link guest. */
export type VouchedIdentity = { kind: 'person'; id: string; name: string } | { kind: 'guest' };

/** Guests show and write so, so no one can pass for a member (shared/model/authorGuard.ts). */
export const GUEST_NAME = 'Guest · ';
export const GUEST_ID = 'guest:';

/**
 * A presence state with the identity the server vouches for: a signed-in person's own id and
 * name (whatever the client claimed; its colour stays), a guest's typed name marked as a guest.
 * The same object when the state already says so (the cursor hot path keeps its JSON).
 */
export function vouchedPresence(
  state: Record<string, unknown>,
  identity: VouchedIdentity,
): Record<string, unknown> {
  const claimed = state.user;
  const user = (claimed !== null && typeof claimed === 'object' ? claimed : {}) as Record<
    string,
    unknown
  >;
  const name = typeof user.name === 'string' ? user.name : '';
  const id = typeof user.id === 'string' ? user.id : '';
  const wanted =
    identity.kind === 'person'
      ? { id: identity.id, name: identity.name }
      : {
          id: id.startsWith(GUEST_ID) ? id : `${GUEST_ID}${id}`.slice(0, 64),
          name: name.startsWith(GUEST_NAME) ? name : `${GUEST_NAME}${name || 'guest'}`.slice(0, 80),
        };
  if (user.id === wanted.id && user.name === wanted.name) return state;
  const color = typeof user.color === 'string' ? user.color : colorFor(wanted.id);
  return { ...state, user: { ...user, ...wanted, color } };
}

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
