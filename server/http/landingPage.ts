import type { BoardRecord } from '../storage/storage.js';

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c,
  );

/**
 * A plain server-rendered page until the canvas editor (React + Konva) is served here: it
 * shows the server is up, lists boards and links their open JSON.
 */
export function landingPage(boards: readonly BoardRecord[]): string {
  const rows = boards
    .map(
      (b) =>
        `<tr><td>${escapeHtml(b.title)}</td><td>${b.mapType}</td><td>${escapeHtml(b.updatedAt)}</td>` +
        `<td><a href="/api/boards/${b.id}">JSON</a></td></tr>`,
    )
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>journeyboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
table{border-collapse:collapse;width:100%}td,th{text-align:left;padding:.4rem .6rem;border-bottom:1px solid #e5e7eb}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>journeyboard</h1>
<p>The sync server is running. Boards sync over <code>ws://&lt;host&gt;/sync/&lt;boardId&gt;</code>
(plain y-websocket protocol); create one with <code>POST /api/boards</code>.</p>
<h2>Boards (${boards.length})</h2>
${boards.length ? `<table><tr><th>Title</th><th>Map type</th><th>Last change</th><th></th></tr>${rows}</table>` : '<p>No boards yet.</p>'}
</body></html>`;
}
