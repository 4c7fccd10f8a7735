/**
 * The fixture every browser test file shares: one real server on a fresh data directory and
 * one Chromium for the whole file, a browser context per person in a test (closed after it,
 * whatever happened), and whatever else a test opens (other servers, proxies) likewise closed.
 */
import type { Browser, BrowserContext, BrowserContextOptions } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { RunningServer } from '../../server/server.js';
import { removeDir, startTestServer, tempDataDir } from '../helpers/server.js';
import { launchBrowser, newContext } from './browser.js';

export interface BrowserSuiteOptions {
  /** Options for every person's context (e.g. `acceptDownloads`). */
  contextOptions?: BrowserContextOptions;
}

/** Anything a test opens and must be closed after it. */
export interface Closable {
  close(): Promise<unknown>;
}

export interface BrowserSuite {
  /** The base URL of the file's server (started before its first test). */
  readonly url: string;
  readonly browser: Browser;
  /** The server's data directory; tests may also write scratch files below it. */
  readonly dataDir: string;
  /**
   * A fresh profile for one person on one device, who has already told the app their name
   * (`userName`, or "Tester N"); closed after the running test.
   */
  person(userName?: string): Promise<BrowserContext>;
  /**
   * Closes `resource` after the running test, once its people's contexts are closed (so no
   * page is still talking to a server or proxy being stopped).
   */
  closeAfterTest(resource: Closable): void;
  /**
   * Another server on its own data directory, e.g. with other settings (`env` as for
   * `startTestServer`); stopped and its data removed after the running test.
   */
  extraServer(env: Record<string, string>): Promise<RunningServer>;
}

/** Registers the file's hooks; call once at the top level of an e2e test file. */
export function browserSuite(options: BrowserSuiteOptions = {}): BrowserSuite {
  let dataDir: string | undefined;
  let server: RunningServer | undefined;
  let browser: Browser | undefined;
  let contexts: BrowserContext[] = [];
  let resources: Closable[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir);
    browser = await launchBrowser();
  }, 60_000);

  afterEach(async () => {
    // A context may already be closed, or its browser gone: that is no failure of the test.
    await Promise.all(contexts.map((c) => c.close().catch(() => undefined)));
    contexts = [];
    await Promise.all(resources.map((r) => r.close()));
    resources = [];
  });

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dataDir) removeDir(dataDir);
  }, 30_000);

  /** The value `beforeAll` set; a clear error when a test file uses it outside a test. */
  function started<T>(value: T | undefined, what: string): T {
    if (value === undefined) throw new Error(`e2e suite: no ${what} yet (used before beforeAll?)`);
    return value;
  }

  const suite: BrowserSuite = {
    get url() {
      return started(server, 'server').url;
    },
    get browser() {
      return started(browser, 'browser');
    },
    get dataDir() {
      return started(dataDir, 'data directory');
    },
    async person(userName) {
      const context = await newContext(suite.browser, { ...options.contextOptions, userName });
      contexts.push(context);
      return context;
    },
    closeAfterTest(resource) {
      resources.push(resource);
    },
    async extraServer(env) {
      const dir = tempDataDir();
      const extra = await startTestServer(dir, env);
      suite.closeAfterTest({
        close: async () => {
          await extra.stop();
          removeDir(dir);
        },
      });
      return extra;
    },
  };
  return suite;
}
