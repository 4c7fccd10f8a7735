import express, { type Request, type Response } from 'express';
import { writeSurveyImport } from '../../shared/model/surveyImport.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { ActivityRecorder } from '../activity/recorder.js';
import type { Boards } from '../boards.js';
import type { JobPool } from '../imports/jobPool.js';
import type { BoardState } from '../imports/jobs.js';
import { JoinRefused } from '../sync/index.js';
import { sendError } from './errors.js';
import { INLINE_BELOW_BYTES, readJobBody, runBodyJob } from './importBodies.js';
import { vouchedAuthor } from './vouchedAuthor.js';

type Params = { id: string };

/** The role the boards router's guard found for this request's token. */
const roleOf = (res: Response): string | null =>
  typeof res.locals.role === 'string' ? res.locals.role : null;

/**
 * Voice-of-customer CSV import under `/api/boards/:id/survey` (editor or above; the boards
 * router checks the role). Bodies are read as bytes and parsed, validated and previewed in an
 * import worker when large (server/imports), so a 9 MB file stalls no one. Preview reads the board;
 * import validates and plans first and writes nothing on any error, then writes the whole file
 * in one transaction on the live room, so connected clients see the metrics arrive.
 */
export function surveyRouter(deps: {
  boards: Boards;
  imports: JobPool;
  jsonLimitBytes: number;
  activity?: ActivityRecorder;
}): express.Router {
  const { boards } = deps;
  const router = express.Router({ mergeParams: true });
  const limit = { bytes: deps.jsonLimitBytes, tooLarge: 'request body is too large' };

  /** The board as it is now, for a job; answers 404 (before any body is read) when there is none. */
  const boardFor = async (req: Request<Params>, res: Response) => {
    const board = await boards.state(req.params.id);
    if (!board) sendError(res, 404, `no board with id '${req.params.id}'`);
    return board;
  };
  /** Small enough to run in line: a small body against a small board. */
  const inline = (body: Uint8Array, board: BoardState) =>
    [board.snapshot, ...board.updates].reduce((sum, u) => sum + (u?.byteLength ?? 0), 0) +
      body.byteLength <
    INLINE_BELOW_BYTES;

  router.post('/preview', async (req: Request<Params>, res) => {
    const board = await boardFor(req, res);
    if (!board) return;
    const read = await readJobBody(req, res, deps.imports, limit);
    if (!read) return;
    const input = { body: read.body, board };
    const done = await runBodyJob(
      res,
      deps.imports,
      read,
      'survey-preview',
      input,
      inline(read.body, board),
    );
    if (done) res.json(done.preview);
  });

  router.post('/import', async (req: Request<Params>, res) => {
    const board = await boardFor(req, res);
    if (!board) return;
    const read = await readJobBody(req, res, deps.imports, limit);
    if (!read) return;
    // Parsed, validated and planned off the event loop; a bad file never changes the board.
    const input = { body: read.body, board };
    const planned = await runBodyJob(
      res,
      deps.imports,
      read,
      'survey-plan',
      input,
      inline(read.body, board),
    );
    if (!planned) return;
    const { report, source, author } = planned;
    let outcome;
    try {
      // Written on the board as it is now: edits made while the plan was made are kept.
      const change = () =>
        boards.changeLive(req.params.id, (doc) => writeSurveyImport(doc, report, { source }));
      const act = {
        via: 'survey-import',
        author: vouchedAuthor(res, author),
        role: roleOf(res),
      } as const;
      outcome = deps.activity
        ? await deps.activity.during(req.params.id, act, change)
        : await change();
    } catch (err) {
      if (err instanceof JoinRefused) {
        return sendError(res, err.code === CloseCode.NOT_FOUND ? 404 : 503, err.message);
      }
      throw err;
    }
    if (!outcome) return sendError(res, 404, `no board with id '${req.params.id}'`);
    res.json(report);
  });

  return router;
}
