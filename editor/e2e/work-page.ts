/** Steps on the Work area's pages that the worker's e2e files share. */
import type { Page } from 'playwright-core';

/** Sign in at `/work` (the app sends an unknown visitor to the sign-in page first). */
export async function signInAtWork(page: Page, url: string, login: string): Promise<void> {
  await page.goto(`${url}/work`);
  await page.waitForURL(/\/sign-in\?next=/);
  await page.getByTestId('login').fill(login);
  await page.getByTestId('password').fill('correct horse battery');
  await page.getByTestId('sign-in').click();
  await page.waitForURL(/\/work$/);
}

/** Open a case's card from the worklist. */
export async function openCard(page: Page, caseId: string): Promise<void> {
  await page.locator(`[data-case="${caseId}"]`).click();
  await page.getByTestId('work-card').waitFor();
}

/** Back from a card to the worklist. */
export async function backToList(page: Page): Promise<void> {
  await page.getByTestId('work-back').click();
  await page.getByTestId('work-items').waitFor();
}
