import { call } from '../api.js';

/** One answer of `GET /api/search` (W266). */
export interface SearchHit {
  boardId: string;
  boardTitle: string;
  kind: 'board' | 'card' | 'comment';
  cardId?: string;
  threadId?: string;
  context: string;
  snippet: string;
  highlights: [number, number][];
}

/** Searches the boards the signed-in person opens (in one workspace when given). */
export function searchBoards(
  q: string,
  workspaceId: string | null,
  signal: AbortSignal,
): Promise<{ hits: SearchHit[] }> {
  const params = new URLSearchParams({ q, limit: '20' });
  if (workspaceId) params.set('workspace', workspaceId);
  return call<{ hits: SearchHit[] }>(`/api/search?${params.toString()}`, { signal });
}

/** Where a hit opens: the board at the comment's thread, at the card, or the board itself. */
export function hitHref(hit: SearchHit): string {
  const board = `/b/${encodeURIComponent(hit.boardId)}`;
  if (hit.kind === 'comment' && hit.threadId)
    return `${board}?thread=${encodeURIComponent(hit.threadId)}`;
  if (hit.cardId) return `${board}?card=${encodeURIComponent(hit.cardId)}`;
  return board;
}

/**
 * The snippet cut at its highlight ranges: text to show plain or marked (S122). Ranges out of
 * order, overlapping or outside the snippet are skipped rather than trusted.
 */
export function highlightParts(
  snippet: string,
  highlights: readonly (readonly [number, number])[],
): { text: string; marked: boolean }[] {
  const parts: { text: string; marked: boolean }[] = [];
  let at = 0;
  for (const [start, end] of highlights) {
    if (!Number.isInteger(start) || !Number.isInteger(end)) continue;
    if (start < at || end <= start || end > snippet.length) continue;
    if (start > at) parts.push({ text: snippet.slice(at, start), marked: false });
    parts.push({ text: snippet.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.length) parts.push({ text: snippet.slice(at), marked: false });
  return parts;
}
