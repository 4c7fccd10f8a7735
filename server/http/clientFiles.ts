import express from 'express';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sendError } from './errors.js';

/** The package root, found from this module whether it runs from `server/` or `dist/server/`. */
function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('package.json not found above the server');
    dir = parent;
  }
  return dir;
}

/** The built client (`vite build` output), or null when it has not been built. */
export function clientDir(configured?: string): string | null {
  const dir = configured ? path.resolve(configured) : path.join(packageRoot(), 'dist', 'client');
  return existsSync(path.join(dir, 'index.html')) ? dir : null;
}

/** The account pages of the client (client/src/router.ts), served as the app shell too. */
const ACCOUNT_PAGES = [
  'signin',
  'setup',
  'signup',
  'reset',
  'unsubscribe',
  'account',
  'workspace',
] as const;

/** Static files with long caching for hashed assets, and the app shell for client routes. */
export function clientRouter(dir: string): express.Router {
  const router = express.Router();
  const assets = express.static(path.join(dir, 'assets'), {
    immutable: true,
    maxAge: '1y',
    fallthrough: false,
  });
  // serve-static answers other methods itself with an empty 405; ours carries the JSON error.
  router.use('/assets', (req, res, next) =>
    req.method === 'GET' || req.method === 'HEAD'
      ? assets(req, res, next)
      : sendError(res.set('Allow', 'GET, HEAD'), 405, `${req.method} is not allowed on files`),
  );
  router.use(express.static(dir, { index: false, maxAge: 0 }));
  const shell = (_req: express.Request, res: express.Response) => {
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(path.join(dir, 'index.html'));
  };
  router.get('/', shell);
  router.get('/b/:boardId', shell);
  for (const page of ACCOUNT_PAGES) router.get(`/${page}`, shell);
  return router;
}
