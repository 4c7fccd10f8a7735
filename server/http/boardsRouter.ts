import express, { type Request, type Response } from 'express';
import { parseBoardJson } from '../../shared/model/json.js';
import { type Boards, createBoardBody, updateBoardBody } from '../boards.js';
import { sendError } from './errors.js';

function refuse(res: Response, issues: { path: string; message: string }[]): void {
  sendError(res, 400, `invalid ${issues[0]?.path}: ${issues[0]?.message}`, { issues });
}

function fieldIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  return issues.map((i) => ({
    path: i.path.map(String).join('.') || '(body)',
    message: i.message,
  }));
}

/** The boards REST API: JSON in, JSON out, every refusal with the field at fault. */
export function boardsRouter(boards: Boards, jsonLimitBytes: number): express.Router {
  const router = express.Router();
  router.use(express.json({ limit: jsonLimitBytes }));

  router.get('/', async (_req, res) => {
    res.json({ boards: await boards.list() });
  });

  router.post('/', async (req: Request, res: Response) => {
    const parsed = createBoardBody.safeParse(req.body ?? {});
    if (!parsed.success) return refuse(res, fieldIssues(parsed.error.issues));
    const { id, title, mapType, createdAt } = await boards.create(parsed.data);
    res.status(201).location(`/api/boards/${id}`).json({ id, title, mapType, createdAt });
  });

  router.post('/import', async (req, res) => {
    const parsed = parseBoardJson(req.body);
    if (!parsed.ok) {
      const first = parsed.issues[0];
      sendError(res, 400, `invalid board JSON at ${first?.path}: ${first?.message}`, {
        issues: parsed.issues,
      });
      return;
    }
    const { id, title, mapType, createdAt } = await boards.import(parsed.board);
    res.status(201).location(`/api/boards/${id}`).json({ id, title, mapType, createdAt });
  });

  router.get('/:id', async (req, res) => {
    const json = await boards.exportJson(req.params.id);
    if (!json) return sendError(res, 404, `no board with id '${req.params.id}'`);
    res.json(json);
  });

  router.patch('/:id', async (req, res) => {
    const parsed = updateBoardBody.safeParse(req.body ?? {});
    if (!parsed.success) return refuse(res, fieldIssues(parsed.error.issues));
    const board = await boards.updateMeta(req.params.id, parsed.data);
    if (!board) return sendError(res, 404, `no board with id '${req.params.id}'`);
    res.json(board);
  });

  router.delete('/:id', async (req, res) => {
    if (!(await boards.delete(req.params.id)))
      return sendError(res, 404, `no board with id '${req.params.id}'`);
    res.status(204).end();
  });

  return router;
}
