/**
 * Vitest global setup for the browser tests: builds the client (dist/client) once per run, so
 * the e2e tests always drive the current code. Skipped when no e2e file is part of the run
 * (`vitest run test/unit` does not pay for a client build).
 */
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from '../helpers/server.js';

const E2E_DIR = path.join(ROOT, 'test', 'e2e') + path.sep;

/** Whether any e2e test file is selected by this run's file filters (all files when none). */
async function e2eSelected(project: TestProject): Promise<boolean> {
  // `filenamePattern` holds the CLI file filters; it is internal, so when it is missing (a
  // Vitest upgrade renamed it) fall back to building: a wasted build beats testing stale code.
  const vitest = project.vitest as unknown as { filenamePattern?: string[] };
  if (!('filenamePattern' in vitest)) return true;
  const { testFiles } = await project.globTestFiles(vitest.filenamePattern ?? []);
  return testFiles.some((file) => path.resolve(file).startsWith(E2E_DIR));
}

export default async function setup(project: TestProject): Promise<void> {
  if (process.env.E2E_SKIP_BUILD === '1' || !(await e2eSelected(project))) return;
  const { build } = await import('vite');
  const started = performance.now();
  // Vitest sets NODE_ENV=test; Vite derives `import.meta.env.PROD` from NODE_ENV, and the
  // service worker (offline shell) is only registered in a production build.
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build({
      configFile: path.join(ROOT, 'client', 'vite.config.ts'),
      mode: 'production',
      logLevel: 'warn',
    });
  } catch (err) {
    throw new Error(
      `e2e: building the client failed, so the browser tests cannot run:\n${String(err)}`,
      { cause: err },
    );
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(`e2e: client built into dist/client in ${seconds} s`);
}
