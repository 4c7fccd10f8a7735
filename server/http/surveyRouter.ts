import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { readSurvey } from '../../shared/model/survey.js';
import { applySurveyImport, previewSurvey } from '../../shared/model/surveyImport.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import type { ActivityRecorder } from '../activity/recorder.js';
import type { Boards } from '../boards.js';
import { JoinRefused } from '../sync/roomRegistry.js';
import { sendError } from './errors.js';

/** A blank header means "not mapped", as a dialog's empty choice sends it. */
const header = z.string().trim().max(500).optional();

/** Field → CSV header; the same keys as SurveyMapping in shared/model/surveyMapping.ts. */
export const surveyMappingSchema = z.strictObject({
  touchpoint: header,
  stage: header,
  channel: header,
  csat: header,
  ces: header,
  resolved_first_contact: header,
  date: header,
  comment: header,
});

export const surveyPreviewBody = z.strictObject({
  csv: z.string(),
  mapping: surveyMappingSchema.optional(),
  createMissing: z.boolean().optional(),
});

export const surveyImportBody = z.strictObject({
  csv: z.string(),
  mapping: surveyMappingSchema,
  source: z.string().trim().min(1, 'source must not be empty').max(200),
  maxQuotes: z.number().int().min(0).max(10).optional(),
  createMissing: z.boolean().optional(),
  /** Self-declared name for the activity feed (there are no accounts). */
  author: z.string().trim().min(1).max(100).optional(),
});

type Params = { id: string };

/** The role the boards router's guard found for this request's token. */
const roleOf = (res: Response): string | null =>
  typeof res.locals.role === 'string' ? res.locals.role : null;

function badBody(
  res: Response,
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
) {
  const list = issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
  sendError(res, 400, `invalid ${list[0]?.path}: ${list[0]?.message}`, { issues: list });
}

/**
 * Voice-of-customer CSV import under `/api/boards/:id/survey` (editor or above; the boards
 * router checks the role and parses JSON within its body limit). Preview reads the board;
 * import validates first and writes nothing on any error, then applies the whole file in one
 * transaction on the live room, so connected clients see the metrics arrive.
 */
export function surveyRouter(deps: {
  boards: Boards;
  activity?: ActivityRecorder;
}): express.Router {
  const { boards } = deps;
  const router = express.Router({ mergeParams: true });

  router.post('/preview', async (req: Request<Params>, res) => {
    const parsed = surveyPreviewBody.safeParse(req.body ?? {});
    if (!parsed.success) return badBody(res, parsed.error.issues);
    const board = await boards.exportJson(req.params.id);
    if (!board) return sendError(res, 404, `no board with id '${req.params.id}'`);
    const { csv, mapping, createMissing } = parsed.data;
    const preview = previewSurvey(csv, { mapping, board, createMissing });
    res.json(preview);
  });

  router.post('/import', async (req: Request<Params>, res) => {
    const parsed = surveyImportBody.safeParse(req.body ?? {});
    if (!parsed.success) return badBody(res, parsed.error.issues);
    const { csv, mapping, author, ...options } = parsed.data;
    // Validated before the room is touched: a bad file never loads or changes the board.
    const checked = readSurvey(csv, mapping);
    if (checked.errorCount > 0) {
      const more = checked.errorCount > 1 ? ` (and ${checked.errorCount - 1} more)` : '';
      return sendError(res, 400, `${checked.errors[0]!.message}${more}`, {
        errors: checked.errors,
        errorCount: checked.errorCount,
      });
    }
    let outcome;
    try {
      const change = () =>
        boards.changeLive(req.params.id, (doc) =>
          applySurveyImport(doc, checked, mapping, options),
        );
      const act = { via: 'survey-import', author, role: roleOf(res) } as const;
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
    const result = outcome.value;
    if (!result.ok) {
      return sendError(res, 400, result.errors[0]!.message, {
        errors: result.errors,
        errorCount: result.errorCount,
      });
    }
    res.json(result.report);
  });

  return router;
}
