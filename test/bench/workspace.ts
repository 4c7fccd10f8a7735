/**
 * `npm run bench -- --only workspace`: a workspace of 500 maps × 200 cards on a real server
 * (dist/, SQLite, accounts), then the answers a person waits for, timed over HTTP from this
 * process: the portfolio (W292) and full-text search (W267) with their permission checks.
 * The target is 200 ms for each.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BoardJson } from '../../shared/model/index.js';
import type { PortfolioView } from '../../shared/protocol/portfolio.js';
import { bigBoardJson } from './generator/boardData.js';
import { spawnServer } from './spawn.js';

export interface WorkspaceBenchOptions {
  boards: number;
  cardsPerBoard: number;
  runs: number;
}

export const WORKSPACE_BENCH_FULL: WorkspaceBenchOptions = {
  boards: 500,
  cardsPerBoard: 200,
  runs: 30,
};

const WORDS = ['refund', 'courier', 'password', 'invoice', 'upgrade', 'chatbot', 'voucher'];

/** Map `b`: its own title, a word of its own on every card, CSAT that differs map to map. */
function mapJson(template: BoardJson, b: number): BoardJson {
  return {
    ...template,
    meta: { ...template.meta, title: `Journey ${b}` },
    cards: template.cards.map((card, i) => ({
      ...card,
      text: `${card.text} ${WORDS[(b + i) % WORDS.length]}${b === 250 && i === 100 ? ' zebracorn' : ''}`,
      metrics:
        card.metrics.csat === undefined
          ? card.metrics
          : { ...card.metrics, csat: 20 + ((b * 7 + i) % 80) },
    })),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export interface TimedRow {
  what: string;
  p50: number;
  p95: number;
  max: number;
}

class Session {
  cookie = '';
  constructor(readonly base: string) {}
  async call(method: string, pathname: string, body?: unknown): Promise<Response> {
    const res = await fetch(`${this.base}${pathname}`, {
      method,
      headers: {
        origin: this.base,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const set = res.headers.get('set-cookie');
    if (set?.startsWith('jb_session=')) this.cookie = set.split(';')[0]!;
    return res;
  }
  async json<T>(method: string, pathname: string, body?: unknown): Promise<T> {
    const res = await this.call(method, pathname, body);
    if (!res.ok) throw new Error(`${method} ${pathname}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  }
}

async function timed(what: string, runs: number, request: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await request();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { what, p50: percentile(times, 50), p95: percentile(times, 95), max: times.at(-1)! };
}

async function until(what: string, check: () => Promise<boolean>, timeoutMs = 600_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`workspace bench: ${what} took too long`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

export async function runWorkspaceBench(opts: WorkspaceBenchOptions = WORKSPACE_BENCH_FULL) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jb-workspace-bench-'));
  const server = await spawnServer(
    'dist/server/main.js',
    {
      HOST: '127.0.0.1',
      LOG_LEVEL: 'warn',
      AUTH_MODE: 'accounts',
      DATA_DIR: dataDir,
    },
    {},
  );
  try {
    const ada = new Session(`http://127.0.0.1:${server.port}`);
    await ada.json('POST', '/api/auth/setup', {
      name: 'Ada Admin',
      email: 'ada@example.com',
      password: 'correct horse battery',
      workspaceName: 'Bench CX',
    });
    const me = await ada.json<{ workspaces: { id: string }[] }>('GET', '/api/me');
    const workspaceId = me.workspaces[0]!.id;
    const template = bigBoardJson(opts.cardsPerBoard);
    const began = performance.now();
    for (let b = 0; b < opts.boards; b++)
      await ada.json('POST', `/api/boards/import?workspaceId=${workspaceId}`, mapJson(template, b));
    const importMs = performance.now() - began;
    const portfolio = () =>
      ada.json<PortfolioView>('GET', `/api/workspaces/${workspaceId}/portfolio`);
    await until('the digests', async () =>
      (await portfolio()).maps.every((m) => m.touchpoints !== null),
    );
    const search = (q: string) =>
      ada.json<{ hits: unknown[] }>(
        'GET',
        `/api/search?q=${encodeURIComponent(q)}&workspace=${workspaceId}&limit=20`,
      );
    await until('the search index', async () => (await search('zebracorn')).hits.length > 0);
    const readyMs = performance.now() - began;
    console.log(
      `workspace bench: ${opts.boards} maps × ${opts.cardsPerBoard} cards imported in ${(importMs / 1000).toFixed(1)} s; digested and indexed after ${(readyMs / 1000).toFixed(1)} s`,
    );
    const rows: TimedRow[] = [await timed('GET portfolio', opts.runs, portfolio)];
    for (const q of ['customer', 'zebracorn', 'inv', 'courier invoice'])
      rows.push(await timed(`GET search \`${q}\``, opts.runs, () => search(q)));
    console.log('\n| request | p50 ms | p95 ms | max ms |\n| --- | --: | --: | --: |');
    for (const r of rows)
      console.log(
        `| ${r.what} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`,
      );
    return { importMs, readyMs, rows };
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
