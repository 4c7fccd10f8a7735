/**
 * A plain server-rendered page for a server whose web client has not been built: it shows the
 * server is up and how to build the client. It lists no boards (boards are private to their
 * links).
 */
export function landingPage(): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>journeyboard</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:52rem;margin:3rem auto;padding:0 1rem;color:#1f2937}
code{background:#f3f4f6;padding:.1rem .3rem;border-radius:4px}</style></head>
<body><h1>journeyboard</h1>
<p>The sync server is running, but its web client has not been built. Run <code>npm run build</code>
(or <code>npm start</code>, which builds it) and reload.</p>
<p>Boards sync over <code>ws://&lt;host&gt;/sync/&lt;boardId&gt;?token=&lt;share token&gt;</code> (plain y-websocket
protocol); create one with <code>POST /api/boards</code>.</p>
</body></html>`;
}
