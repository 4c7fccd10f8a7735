/**
 * The metrics ingestion API's work (W258–W263): rows checked one by one (every problem named by
 * row and field), boards checked against the workspace and the caller's role, touchpoints
 * resolved by card id or external key on the live board, then the good rows written through
 * the live room (`Boards.changeLive`), one transaction per board, with the server's origin.
 */
import type * as Y from 'yjs';
import { z } from 'zod';
import { cesMethodOf, readMeta } from '../shared/model/board.js';
import { boardRoots } from '../shared/model/doc.js';
import { cardByExternalKey } from '../shared/model/externalKey.js';
import { isYMap } from '../shared/model/read.js';
import {
  pointKey,
  pointProblems,
  writeMetricPoints,
  type MetricPointInput,
  type PointWrite,
} from '../shared/model/metricSeries.js';
import type { CesMethod } from '../shared/model/schema.js';
import { atLeast, type Role } from '../shared/protocol/roles.js';
import { SERVER_ORIGIN } from './updateOrigin.js';

/** At most this many rows per request: a nightly job sends several batches (413 beyond). */
export const METRICS_BATCH_MAX_ROWS = 5_000;

/** A batch's body is at most this large (a row is well under 800 bytes; 413 beyond). */
export const METRICS_BODY_LIMIT_BYTES = 4 << 20;

const named = (field: string, what: string) => ({ error: `${field} must be ${what}` });
/** The shape of a row; its values are `pointProblems`' to judge, so each is named alike. */
const rowShape = z.strictObject({
  board: z.string(named('board', 'a board id')).min(1, named('board', 'a board id')).max(64),
  touchpoint: z
    .string(named('touchpoint', 'a card id or external key'))
    .min(1, named('touchpoint', 'a card id or external key'))
    .max(100, named('touchpoint', 'at most 100 characters')),
  metric: z.unknown(),
  value: z.unknown(),
  n: z.unknown().optional(),
  method: z.unknown().optional(),
  periodStart: z.unknown(),
  periodEnd: z.unknown(),
  source: z.unknown(),
});

export interface MetricRow extends MetricPointInput {
  board: string;
  touchpoint: string;
}

export interface RejectedRow {
  /** The row's index in `rows`. */
  row: number;
  /** The field at fault, when one is. */
  field?: string;
  /** Complete, e.g. `rows[3].value: CSAT must be 0–100`. */
  message: string;
}

export interface IngestAnswer {
  written: number;
  unchanged: number;
  rejected: RejectedRow[];
}

/** What the ingestion needs of the server: the workspace's boards, roles, the live rooms. */
export interface IngestDeps {
  /** The workspace a board belongs to (null: none, or no such board). */
  boardWorkspace(boardId: string): Promise<string | null>;
  /** The caller's role on a board, or null when they have none. */
  roleOn(boardId: string): Promise<Role | null>;
  /** Runs `change` on the board's live doc; null when there is no such board. */
  changeLive<T>(boardId: string, change: (doc: Y.Doc) => T): Promise<{ value: T } | null>;
}

class Rejections {
  readonly list: RejectedRow[] = [];
  readonly rows = new Set<number>();
  add(row: number, field: string | undefined, problem: string): void {
    const at = field === undefined ? `rows[${row}]` : `rows[${row}].${field}`;
    const item: RejectedRow = { row, message: `${at}: ${problem}` };
    if (field !== undefined) item.field = field;
    this.list.push(item);
    this.rows.add(row);
  }
}

/** Shape and range of each row on its own; the sound ones come back typed. */
function checkRows(rows: readonly unknown[], out: Rejections): Map<number, MetricRow> {
  const good = new Map<number, MetricRow>();
  rows.forEach((raw, i) => {
    const parsed = rowShape.safeParse(raw);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.map(String).join('.');
        if (issue.code === 'unrecognized_keys')
          out.add(i, undefined, `unknown field ${issue.keys.map((k) => `'${k}'`).join(', ')}`);
        else out.add(i, field || undefined, field ? issue.message : 'a row must be an object');
      }
      return;
    }
    // W250: a CES row without `method` takes its board's, so its range is judged once that is
    // known (resolveTouchpoints); every other problem is named now.
    const deferred = parsed.data.metric === 'ces' && parsed.data.method === undefined;
    const problems = pointProblems(parsed.data).filter((p) => !deferred || p.field !== 'value');
    for (const p of problems) out.add(i, p.field, p.message);
    if (problems.length === 0) good.set(i, parsed.data as MetricRow);
  });
  return good;
}

/** Boards outside the workspace, unknown, or not editable by the caller refuse their rows. */
async function checkBoards(
  deps: IngestDeps,
  workspaceId: string,
  rows: Map<number, MetricRow>,
  out: Rejections,
): Promise<void> {
  const verdict = new Map<string, string | null>();
  for (const board of new Set([...rows.values()].map((r) => r.board))) {
    // Unknown and another workspace's boards get one answer: nothing is learnt of the others.
    if ((await deps.boardWorkspace(board)) !== workspaceId) {
      verdict.set(board, `no board '${board}' in this workspace`);
      continue;
    }
    const role = await deps.roleOn(board);
    verdict.set(
      board,
      role && atLeast(role, 'editor')
        ? null
        : `you cannot edit board '${board}' (this needs the editor role; you are ${role ?? 'not a member of it'})`,
    );
  }
  for (const [i, row] of rows) {
    const problem = verdict.get(row.board);
    if (problem) {
      out.add(i, 'board', problem);
      rows.delete(i);
    }
  }
}

/** The card a row's touchpoint names on the doc: its id, or the card holding it as external key. */
function resolveCard(doc: Y.Doc, touchpoint: string): string | undefined {
  if (isYMap(boardRoots(doc).cards.get(touchpoint))) return touchpoint;
  return cardByExternalKey(doc, touchpoint);
}

/** A CES row without `method` takes the board's (W250); other rows are as sent. */
function withMethod(point: MetricPointInput, boardMethod: CesMethod): MetricPointInput {
  if (point.metric !== 'ces' || point.method !== undefined) return point;
  return { ...point, method: boardMethod };
}

/** Rows grouped by board, with their card resolved; unknown touchpoints and duplicates refused. */
async function resolveTouchpoints(
  deps: IngestDeps,
  rows: Map<number, MetricRow>,
  out: Rejections,
): Promise<Map<string, Map<number, PointWrite>>> {
  const byBoard = new Map<string, [number, MetricRow][]>();
  for (const [i, row] of rows)
    byBoard.set(row.board, [...(byBoard.get(row.board) ?? []), [i, row]]);
  const resolved = new Map<string, Map<number, PointWrite>>();
  for (const [board, list] of byBoard) {
    const points = new Map<number, PointWrite>();
    const seen = new Map<string, number>();
    const done = await deps.changeLive(board, (doc) => {
      const boardMethod = cesMethodOf(readMeta(doc));
      for (const [i, { board: _board, touchpoint, ...row }] of list) {
        const point = withMethod(row, boardMethod);
        const problem = point === row ? undefined : pointProblems({ ...point })[0];
        if (problem) {
          out.add(i, problem.field, `${problem.message}, the board's CES method`);
          continue;
        }
        const cardId = resolveCard(doc, touchpoint);
        if (cardId === undefined) {
          out.add(
            i,
            'touchpoint',
            `no card with the id or external key '${touchpoint}' on board '${board}'`,
          );
          continue;
        }
        const key = `${cardId}|${pointKey(point)}`;
        const first = seen.get(key);
        if (first !== undefined) {
          out.add(i, undefined, `the same touchpoint, metric, period and source as rows[${first}]`);
          continue;
        }
        seen.set(key, i);
        points.set(i, { cardId, ...point });
      }
    });
    if (!done) for (const [i] of list) out.add(i, 'board', `no board '${board}' in this workspace`);
    else resolved.set(board, points);
  }
  return resolved;
}

/**
 * Checks every row and, when none is bad or `partial` is set, writes the sound ones. A row that
 * duplicates an earlier one refuses the later row only.
 */
export async function ingestMetrics(
  deps: IngestDeps,
  workspaceId: string,
  rows: readonly unknown[],
  partial: boolean,
): Promise<IngestAnswer> {
  const out = new Rejections();
  const good = checkRows(rows, out);
  await checkBoards(deps, workspaceId, good, out);
  const resolved = await resolveTouchpoints(deps, good, out);
  const answer: IngestAnswer = { written: 0, unchanged: 0, rejected: out.list };
  const byRow = (a: RejectedRow, b: RejectedRow) => a.row - b.row;
  if (out.list.length > 0 && !partial) {
    answer.rejected.sort(byRow);
    return answer;
  }
  const writtenAt = new Date().toISOString();
  for (const [board, points] of resolved) {
    const sound = [...points].filter(([i]) => !out.rows.has(i));
    if (sound.length === 0) continue;
    const done = await deps.changeLive(board, (doc) => {
      // A card deleted since the rows were resolved refuses its rows, not the batch.
      const cards = boardRoots(doc).cards;
      const standing = sound.filter(([i, p]) => {
        if (isYMap(cards.get(p.cardId))) return true;
        out.add(i, 'touchpoint', `card '${p.cardId}' was deleted before the row was written`);
        return false;
      });
      return writeMetricPoints(
        doc,
        standing.map(([, p]) => p),
        writtenAt,
        SERVER_ORIGIN,
      );
    });
    if (done) {
      answer.written += done.value.written;
      answer.unchanged += done.value.unchanged;
    }
  }
  answer.rejected.sort(byRow);
  return answer;
}
