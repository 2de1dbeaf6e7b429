/**
 * The setup the Chromium e2e files share: the server under test, Chromium with one context and
 * its page (page errors collected, optionally what the Content-Security-Policy blocks), the
 * databases a console journey runs on and where its screenshots go, and the Design area's first
 * steps (paste the owner's key, open a template from the server).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { expect } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { gateSuite, missingTestDatabase } from '@relief/engine/testing';
import type { E2eDatabase } from './e2e-database.js';
import { SCREENSHOTS, launchChromium, startTarget } from './e2e-target.js';
import { recordCspViolations, seedTemplate } from './page-helpers.js';

/** The server under test: its origin, the owner's key, and how to stop it. */
export type Target = Awaited<ReturnType<typeof startTarget>>;

/** Chromium, the context the tests run in, and its first page. */
export interface Chromium {
  browser: Browser;
  context: BrowserContext;
  page: Page;
}

/** Options of a context, and `csp`: also record what the Content-Security-Policy blocks. */
export type PageOptions = BrowserContextOptions & { csp?: boolean };

/**
 * A new context of `browser` and its page, 1366×768 unless `options` say otherwise. Page errors
 * go to `errors`; with `csp`, so does anything the page's Content-Security-Policy blocks.
 */
export async function openPage(
  browser: Browser,
  errors: string[],
  { csp = false, ...options }: PageOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, ...options });
  if (csp) await recordCspViolations(context, errors);
  const page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page };
}

/** Launch Chromium and open one page (see `openPage`). */
export async function openChromium(errors: string[], options: PageOptions = {}): Promise<Chromium> {
  const browser = await launchChromium();
  return { browser, ...(await openPage(browser, errors, options)) };
}

/** Polls patiently: CI runs the e2e files beside the other suites on two cores. */
export function eventually<T>(
  fn: () => T | Promise<T>,
  timeout = 20_000,
): ReturnType<typeof expect.poll<T>> {
  return expect.poll(fn, { timeout, interval: 100 });
}

/**
 * How the console's pages are opened: in Chinese, downloads kept, and anything the
 * Content-Security-Policy (served without 'unsafe-eval') blocks, an `eval` in a form's validator
 * say, fails the journey.
 */
export const CONSOLE_PAGE: PageOptions = { locale: 'zh-CN', acceptDownloads: true, csp: true };

/**
 * Call the server's API as `key`: a GET without `body`, else a POST of `body` (a string is sent as
 * YAML, anything else as JSON). A refusal throws with its status and text.
 */
export async function callApi<T>(
  target: Target,
  key: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${target.url}/api/v1${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      Authorization: `Bearer ${key}`,
      'Content-Type': typeof body === 'string' ? 'application/yaml' : 'application/json',
    },
    body: typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

/** The street office's admin key (may start programmes in Putuo and review as the committee). */
export async function putuoAdminKey(target: Target): Promise<string> {
  const made = await callApi<{ key: string }>(target, target.key, '/keys', {
    roles: ['admin', 'committee'],
    district: 'sh/putuo',
    label: '普陀区民政',
  });
  return made.key;
}

/** PGlite always; PostgreSQL too when `TEST_DATABASE_URL` is set (required under CI). */
export function e2eDatabases(suite: string): E2eDatabase[] {
  return gateSuite(`${suite} on PostgreSQL`, missingTestDatabase())
    ? ['pglite', 'postgres']
    : ['pglite'];
}

/**
 * A screenshot taker for a console journey on `database`: the PGlite run's pictures go to
 * docs/console/ with `DOCS_SHOTS=1`, otherwise to test-results/screenshots/<folder>[-postgres].
 */
export function consoleShots(database: E2eDatabase, folder: string, page: () => Page) {
  const dir =
    process.env.DOCS_SHOTS && database === 'pglite'
      ? resolve(import.meta.dirname, '..', '..', 'docs', 'console')
      : join(SCREENSHOTS, database === 'pglite' ? folder : `${folder}-postgres`);
  return async (name: string, p: Page = page()) => {
    mkdirSync(dir, { recursive: true });
    await p.waitForTimeout(150);
    await p.screenshot({ path: join(dir, `${name}.png`) });
  };
}

/** How far the page scrolls sideways (0 or less: it fits the screen's width). */
export const sidewaysScroll = (p: Page) =>
  p.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

/** Close Chromium, then stop the server (each only if it started). */
export async function closeAll(browser: Browser | undefined, target: Target | undefined) {
  await browser?.close();
  await target?.close();
}

/**
 * The Design area's setup: the server with `template` published as love-meals' v1 (when given),
 * and Chromium's page (see `openChromium`).
 */
export async function startDesign(
  errors: string[],
  { template, ...options }: PageOptions & { template?: string } = {},
): Promise<Chromium & { target: Target }> {
  const target = await startTarget();
  if (template !== undefined) await seedTemplate(target, template);
  return { target, ...(await openChromium(errors, options)) };
}

/**
 * Click one of the Design toolbar's actions by its test id: on a phone (below 768 px) the rarer
 * ones are behind 更多 / More, opened first.
 */
export async function toolbarAction(page: Page, testId: string): Promise<void> {
  await page.locator('header.toolbar').waitFor();
  if (
    (await page.locator('header.phone-toolbar').count()) > 0 &&
    !(await page.getByTestId(testId).isVisible())
  )
    await page.getByTestId('toolbar-more').click();
  await page.getByTestId(testId).click();
}

/** Paste the owner's key in the Design toolbar's 访问密钥 dialog (going to /design first if elsewhere). */
export async function pasteApiKey(page: Page, target: Target): Promise<void> {
  if (new URL(page.url(), target.url).pathname !== '/design')
    await page.goto(`${target.url}/design`);
  await toolbarAction(page, 'api-key-open');
  await page.getByTestId('api-key').fill(target.key);
  await page.getByTestId('api-key-save').click();
}

/** Open a template from the server through the toolbar's 打开 dialog; wait for its layout. */
export async function openTemplate(page: Page, id: string, someState: string): Promise<void> {
  await toolbarAction(page, 'open');
  await page.locator(`[data-template="${id}"]`).click();
  await page.locator(`.react-flow__node[data-id="${someState}"]`).waitFor();
  await page.locator('.react-flow[data-layout="done"]').waitFor();
}
