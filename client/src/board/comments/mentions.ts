/** @mention helpers for the comment composer: pure, so they are unit-tested. */
import type { CommentAuthor, Person } from '../../../../shared/model/comments.js';

/** How far back from the caret an '@' still starts the name being typed. */
const MAX_QUERY = 40;
/** Names may have spaces ("Ada Lovelace"), but not many. */
const MAX_SPACES = 3;

export interface MentionQuery {
  /** Index of the '@'. */
  start: number;
  /** What has been typed after it, up to the caret. */
  query: string;
}

/**
 * The @mention being typed at the caret: the '@' must start the text or follow a space or an
 * opening bracket or quote (so "ada@example.com" is not one), on the caret's line.
 */
export function mentionQuery(text: string, caret: number): MentionQuery | null {
  const end = Math.max(0, Math.min(caret, text.length));
  for (let i = end - 1; i >= 0 && end - i <= MAX_QUERY + 1; i--) {
    const ch = text[i]!;
    if (ch === '\n') return null;
    if (ch !== '@') continue;
    const before = i === 0 ? ' ' : text[i - 1]!;
    if (!/[\s([{"'“‘]/.test(before)) return null;
    const query = text.slice(i + 1, end);
    if (/^\s/.test(query) || (query.match(/ /g)?.length ?? 0) > MAX_SPACES) return null;
    return { start: i, query };
  }
  return null;
}

/**
 * People whose name matches a partial name: names starting with it first, then names with a
 * word starting with it, then names containing it; alphabetical within each. Excludes `meId`.
 */
export function matchPeople<P extends CommentAuthor>(
  people: readonly P[],
  query: string,
  meId?: string,
  limit = 6,
): P[] {
  const q = query.toLowerCase();
  const rank = (name: string): number => {
    const n = name.toLowerCase();
    if (n.startsWith(q)) return 0;
    if (n.split(/\s+/).some((word) => word.startsWith(q))) return 1;
    return n.includes(q) ? 2 : -1;
  };
  return people
    .filter((p) => p.id !== meId && p.name)
    .map((p) => ({ p, r: rank(p.name) }))
    .filter(({ r }) => r >= 0)
    .sort((a, b) => a.r - b.r || a.p.name.localeCompare(b.p.name))
    .slice(0, limit)
    .map(({ p }) => p);
}

/** Replaces the partial mention from `start` to the caret with "@Name " and moves the caret past it. */
export function insertMention(
  text: string,
  start: number,
  caret: number,
  name: string,
): { text: string; caret: number } {
  const after = text.slice(caret);
  const token = `@${name}`;
  const next = `${text.slice(0, start)}${token}${after.startsWith(' ') ? '' : ' '}${after}`;
  return { text: next, caret: start + token.length + 1 };
}

export interface BodySegment {
  text: string;
  /** Set when the segment is an @mention of this person. */
  personId?: string;
}

/**
 * Splits a comment body into plain text and @mentions of the given people (longest names
 * first, so "@Ada Lovelace" wins over "@Ada"; "@Adam" is not a mention of Ada).
 */
export function mentionSegments(body: string, people: readonly CommentAuthor[]): BodySegment[] {
  const named = [...people].filter((p) => p.name).sort((a, b) => b.name.length - a.name.length);
  const lower = body.toLowerCase();
  const segments: BodySegment[] = [];
  let plain = 0;
  let i = 0;
  while (i < body.length) {
    const person =
      body[i] === '@'
        ? named.find((p) => {
            const name = p.name.toLowerCase();
            const next = body[i + 1 + name.length];
            return lower.startsWith(name, i + 1) && !(next && /[\p{L}\p{N}_]/u.test(next));
          })
        : undefined;
    if (!person) {
      i++;
      continue;
    }
    if (i > plain) segments.push({ text: body.slice(plain, i) });
    const end = i + 1 + person.name.length;
    segments.push({ text: body.slice(i, end), personId: person.id });
    i = plain = end;
  }
  if (plain < body.length) segments.push({ text: body.slice(plain) });
  return segments;
}

/**
 * Who may be @mentioned: the people seen on the board's comments, and, for a signed-in person,
 * every member of the board's workspace (the server's names win for the same id, since anyone
 * could have written a name into the board's list).
 */
export function mentionablePeople(
  seen: readonly Person[],
  members: readonly CommentAuthor[],
): Person[] {
  const byId = new Map(seen.map((p) => [p.id, p]));
  for (const member of members) {
    const known = byId.get(member.id);
    byId.set(member.id, { ...member, lastSeen: known?.lastSeen ?? '' });
  }
  return [...byId.values()];
}
