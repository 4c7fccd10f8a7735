/**
 * Large REST bodies (issue 13, item 5): an unauthenticated board import of 34,000 cards (valid,
 * and invalid at its very end), the same import with a token, and a 9 MB survey CSV previewed
 * with an editor link.
 */
import type { BoardJson } from '../../../shared/model/index.js';
import { bigBoardJson } from '../generator/boardData.js';
import { ADMIN_TOKEN } from '../servers.js';
import { megabytes, seconds } from './clients.js';
import type { Attack, AttackContext, AttackOutcome } from './harness.js';

const IMPORT_CARDS = 34_000;
const CSV_BYTES = 9_000_000;

let cachedBoard: BoardJson | null = null;
/** Built once per run: every import attack sends the same board. */
const importBoard = () => (cachedBoard ??= bigBoardJson(IMPORT_CARDS));

async function post(
  ctx: AttackContext,
  path: string,
  body: string,
  token?: string,
): Promise<AttackOutcome> {
  await ctx.begin();
  const start = performance.now();
  let status: string;
  try {
    const res = await fetch(`${ctx.http}${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      body,
    });
    await res.arrayBuffer();
    status = String(res.status);
  } catch (err) {
    status = `no answer (${(err as Error).message})`;
  }
  const took = performance.now() - start;
  if (!(await ctx.survived())) status = `**process down** (${status})`;
  return {
    outcome: `HTTP ${status}`,
    details: { body: megabytes(Buffer.byteLength(body)), answered: `in ${seconds(took)}` },
  };
}

export const bigImport: Attack = {
  id: 'A6a',
  title: `REST: unauthenticated import of ${IMPORT_CARDS.toLocaleString('en-US')} cards`,
  run: (ctx) => post(ctx, '/api/boards/import', JSON.stringify(importBoard())),
};

export const invalidImport: Attack = {
  id: 'A6b',
  title: `REST: unauthenticated invalid import of the same size (last card's stage unknown)`,
  run: (ctx) => {
    const board = structuredClone(importBoard());
    board.cards[board.cards.length - 1]!.stageId = 'no-such-stage';
    return post(ctx, '/api/boards/import', JSON.stringify(board));
  },
};

/** With a token, the size anonymous requests may not send goes to the import worker. */
export const tokenImport: Attack = {
  id: 'A6d',
  title: `REST: import of ${IMPORT_CARDS.toLocaleString('en-US')} cards with the admin token`,
  run: (ctx) => post(ctx, '/api/boards/import', JSON.stringify(importBoard()), ADMIN_TOKEN),
};

/** RFC 4180 field: always quoted, quotes doubled. */
const field = (text: string) => `"${text.replaceAll('"', '""')}"`;

/** A survey export of about `bytes`, its rows naming the board's own touchpoints. */
async function surveyCsv(ctx: AttackContext, boardId: string, bytes: number): Promise<string> {
  const res = await fetch(`${ctx.http}/api/boards/${boardId}`, {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
  });
  const board = (await res.json()) as BoardJson;
  const touchLanes = new Set(board.lanes.filter((l) => l.kind === 'touchpoints').map((l) => l.id));
  const stageName = new Map(board.stages.map((s) => [s.id, s.name]));
  const points = board.cards
    .filter((c) => touchLanes.has(c.laneId))
    .map((c) => ({ text: c.text, stage: stageName.get(c.stageId) ?? '' }));
  if (points.length === 0) throw new Error('the template board has no touchpoint cards');
  const lines = ['Touchpoint,Journey stage,Satisfaction,Effort,Resolved,Date,Comment'];
  let size = lines[0]!.length;
  for (let i = 0; size < bytes; i++) {
    const p = points[i % points.length]!;
    const day = String(1 + (i % 28)).padStart(2, '0');
    const line = [
      field(p.text),
      field(p.stage),
      1 + (i % 5),
      1 + (i % 7),
      i % 3 ? 'yes' : 'no',
      `2024-09-${day}`,
      field(`Response ${i}: the agent answered but I had to repeat my account number`),
    ].join(',');
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

export const bigSurveyPreview: Attack = {
  id: 'A6c',
  title: 'REST: 9 MB survey CSV preview (editor)',
  run: async (ctx) => {
    const res = await fetch(`${ctx.http}/api/boards`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_TOKEN}` },
      body: JSON.stringify({ title: 'Survey target', template: 'current-state' }),
    });
    const created = (await res.json()) as { id: string; tokens: { editor: string } };
    const csv = await surveyCsv(ctx, created.id, CSV_BYTES);
    const outcome = await post(
      ctx,
      `/api/boards/${created.id}/survey/preview`,
      JSON.stringify({ csv }),
      created.tokens.editor,
    );
    const rows = csv.split('\n').length - 1;
    return { ...outcome, details: { ...outcome.details, rows: rows.toLocaleString('en-US') } };
  },
};
