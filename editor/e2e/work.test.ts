/**
 * The worker's phone in Debian's Chromium against the real server (PGlite): a committee cadre
 * signs in on a 390×844 viewport, sees the love-meals and one-on-one cases waiting on them,
 * delivers a meal, goes offline (the browser context set offline), records two more deliveries,
 * a visit and a delivery the committee overtakes meanwhile, comes back online, and the server holds each event
 * exactly once, in order; the overtaken one is shown as a conflict with both versions, not lost.
 * Also measured, with the CPU throttled 4×: a 200-case worklist's render, a send's round trip,
 * and the JavaScript the Work area loads (gzip). Screenshots at 390×844 and 1366×768, zh and en
 * (`DOCS_SHOTS=1` writes them to docs/worker-app/).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gateSuite } from '@relief/engine/testing';
import { CHROMIUM, SCREENSHOTS, hasChromium, launchChromium, startTarget } from './e2e-target.js';
import { backToList as backToListOn, openCard as openCardOn, signInAtWork } from './work-page.js';
import { recordCspViolations } from './page-helpers.js';

const eventually = <T>(fn: () => T | Promise<T>) =>
  expect.poll(fn, { timeout: 20_000, interval: 100 });

const SHOTS = process.env.DOCS_SHOTS
  ? resolve(import.meta.dirname, '..', '..', 'docs', 'worker-app')
  : join(SCREENSHOTS, 'work');
const STREET = 'sh/putuo/changzheng';
const OTHER_STREET = 'sh/putuo/ganquan';
const PHONE = { width: 390, height: 844 };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.runIf(
  gateSuite('the Work area in Chromium', hasChromium ? undefined : `no Chromium at ${CHROMIUM}`),
)(
  'the Work area in Chromium',
  () => {
    let target: Awaited<ReturnType<typeof startTarget>>;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let admin = '';
    const meals: Record<string, string> = {};
    let careId = '';
    const errors: string[] = [];
    const figures: Record<string, number> = {};

    const api = async <T = Json>(path: string, init: RequestInit = {}, key = admin): Promise<T> => {
      const response = await fetch(`${target.url}/api/v1${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${key}`,
          'Content-Type': 'application/json',
          ...(init.headers as Record<string, string>),
        },
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const send = (caseId: string, type: string, payload: Json = {}) =>
      api(`/cases/${caseId}/events`, { method: 'POST', body: JSON.stringify({ type, payload }) });
    const history = async (caseId: string) =>
      (await api<{ items: Json[] }>(`/cases/${caseId}/history`)).items;
    const shot = async (name: string, p: Page = page) => {
      mkdirSync(SHOTS, { recursive: true });
      await p.waitForTimeout(150);
      await p.screenshot({ path: join(SHOTS, `${name}.png`) });
    };
    const person = (login: string, displayName: string, district: string) =>
      api('/people', {
        method: 'POST',
        body: JSON.stringify({
          login,
          displayName,
          password: 'correct horse battery',
          roles: ['cadre'],
          district,
        }),
      });
    const signInAs = (p: Page, login: string) => signInAtWork(p, target.url, login);
    const openCard = (caseId: string) => openCardOn(page, caseId);
    const backToList = () => backToListOn(page);

    beforeAll(async () => {
      target = await startTarget();
      const owner = { Authorization: `Bearer ${target.key}`, 'Content-Type': 'application/json' };
      const key = await fetch(`${target.url}/api/v1/keys`, {
        method: 'POST',
        headers: owner,
        body: JSON.stringify({
          roles: ['admin', 'committee', 'courier', 'streetOffice', 'cadre'],
          district: 'sh/putuo',
          label: '普陀区民政',
        }),
      });
      admin = ((await key.json()) as { key: string }).key;
      await person('cadre.wang', '王干部', STREET);
      await person('cadre.li', '李干部', OTHER_STREET);

      // Love meals in the street: four residents reviewed, their meals carried to the gate.
      const lm = await api('/programmes', {
        method: 'POST',
        body: JSON.stringify({
          template: 'love-meals',
          district: STREET,
          title: '长征镇爱心餐',
          params: {},
        }),
      });
      const residents = [
        ['LM-1', '王阿婆', '长寿路 1 弄 3 号 201 室', '13800000001'],
        ['LM-2', '陈老伯', '长寿路 1 弄 5 号 102 室', '13800000002'],
        ['LM-3', '周奶奶', '江宁路 9 号 602 室', '13800000003'],
        ['LM-4', '李爷爷', '江宁路 11 号 301 室', '13800000004'],
      ];
      for (const [ref, name, address, phone] of residents) {
        const c = await api(`/programmes/${lm.id}/cases`, {
          method: 'POST',
          body: JSON.stringify({
            ref,
            data: { name, age: 86, mobilityImpaired: true, address, phone, careLevel: 3 },
          }),
        });
        meals[ref!] = c.id as string;
        await send(c.id as string, 'review');
        await send(c.id as string, 'carryToGate');
      }
      await send(meals['LM-1']!, 'assignCadre', { cadre: 'cadre.wang' });
      // One-on-one care: Wang is the responsible cadre of one resident.
      const care = await api('/programmes', {
        method: 'POST',
        body: JSON.stringify({
          template: 'one-on-one-care',
          district: STREET,
          title: '长征镇一对一包保',
          params: {},
        }),
      });
      careId = (
        await api(`/programmes/${care.id}/cases`, {
          method: 'POST',
          body: JSON.stringify({
            ref: 'YD-1',
            data: {
              name: '赵阿姨',
              group: 'elderlyAlone',
              cadre: 'cadre.wang',
              address: '长寿路 7 号',
              phone: '13900000007',
            },
          }),
        })
      ).id as string;
      // Another street: Li looks after 200 residents (the render measurement).
      const many = await api('/programmes', {
        method: 'POST',
        body: JSON.stringify({
          template: 'one-on-one-care',
          district: OTHER_STREET,
          title: '甘泉街道一对一包保',
          params: {},
        }),
      });
      const rows = Array.from({ length: 200 }, (_, i) =>
        JSON.stringify({
          ref: `GQ-${i + 1}`,
          data: {
            name: `居民${i + 1}`,
            group: 'elderlyAlone',
            cadre: i % 2 ? 'cadre.li' : 'nobody',
            address: `甘泉路 ${i + 1} 号`,
            phone: '13700000000',
          },
        }),
      ).join('\n');
      const imported = await fetch(`${target.url}/api/v1/programmes/${many.id}/cases/import`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/x-ndjson' },
        body: rows,
      });
      if (!imported.ok) throw new Error(`import: ${imported.status} ${await imported.text()}`);

      browser = await launchChromium();
      context = await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      // Served without 'unsafe-eval': a blocked `eval` (a form's validator) fails the journey.
      await recordCspViolations(context, errors);
      page = await context.newPage();
      page.on('pageerror', (e) => errors.push(e.message));
    }, 240_000);

    afterAll(async () => {
      mkdirSync(SCREENSHOTS, { recursive: true });
      writeFileSync(join(SCREENSHOTS, 'work-figures.json'), JSON.stringify(figures, null, 2));
      await browser?.close();
      await target?.close();
    });

    it('renders a 200-case worklist on a phone with a 4× slower CPU; reports the Work area JavaScript', async () => {
      const phone = await browser.newContext({
        viewport: PHONE,
        isMobile: true,
        hasTouch: true,
        locale: 'zh-CN',
      });
      const p = await phone.newPage();
      // When the first card appears: what the Work area loads to show the list, as opposed to what
      // it fetches afterwards while the phone is idle (the form's code, kept for offline use).
      await p.addInitScript(() => {
        new MutationObserver((_, observer) => {
          if (!document.querySelector('[data-testid="work-item"]')) return;
          (window as unknown as { listDrawnAt: number }).listDrawnAt = performance.now();
          observer.disconnect();
        }).observe(document, { childList: true, subtree: true });
      });
      const scripts = new Map<string, Promise<Buffer>>();
      p.on('response', (r) => {
        if (r.request().resourceType() === 'script') scripts.set(r.url(), r.body());
      });
      await signInAs(p, 'cadre.li');
      await p.getByTestId('work-item').first().waitFor();
      const cdp = await phone.newCDPSession(p);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      // Cold: the whole app loads, asks who is signed in, fetches the list and draws it.
      let started = Date.now();
      await p.goto(`${target.url}/work`);
      await eventually(() => p.getByTestId('work-item').count()).toBe(200);
      figures.coldLoad200Ms = Date.now() - started;
      // The worklist screen itself: from the tap on the tab to 200 cards drawn.
      await p.getByTestId('work-tab-notes').click();
      await p.getByTestId('work-notes').waitFor({ state: 'attached' });
      started = Date.now();
      await p.getByTestId('work-tab-list').click();
      await p.waitForFunction(
        () => document.querySelectorAll('[data-testid="work-item"]').length === 200,
        undefined,
        { polling: 'raf' },
      );
      figures.render200Ms = Date.now() - started;
      // The one Li is responsible for come first.
      expect(await p.getByTestId('work-item').first().textContent()).toContain('我负责');
      // Scripts of this page load (the cold one), split at the first card drawn.
      await p.waitForTimeout(4_000); // idle time: the form's code is fetched now
      const timing = await p.evaluate(() => ({
        drawnAt: (window as unknown as { listDrawnAt: number }).listDrawnAt,
        started: performance
          .getEntriesByType('resource')
          .filter((e) => e.name.endsWith('.js'))
          .map((e) => [e.name, e.startTime] as const),
      }));
      const sizes = {
        initial: { gzip: 0, raw: 0, files: [] as string[] },
        idle: { gzip: 0, raw: 0, files: [] as string[] },
      };
      for (const [url, startTime] of timing.started) {
        const bytes = await scripts.get(url);
        if (!bytes) continue;
        const part = startTime < timing.drawnAt ? sizes.initial : sizes.idle;
        part.raw += bytes.length;
        part.gzip += gzipSync(bytes, { level: 9 }).length;
        part.files.push(url.replace(/^.*\//, ''));
      }
      figures.workScriptsGzipBytes = sizes.initial.gzip;
      figures.workScriptsRawBytes = sizes.initial.raw;
      figures.workScripts = sizes.initial.files.length;
      figures.workIdleScriptsGzipBytes = sizes.idle.gzip;
      expect(sizes.initial.files.length).toBeGreaterThan(0);
      expect([...scripts.keys()].some((s) => /DesignArea/.test(s))).toBe(false);
      const kB = (n: number) => (n / 1024).toFixed(1);
      console.log(
        `200-case worklist drawn in ${figures.render200Ms} ms, cold load ${figures.coldLoad200Ms} ms (CPU 4×); Work JS to show the list: ${sizes.initial.files.length} files, ${kB(sizes.initial.gzip)} kB gzip (${sizes.initial.files.join(' ')}); fetched when idle for offline forms: ${kB(sizes.idle.gzip)} kB gzip (${sizes.idle.files.join(' ')})`,
      );
      // The bar is 1 s; on a shared, loaded CI machine only a gross regression fails here.
      expect(figures.render200Ms).toBeLessThan(Number(process.env.WORK_RENDER_LIMIT_MS ?? 5000));
      await shot('00-200-cases', p);
      await phone.close();
    });

    it('a cadre signs in on a phone and sees the love-meals and one-on-one cases waiting on them', async () => {
      await signInAs(page, 'cadre.wang');
      await eventually(() => page.getByTestId('work-item').count()).toBe(5);
      const names = await page.getByTestId('work-item').allTextContents();
      // Mine first: the meal assigned to Wang and the resident in Wang's care.
      expect(names[0]).toMatch(/我负责/);
      expect(names[1]).toMatch(/我负责/);
      expect(names.join()).toContain('赵阿姨');
      expect(names.join()).toContain('一对一包保');
      expect(names.join()).toContain('已到小区门口');
      expect(await page.getByTestId('work-tab-list').textContent()).toContain('5');
      // No horizontal scroll on a phone.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        PHONE.width,
      );
      await shot('01-worklist-zh');
      await page.getByTestId('work-search').fill('江宁路');
      await eventually(() => page.getByTestId('work-item').count()).toBe(2);
      await page.getByTestId('work-search').fill('');
    });

    it('delivers a meal: the card, one large button, the result state', async () => {
      await openCard(meals['LM-1']!);
      expect(await page.getByTestId('work-card').textContent()).toContain(
        '长寿路 1 弄 3 号 201 室',
      );
      expect(await page.locator('a.work-tel').getAttribute('href')).toBe('tel:13800000001');
      const button = page.getByTestId('work-event-deliver');
      const box = await button.boundingBox();
      expect(box!.height).toBeGreaterThanOrEqual(44);
      await shot('02-card-zh');
      await button.click();
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 4 });
      // Measured in the page: from the tap on the confirm button to the result on screen.
      figures.sendRoundTripMs = await page.evaluate(
        () =>
          new Promise<number>((done) => {
            const started = performance.now();
            const seen = () => document.querySelector('[data-testid="work-result"]');
            const observer = new MutationObserver(() => {
              if (!seen()) return;
              observer.disconnect();
              requestAnimationFrame(() => done(performance.now() - started));
            });
            observer.observe(document.body, { childList: true, subtree: true });
            (document.querySelector('[data-testid="work-confirm"]') as HTMLButtonElement).click();
          }),
      );
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      expect(await page.getByTestId('work-result').textContent()).toBe(
        '已办理：送餐到户 → 今日已送达',
      );
      // The same kind of event sent by the test itself, for the server's share of the time.
      const serverStarted = Date.now();
      await send(meals['LM-4']!, 'retry').catch(() => undefined);
      figures.serverOnlyMs = Date.now() - serverStarted;
      console.log(
        `send round trip ${figures.sendRoundTripMs.toFixed(0)} ms (CPU 4×); a refused event over HTTP from node: ${figures.serverOnlyMs} ms`,
      );
      // The bar is 300 ms; on a shared, loaded CI machine only a gross regression fails here.
      expect(figures.sendRoundTripMs).toBeLessThan(Number(process.env.WORK_SEND_LIMIT_MS ?? 5000));
      await shot('03-delivered-zh');
      expect((await history(meals['LM-1']!)).filter((h) => h.type === 'deliver')).toHaveLength(1);
      await backToList();
      await eventually(() => page.getByTestId('work-item').count()).toBe(4);
    });

    it('offline: records two deliveries, a visit and an overtaken delivery, all kept on the phone', async () => {
      await context.setOffline(true);
      for (const ref of ['LM-2', 'LM-3']) {
        await openCard(meals[ref]!);
        await page.getByTestId('work-event-deliver').click();
        await page.getByTestId('work-confirm').click();
        await eventually(() => page.getByTestId('work-result').textContent()).toContain(
          '网络恢复后自动发送',
        );
        await backToList();
      }
      await openCard(careId);
      await page.getByTestId('work-event-visit').click();
      await page.locator('#work-visit_method').selectOption('door');
      await page.locator('#work-visit_note').fill('精神不错，已送菜');
      await shot('04-visit-form-zh');
      await page.getByTestId('work-confirm').click();
      await eventually(() => page.getByTestId('work-result').textContent()).toContain(
        '网络恢复后自动发送',
      );
      await backToList();
      await openCard(meals['LM-4']!);
      await page.getByTestId('work-event-deliver').click();
      await page.getByTestId('work-confirm').click();
      await eventually(() => page.getByTestId('work-queue-count').textContent()).toBe(
        '4 条记录待发送',
      );
      await backToList();
      expect(await page.getByTestId('work-offline').isVisible()).toBe(true);
      await shot('05-offline-queue-zh');
      // Meanwhile the committee reaches LM-4 first (the server is online for them).
      await send(meals['LM-4']!, 'fail', { reason: '家中无人应门' });
      for (const ref of ['LM-2', 'LM-3'])
        expect((await history(meals[ref]!)).filter((h) => h.type === 'deliver')).toHaveLength(0);
    });

    it('back online: each is sent exactly once, in order; the conflict is shown with both versions', async () => {
      await context.setOffline(false);
      await eventually(() => page.getByTestId('work-queue-item').count()).toBe(1);
      const delivered = await Promise.all(
        ['LM-2', 'LM-3'].map(async (ref) =>
          (await history(meals[ref]!)).filter((h) => h.type === 'deliver'),
        ),
      );
      expect(delivered.map((d) => d.length)).toEqual([1, 1]);
      const visits = (await history(careId)).filter((h) => h.type === 'visit');
      expect(visits).toHaveLength(1);
      expect(visits[0]!.payload).toEqual({ method: 'door', note: '精神不错，已送菜' });
      // In the order they were recorded.
      const times = [delivered[0]![0]!.at, delivered[1]![0]!.at, visits[0]!.at].map((t) =>
        Date.parse(t as string),
      );
      expect([...times].sort((a, b) => a - b)).toEqual(times);
      // The overtaken delivery is not applied, and not lost: the card shows both versions.
      const lm4 = await history(meals['LM-4']!);
      expect(lm4.map((h) => h.type as string)).toEqual(['(open)', 'review', 'carryToGate', 'fail']);
      await page.getByTestId('work-queue-item').click();
      await page.getByTestId('work-conflict').waitFor();
      expect(await page.getByTestId('work-conflict-yours').textContent()).toBe(
        '您记录时：已到小区门口（第 3 版）',
      );
      expect(await page.getByTestId('work-conflict-now').textContent()).toBe(
        '现在：未能送达（第 4 版）',
      );
      await shot('06-conflict-zh');
      await page.getByTestId('work-discard').click();
      await eventually(() => page.getByTestId('work-queue').count()).toBe(0);
      expect(errors).toEqual([]);
    });

    it('alerts: turned on from the Notifications tab where the browser can; a pushed alert shows, with its case', async () => {
      await context.grantPermissions(['notifications'], { origin: target.url });
      await page.goto(`${target.url}/work`);
      await page.getByTestId('work-item').first().waitFor();
      await page.getByTestId('work-tab-notes').click();
      const toggle = page.getByTestId('work-push');
      await eventually(() => toggle.getAttribute('data-status')).toBe('off');
      await page.getByTestId('work-push-on').click();
      // A browser with a reachable push service subscribes; Debian's Chromium in CI has none (no
      // network beyond 127.0.0.1) and must say so plainly, never stay 'setting up'.
      await eventually(() => toggle.getAttribute('data-status')).toMatch(/^(on|no-service)$/);
      const status = await toggle.getAttribute('data-status');
      expect(await toggle.textContent()).toContain(status === 'on' ? '本机已开启' : '无法开启提醒');
      console.log(`alerts in this Chromium: ${status}`);
      await shot('12-alerts-zh');
      await page.getByTestId('app-lang').click();
      await eventually(() => toggle.textContent()).toMatch(/alerts/);
      await shot('13-alerts-en');
      await page.setViewportSize({ width: 1366, height: 768 });
      await shot('14-alerts-desktop-en');
      await page.getByTestId('app-lang').click();
      await shot('15-alerts-desktop-zh');
      await page.setViewportSize(PHONE);

      // What the push service hands the browser, delivered through DevTools to the real worker.
      const cdp = await context.newCDPSession(page);
      const registrationId = new Promise<string>((found) =>
        cdp.on('ServiceWorker.workerRegistrationUpdated', (update) => {
          const ours = update.registrations.find(
            (r) => !r.isDeleted && r.scopeURL.startsWith(target.url),
          );
          if (ours) found(ours.registrationId);
        }),
      );
      await cdp.send('ServiceWorker.enable');
      const alert = {
        tag: 'notification-9001',
        title: '长征镇一对一包保',
        body: '今天还没有走访赵阿姨，请尽快上门',
        url: `/work/cases/${careId}`,
      };
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin: target.url,
        registrationId: await registrationId,
        data: JSON.stringify(alert),
      });
      const shown = async () =>
        page.evaluate(async () =>
          (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
            title: n.title,
            body: n.body,
            tag: n.tag,
            url: (n.data as { url: string }).url,
          })),
        );
      await eventually(shown).toEqual([alert]);
      // The same alert twice replaces itself (its tag is the notification's id).
      await cdp.send('ServiceWorker.deliverPushMessage', {
        origin: target.url,
        registrationId: await registrationId,
        data: JSON.stringify(alert),
      });
      await page.waitForTimeout(300);
      expect(await shown()).toEqual([alert]);
      expect(errors).toEqual([]);
    });

    it('reads in English too, and on a desktop screen', async () => {
      await page.goto(`${target.url}/work`);
      await page.getByTestId('work-item').first().waitFor();
      await page.getByTestId('app-lang').click();
      await eventually(() => page.getByTestId('work-tab-list').textContent()).toContain('To do');
      await shot('07-worklist-en');
      await openCard(careId);
      await shot('08-card-en');
      await page.getByTestId('app-lang').click();
      await page.setViewportSize({ width: 1366, height: 768 });
      await backToList();
      await shot('09-worklist-desktop-zh');
      await page.getByTestId('app-lang').click();
      await shot('10-worklist-desktop-en');
      await page.getByTestId('app-lang').click();
      await page.getByTestId('work-tab-notes').click();
      await page.getByTestId('work-notes').waitFor({ state: 'attached' });
      await page.setViewportSize(PHONE);
      await shot('11-notifications-zh');
    });
  },
  600_000,
);
