/**
 * The phone with no server at all, and a browser closed in between: the real server (PGlite in a
 * folder, a fixed port) is stopped, not emulated away. A cadre who signed in once reloads the Work
 * area with the server gone: the page comes from the service worker, the worklist and a case's
 * history from IndexedDB, an event's form from the worker's cache. Three events recorded then wait
 * in the queue; the browser is closed and opened again (same profile) and the queue is still
 * there; the server comes back on the same folder and port, and each is applied exactly once, in
 * order, without the worker doing
 * anything (the queue is retried on its own; the session's CSRF token, lost with the closed
 * browser, is asked for again).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium } from 'playwright-core';
import type { BrowserContext, Page } from 'playwright-core';
import { gateSuite } from '@relief/engine/testing';
import { CHROMIUM, buildEditor, hasChromium, screenshot } from './e2e-target.js';
import { startReliefServer } from './relief-server.js';
import { backToList as backToListOn, openCard as openCardOn, signInAtWork } from './work-page.js';

const eventually = <T>(fn: () => T | Promise<T>, timeout = 20_000) =>
  expect.poll(fn, { timeout, interval: 200 });

const STREET = 'sh/putuo/changzheng';
const PHONE = { width: 390, height: 844 };
type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** A port nobody listens on now (the restarted server takes it again: the same origin). */
const freePort = () =>
  new Promise<number>((done, fail) => {
    const probe = createServer();
    probe.once('error', fail);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => done(port));
    });
  });

describe.runIf(
  gateSuite(
    'the Work area reopened offline',
    hasChromium ? undefined : `no Chromium at ${CHROMIUM}`,
  ),
)(
  'the Work area reopened offline',
  () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'relief-reopen-'));
    const profile = mkdtempSync(join(tmpdir(), 'relief-phone-'));
    let port = 0;
    let server: Awaited<ReturnType<typeof startReliefServer>> | undefined;
    let url = '';
    let admin = '';
    let context: BrowserContext | undefined;
    let page: Page;
    const meals: Record<string, string> = {};
    const errors: string[] = [];

    const api = async <T = Json>(path: string, init: RequestInit = {}): Promise<T> => {
      const response = await fetch(`${url}/api/v1${path}`, {
        ...init,
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const send = (caseId: string, type: string, payload: Json = {}) =>
      api(`/cases/${caseId}/events`, { method: 'POST', body: JSON.stringify({ type, payload }) });
    const delivered = async (caseId: string) =>
      (await api<{ items: Json[] }>(`/cases/${caseId}/history`)).items.filter(
        (h) => h.type === 'deliver',
      );
    /** The phone: one Chromium profile kept on disk, as a phone keeps its browser's data. */
    const openPhone = async () => {
      context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.on('pageerror', (e) => errors.push(e.message));
    };
    const openCard = (caseId: string) => openCardOn(page, caseId);
    const backToList = () => backToListOn(page);

    beforeAll(async () => {
      buildEditor();
      port = await freePort();
      server = await startReliefServer(undefined, { dataDir, port });
      url = server.url;
      const owner = { Authorization: `Bearer ${server.key}`, 'Content-Type': 'application/json' };
      const key = await fetch(`${url}/api/v1/keys`, {
        method: 'POST',
        headers: owner,
        body: JSON.stringify({
          roles: ['admin', 'committee', 'courier', 'cadre'],
          district: 'sh/putuo',
          label: 'e2e',
        }),
      });
      admin = ((await key.json()) as { key: string }).key;
      await api('/people', {
        method: 'POST',
        body: JSON.stringify({
          login: 'cadre.wang',
          displayName: '王干部',
          password: 'correct horse battery',
          roles: ['cadre'],
          district: STREET,
        }),
      });
      const lm = await api('/programmes', {
        method: 'POST',
        body: JSON.stringify({
          template: 'love-meals',
          district: STREET,
          title: '爱心餐',
          params: {},
        }),
      });
      for (const [ref, name] of [
        ['LM-1', '王阿婆'],
        ['LM-2', '陈老伯'],
        ['LM-3', '周奶奶'],
      ] as const) {
        const c = await api(`/programmes/${lm.id}/cases`, {
          method: 'POST',
          body: JSON.stringify({
            ref,
            data: { name, age: 86, mobilityImpaired: true, address: `长寿路 ${ref}`, careLevel: 3 },
          }),
        });
        meals[ref] = c.id as string;
        await send(c.id as string, 'review');
        await send(c.id as string, 'carryToGate');
      }
      await openPhone();
    }, 240_000);

    afterAll(async () => {
      await context?.close();
      await server?.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(profile, { recursive: true, force: true });
    });

    it('signs in once online; the service worker keeps the app', async () => {
      await signInAtWork(page, url, 'cadre.wang');
      await eventually(() => page.getByTestId('work-item').count()).toBe(3);
      // A card read once is kept with its history.
      await openCard(meals['LM-1']!);
      await page.getByTestId('work-history').waitFor();
      await backToList();
      // The worker controls the page and holds the app's files.
      await page.evaluate(() => navigator.serviceWorker.ready.then(() => undefined));
      await page.reload();
      await page.getByTestId('work-item').first().waitFor();
      expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);
    });

    it('with the server stopped, a reload shows the worklist and a card from the phone', async () => {
      await server!.close();
      server = undefined;
      await page.reload();
      await eventually(() => page.getByTestId('work-item').count()).toBe(3);
      // The list shows from the phone's copy first; the offline line follows the failed refresh.
      await eventually(() => page.getByTestId('work-offline').isVisible()).toBe(true);
      await openCard(meals['LM-1']!);
      await eventually(() => page.getByTestId('work-history').textContent()).toContain(
        '送到小区门口',
      );
      await backToList();
    });

    it('records two deliveries and a failed delivery with its form, with no server; they survive closing the browser', async () => {
      for (const ref of ['LM-1', 'LM-2']) {
        await openCard(meals[ref]!);
        await page.getByTestId('work-event-deliver').click();
        await page.getByTestId('work-confirm').click();
        await eventually(() => page.getByTestId('work-result').textContent()).toContain(
          '网络恢复后自动发送',
        );
        await backToList();
      }
      // A form opens with no server too: its code was fetched while idle and kept by the worker.
      await openCard(meals['LM-3']!);
      await page.getByTestId('work-event-fail').click();
      await page.locator('#work-fail_reason').fill('家中无人应门');
      await page.getByTestId('work-confirm').click();
      await eventually(() => page.getByTestId('work-result').textContent()).toContain(
        '网络恢复后自动发送',
      );
      await backToList();
      await eventually(() => page.getByTestId('work-queue-count').textContent()).toBe(
        '3 条记录待发送',
      );
      await context!.close();
      context = undefined;
      await openPhone();
      await page.goto(`${url}/work`);
      await eventually(() => page.getByTestId('work-item').count()).toBe(3);
      expect(await page.getByTestId('work-queue-count').textContent()).toBe('3 条记录待发送');
      // Each says whose case it is about.
      expect(await page.getByTestId('work-queue-item').allTextContents()).toEqual([
        '王阿婆 · 送餐到户 · 待发送',
        '陈老伯 · 送餐到户 · 待发送',
        '周奶奶 · 未能送达 · 待发送',
      ]);
      await screenshot(page, 'work/12-reopened-offline-zh');
    });

    it('when the server is back, each is applied exactly once, in order, with no tap', async () => {
      server = await startReliefServer(undefined, { dataDir, port, restart: true });
      expect(server.url).toBe(url);
      await eventually(() => page.getByTestId('work-queue').count(), 60_000).toBe(0);
      const [one, two] = await Promise.all([delivered(meals['LM-1']!), delivered(meals['LM-2']!)]);
      expect([one.length, two.length]).toEqual([1, 1]);
      expect(Date.parse(one[0]!.at as string)).toBeLessThanOrEqual(
        Date.parse(two[0]!.at as string),
      );
      expect(await delivered(meals['LM-3']!)).toHaveLength(0);
      const failed = (
        await api<{ items: Json[] }>(`/cases/${meals['LM-3']!}/history`)
      ).items.filter((h) => h.type === 'fail');
      expect(failed.map((h) => h.payload as unknown)).toEqual([{ reason: '家中无人应门' }]);
      expect(errors).toEqual([]);
    });
  },
  600_000,
);
