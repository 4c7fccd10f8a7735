/**
 * `npm run bench -- --only search`: full-text search over a workspace of 500 boards × 200 cards
 * in SQLite (the storage worker, as the server runs it), then timed queries: a common word, a
 * rare word, a prefix, two words. The target is 200 ms (p95) per query.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SearchEntry } from '../../server/storage/search.js';
import { parseSearchQuery } from '../../server/storage/searchText.js';
import { sqliteInWorker } from '../../server/storage/workerStorage.js';

export interface SearchBenchOptions {
  boards: number;
  cardsPerBoard: number;
  runsPerQuery: number;
}

export const SEARCH_BENCH_FULL: SearchBenchOptions = {
  boards: 500,
  cardsPerBoard: 200,
  runsPerQuery: 50,
};

/** A deterministic generator (mulberry32): the same workspace every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'pe', 'du', 'gra', 'shi'];
const COMMON = ['customer', 'checkout', 'onboarding', 'support', 'waiting', 'call', 'app'];

function vocabulary(next: () => number, size: number): string[] {
  const words = new Set<string>();
  while (words.size < size) {
    const n = 2 + Math.floor(next() * 3);
    let w = '';
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(next() * SYLLABLES.length)];
    words.add(w);
  }
  return [...words];
}

/** One board's entries: a title entry and the cards (12 words, a fifth of them common ones). */
function boardEntries(b: number, cards: number, next: () => number, vocab: string[]) {
  const pick = () =>
    next() < 0.2
      ? COMMON[Math.floor(next() * COMMON.length)]!
      : // Skewed: low indexes far more often, as in real text.
        vocab[Math.floor(vocab.length * next() * next())]!;
  const entries: SearchEntry[] = [
    { kind: 'board', context: '', text: `Journey ${b} of the ${pick()} team` },
  ];
  for (let c = 0; c < cards; c++) {
    const words = Array.from({ length: 12 }, pick);
    // One card in the whole workspace holds the rare word.
    if (b === 250 && c === 100) words.push('zebracorn');
    entries.push({ kind: 'card', cardId: `c${c}`, context: 'Stage › Lane', text: words.join(' ') });
  }
  return entries;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export interface SearchBenchRow {
  query: string;
  hits: number;
  p50: number;
  p95: number;
  max: number;
}

export async function runSearchBench(opts: SearchBenchOptions = SEARCH_BENCH_FULL) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'jb-search-bench-'));
  const storage = sqliteInWorker({ file: path.join(dir, 'journeyboard.db') });
  try {
    await storage.init();
    const next = random(18);
    const vocab = vocabulary(next, 5_000);
    const ids: string[] = [];
    const began = performance.now();
    const at = new Date().toISOString();
    for (let b = 0; b < opts.boards; b++) {
      const id = `bench-board-${String(b).padStart(4, '0')}`;
      ids.push(id);
      await storage.createBoard(
        {
          id,
          title: `Journey ${b}`,
          mapType: 'current-state',
          persona: '',
          createdAt: at,
          updatedAt: at,
          keyVersion: 1,
        },
        new Uint8Array([0, 0]),
      );
      await storage.search.indexBoard(id, boardEntries(b, opts.cardsPerBoard, next, vocab), at);
    }
    const indexMs = performance.now() - began;
    console.log(
      `search bench: indexed ${opts.boards} boards × ${opts.cardsPerBoard} cards in ${(indexMs / 1000).toFixed(1)} s (${(indexMs / opts.boards).toFixed(1)} ms a board)`,
    );
    const scope = { boardIds: ids };
    const rows: SearchBenchRow[] = [];
    for (const q of ['customer', 'zebracorn', 'onb', 'checkout waiting', vocab[0]!.slice(0, 3)]) {
      const terms = parseSearchQuery(q);
      const times: number[] = [];
      let hits = 0;
      for (let i = 0; i < opts.runsPerQuery; i++) {
        const t0 = performance.now();
        hits = (await storage.search.search(terms, scope, 20)).length;
        times.push(performance.now() - t0);
      }
      times.sort((a, b) => a - b);
      rows.push({
        query: q,
        hits,
        p50: percentile(times, 50),
        p95: percentile(times, 95),
        max: times[times.length - 1]!,
      });
    }
    console.log(
      '\n| query | hits (limit 20) | p50 ms | p95 ms | max ms |\n| --- | --: | --: | --: | --: |',
    );
    for (const r of rows)
      console.log(
        `| \`${r.query}\` | ${r.hits} | ${r.p50.toFixed(1)} | ${r.p95.toFixed(1)} | ${r.max.toFixed(1)} |`,
      );
    return { indexMs, rows };
  } finally {
    await storage.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
