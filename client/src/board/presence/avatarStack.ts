import type { Peer } from './presenceStore.js';

/** Avatars shown in the top bar before the rest collapse into "+N" (W238). */
export const AVATARS_SHOWN = 4;

/**
 * Everyone else, one entry per person even with several tabs open (the most recently active
 * tab wins): whoever presents first, then by name, so avatars do not reshuffle as people move.
 */
export function peopleOf(peers: readonly Peer[], meId: string): Peer[] {
  const byPerson = new Map<string, Peer>();
  for (const peer of peers) {
    if (peer.user.id === meId) continue;
    const seen = byPerson.get(peer.user.id);
    if (!seen || peer.activeAt > seen.activeAt) byPerson.set(peer.user.id, peer);
  }
  return [...byPerson.values()].sort(
    (a, b) =>
      Number(!!b.presenting) - Number(!!a.presenting) ||
      a.user.name.localeCompare(b.user.name) ||
      a.clientId - b.clientId,
  );
}

/** The avatars to show and how many more there are ("+N"; 0 shows no overflow button). */
export function avatarOverflow<T>(
  people: readonly T[],
  shown = AVATARS_SHOWN,
): { shown: T[]; more: number } {
  // "+1" would take the place of the one avatar it hides: show that avatar instead.
  const fits = people.length <= shown + 1;
  const head = fits ? people.slice() : people.slice(0, shown);
  return { shown: head, more: people.length - head.length };
}
