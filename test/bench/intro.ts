/** The fixed part of BENCHMARKS.md: what is measured and how to read it. */
export function intro(note?: string): string {
  return `# Benchmarks

Side-by-side sync-server benchmarks of issue 7, written by \`npm run bench\` (test/bench/). Every
number below comes from one invocation; rerun it to refresh this file.

## How to run

- \`npm run bench\`: the issue's workloads W1–W6 against the four servers (and W7, the cluster), then the client
  render benchmark; prints the tables and writes this file (about 10 minutes). It builds
  journeyboard first when \`dist/\` is missing or older than its sources (\`--no-build\` uses
  \`dist/\` as it is).
- \`npm run bench -- --quick\`: smaller and shorter versions, for a smoke run (under 2 minutes:
  W6 against journeyboard only, W7 its edit storm only; 101 s on this machine).
- \`npm run bench -- --only W6 --servers journeyboard --no-render\`: the big workshop alone
  (300 people; \`--quick\`: 150); \`PRESENCE_OFFSCREEN_MS=…\` in the environment reaches the server.
- \`--only W1,W3\`, \`--servers journeyboard,relay\`, \`--no-render\`: a subset (does not write
  this file unless \`--write\`). \`--set w1.clients=50,durationMs=5000\` changes a size.
- \`--profile\`: every server child runs under \`node --cpu-prof\`; the report lists where each
  spent its time (profiles in test-results/bench-profiles/; W7 lists each instance of each
  routing, \`W7 journeyboard spread-app1\`…).
- \`--from test-results/bench/<run>.json --write\`: re-renders a saved run (every run saves one).
- \`npm run bench -- --only W8 --servers journeyboard\`: durability latency (issue 19): W2's load
  on journeyboard with SQLite, then on PostgreSQL (\`BENCH_DATABASE_URL\`, default
  \`postgres://postgres@127.0.0.1:5432/test\`, in a schema of its own, dropped after), and the p50
  and p99 of \`journeyboard_update_commit_seconds\` (W317) over the run, read from \`/metrics\`.
- \`npm run bench -- --only abuse\`: the attacks of issue 13 against journeyboard with its default
  limits (test/bench/abuse/, about 2 minutes); writes the Abuse section at the end of this file,
  which the full run keeps as it is. \`--attacks A2,A5\` runs some of them (and writes nothing).
  Not part of the default run: it measures stalls under attack, not the workloads.
- \`npm run bench -- --only crowd\`: the client render benchmark's crowd phases alone (issue 17,
  about a minute); prints them and writes nothing (a full run writes them with the render table).
- \`npm run bench -- --only W7\`: the cluster (issue 19): W1 and W2 against one journeyboard
  instance, then against three (PostgreSQL + Redis), clients spread round-robin over the
  instances or all of a board on one (board affinity); per-instance CPU and bus traffic (about
  3 minutes; journeyboard only, part of the default run).

## How it is measured

- **Servers**, each a fresh child process per workload, pinned to core 1 with \`taskset\`:
  journeyboard (\`node dist/server/main.js\`, SQLite in a temp dir, limits raised so nothing is
  refused); the reference server of y-websocket 1.5.4 (\`bin/utils.js\` \`setupWSConnection\`
  behind its own ws 6); Hocuspocus 3.4 (\`new Server()\` with no extensions); and a plain \`ws\`
  relay that forwards each frame to the other sockets of its room (the floor: no Yjs at all).
  Every child also preloads a one-line hook (\`--expose-gc\`, SIGUSR2 runs a full GC and prints
  \`process.memoryUsage()\`) used by W5.
- **Load generator** (pinned to core 0): raw \`ws\` sockets speaking the y-websocket protocol with
  lib0 encoders, one process playing every client; Hocuspocus frames carry its document-name
  prefix and start with its auth message. A client counts as joined when the server's sync step 2
  arrives. Generator clients do not echo other clients' awareness states back (y-websocket
  browser clients do).
- **Latency** is end to end: the sender's \`performance.now()\` travels inside the payload (the
  first key of the awareness state JSON, or the value of a real Y.Map edit); the receiver, in the
  same process, subtracts it. **Delivered** counts distinct (sender, clock) messages each
  receiver got, against the receivers present at each send; messages still in flight up to 5 s
  after the window count, later ones do not. **Delivered or superseded** also counts the states
  a receiver never got because a newer state of the same sender reached it first (a server that
  batches presence sends only each person's latest cursor): W1's target is judged on it.
  **sent/s** is what the generator managed to send (W1 asks for 2,000/s, W2 for 1,000/s, W3 for
  20/s).
- **Server CPU** is utime + stime from \`/proc/<pid>/stat\` over the window (100 % = one core);
  **CPU/delivered** is the CPU of the window and its drain divided by the messages delivered;
  **on the main thread** is the share of that CPU the main thread used
  (\`/proc/<pid>/task/<pid>/stat\`), the rest being worker threads (journeyboard's storage
  worker) and V8's helper threads (parallel scavenges, concurrent marking, compilation).
  **RSS** is the peak \`VmRSS\` sampled during the workload. **Waiting for CPU** is the time
  the process's main thread was runnable but not running
  (\`/proc/<pid>/task/<pid>/schedstat\`), as a share of the window: other processes on its core.
  **Generator CPU** near 100 % means the generator, not the server, was the limit.
- **W7** (journeyboard only) runs W1's and W2's traffic three times: against one instance as
  above (SQLite), then against a cluster of three \`node dist/server/main.js\` instances sharing
  a private PostgreSQL schema and a private \`redis-server\` (all pinned to core 1, so the
  cluster spends the same core as one instance) with the clients of each board round-robin over
  the instances (*spread*), then all on one instance (*affinity*). There is no load balancer in
  the bench: the generator routes each board by a consistent hash of \`/sync/<boardId>\` (100
  points per instance on a 32-bit ring), the scheme of deploy/haproxy.cfg's \`balance uri\` +
  \`hash-type consistent\` (HAProxy hashes its points differently, so a given board may land on
  another instance there). The cluster's CPU is the sum over its instances (Redis apart); each
  instance's CPU and bus messages (\`journeyboard_bus_messages_total\`: *in* is what other
  instances relayed to it) are listed. Each routing gets a fresh cluster, so an instance's CPU
  and profile belong to one routing.
- **W4** on journeyboard imports the board over REST and waits until its rooms have unloaded, so
  every join loads it from SQLite (cold); the other servers have no storage, so a seeding client
  syncs the content in and stays connected (their joins are warm). Join times are measured by
  the client: from opening the board and comments sockets to both sync step 2s received (one
  join is the median of three). Before the storm, every server is left until it has used under
  5 % of a core for 250 ms, so work left from seeding (journeyboard indexing the board it just
  imported) is not counted in the storm's CPU.
- **W5** readings follow a full GC in the server. Per connection = growth from the first to the
  second idle client of every board; per loaded board = growth from no client to one, less one
  connection; overhead = that less the board's encoded document. RSS is what the targets name;
  heap + external (read inside the process) is the steadier cross-check, and the targets are
  judged on the larger of the two.
- **Crowd** (client render, issue 17): this process plays 100 or 300 people on the rendered
  board (test/helpers/crowd.ts): raw \`ws\` sockets to the same server, 8 people a socket (the
  server's limit per connection), each socket sending its people's states in one awareness frame
  30 times a second, every cursor on a circle (40 screen px) around a home spread over 3 × 3
  screens around the view at 100 % (or within the fitted view). The sockets stop reading once
  synced, so the server stops sending them presence: the browser alone receives everyone's
  cursors. Frame times are requestAnimationFrame deltas while the page pans, as above.
- **Ratios** are journeyboard's figure divided by the other server's (below 1× = journeyboard
  lower).${note ? `\n\n${note}` : ''}`;
}
