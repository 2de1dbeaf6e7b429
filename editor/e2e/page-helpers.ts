/** Small helpers for driving the editor page. */
import type { BrowserContext, Page } from 'playwright-core';
import { createApiClient } from '../src/api/api-client.js';

/** The YAML panel's text. CodeMirror renders only visible lines, so read it from the editor's state. */
export function yamlText(page: Page): Promise<string> {
  return page.evaluate(
    () =>
      (
        window as unknown as { reliefEditor: { store: { getState: () => { source: string } } } }
      ).reliefEditor.store.getState().source,
  );
}

/** Drag with the mouse from one element's centre to another's (React Flow connections). */
export async function dragBetween(
  page: Page,
  from: string,
  to: string,
  offset: { dx?: number; dy?: number } = {},
): Promise<void> {
  const a = await page.locator(from).boundingBox();
  const b = await page.locator(to).boundingBox();
  if (!a || !b) throw new Error(`cannot drag ${from} → ${to}`);
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2, (a.y + b.y) / 2, { steps: 5 });
  await page.mouse.move(
    b.x + b.width / 2 + (offset.dx ?? 0),
    b.y + b.height / 2 + (offset.dy ?? 0),
    { steps: 5 },
  );
  await page.mouse.up();
}

/** Make sure the server has love-meals with a published first version (idempotent). */
export async function seedTemplate(
  target: { url: string; key: string },
  source: string,
): Promise<void> {
  const api = createApiClient({ origin: target.url, credentials: () => ({ key: target.key }) });
  const { items } = await api.call('listTemplates');
  if (items.some((t) => t.id === 'love-meals')) return;
  await api.call('createTemplate', { body: source });
  await api.call('publishTemplate', { path: { id: 'love-meals', v: 1 }, body: {} });
}

/** Put the YAML cursor on the first line containing `text`, as a problem click does (scrolls it into view). */
export async function placeYamlCursor(page: Page, text: string): Promise<void> {
  await page.evaluate((needle) => {
    const { store } = (
      window as unknown as {
        reliefEditor: { store: { getState: () => { source: string; set: (p: object) => void } } };
      }
    ).reliefEditor;
    const line =
      store
        .getState()
        .source.split('\n')
        .findIndex((l) => l.includes(needle)) + 1;
    store.getState().set({ cursor: { line, col: 1, nonce: Date.now() } });
  }, text);
  await page.locator('.cm-line', { hasText: text }).first().waitFor();
}

/**
 * Record into `errors` everything the page's Content-Security-Policy blocks, on every page of
 * `context`: each `securitypolicyviolation` event (directive and what it blocked, e.g. `eval`)
 * and the CSP messages Chromium writes to the console. Call before the first page opens.
 */
export async function recordCspViolations(
  context: BrowserContext,
  errors: string[],
): Promise<void> {
  await context.exposeBinding('__reliefCspViolation', (_source, text: string) => {
    errors.push(`CSP violation: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { __reliefCspViolation: (t: string) => void })
        .__reliefCspViolation;
      report(
        `${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`,
      );
    });
  });
  context.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) errors.push(m.text());
  });
}
