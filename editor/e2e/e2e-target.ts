/**
 * Where the end-to-end tests run: a server already running when E2E_BASE_URL (and E2E_API_KEY)
 * are set; otherwise the real `relief serve` (PGlite in memory) with the freshly built editor.
 * Also Chromium and screenshots.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import type { Browser, Page } from 'playwright-core';
import { createE2eDatabase } from './e2e-database.js';
import type { E2eDatabase } from './e2e-database.js';
import { startReliefServer } from './relief-server.js';

const editorDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Debian's Chromium (installed by `.ci/run`). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Where screenshots go (git-ignored, kept by the test run). */
export const SCREENSHOTS = resolve(editorDir, '..', 'test-results', 'screenshots');

/**
 * Build the editor (`vite build`) so the tests see the current source: once per test run, even
 * when several end-to-end files start at the same time (a lock folder; a stamp names the run).
 */
export function buildEditor(): string {
  const dist = join(editorDir, 'dist');
  const lock = join(editorDir, '.e2e-build.lock');
  const stamp = join(dist, `.e2e-built-${process.ppid}`);
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() - started > 180_000) rmdirSync(lock);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 200);
    }
  }
  try {
    if (!existsSync(stamp)) {
      execFileSync(
        process.execPath,
        [join(editorDir, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'],
        // A production build whatever the test runner set (vitest sets NODE_ENV=test, which
        // would give React's development build: several times larger and slower).
        { cwd: editorDir, stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } },
      );
      writeFileSync(stamp, '');
    }
  } finally {
    rmdirSync(lock);
  }
  return dist;
}

/** The server under test (PGlite in memory, or a fresh PostgreSQL database), its key, and how to stop it. */
export async function startTarget(database: E2eDatabase = 'pglite'): Promise<{
  url: string;
  key: string;
  close: () => Promise<void>;
}> {
  if (process.env.E2E_BASE_URL)
    return {
      url: process.env.E2E_BASE_URL.replace(/\/$/, ''),
      key: process.env.E2E_API_KEY ?? '',
      close: () => Promise.resolve(),
    };
  buildEditor();
  if (database === 'pglite') return startReliefServer();
  const created = await createE2eDatabase();
  const server = await startReliefServer(created.url).catch(async (error: unknown) => {
    await created.drop();
    throw error;
  });
  return {
    ...server,
    async close() {
      await server.close();
      await created.drop();
    },
  };
}

/** Headless Chromium with the flags this machine needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
}

/** Save a screenshot of the page under test-results/screenshots/. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Whether Chromium is installed here (CI installs it; elsewhere the suite says why it skips). */
export const hasChromium = existsSync(CHROMIUM);

/**
 * When the editor benchmarks stop the clock: every state drawn, the layout's routes in, and an edge
 * label placed on its route (one condition for `bench-editor.ts` and its A/B, so both measure the same).
 */
export const GRAPH_DRAWN = `document.querySelectorAll(".react-flow__node").length >= window.benchExpected &&
  window.reliefEditor.store.getState().routes.size > 0 &&
  document.querySelector(".edge-label[data-routed]") !== null`;
