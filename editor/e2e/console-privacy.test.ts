/**
 * A resident's data request and the auditor's view, in Debian's Chromium against the real server:
 * an admin exports a love-meals case (JSON and the printable page, both downloaded), is told why an
 * open case cannot be erased, erases an ended one after a dialog that names the resident, what
 * goes and what stays; an auditor then reads the access log — the bulk reads, the reads by person
 * and of one case — in Chinese and English, on an office screen and a phone. Screenshots at
 * 1366×768 and 390×844 (`DOCS_SHOTS=1` writes the PGlite run's to docs/console/).
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gateSuite } from '@relief/engine/testing';
import {
  CONSOLE_PAGE,
  callApi,
  closeAll,
  consoleShots,
  e2eDatabases,
  eventually,
  openChromium,
  openPage,
  putuoAdminKey,
  sidewaysScroll,
} from './design-page.js';
import type { Target } from './design-page.js';
import { CHROMIUM, hasChromium, startTarget } from './e2e-target.js';

const DATABASES = e2eDatabases('the console privacy pages');

const STREET = 'sh/putuo/changzheng';

describe
  .runIf(
    gateSuite(
      'the console privacy pages in Chromium',
      hasChromium ? undefined : `no Chromium at ${CHROMIUM}`,
    ),
  )
  .each(DATABASES)(
  "a resident's data request and the access log in Chromium on %s",
  (database) => {
    let target: Target;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let adminKey = '';
    let courierKey = '';
    let programmeId = '';
    const ids: string[] = [];
    const errors: string[] = [];
    const admin = { login: 'putuo-admin', password: 'correct horse battery' };
    const auditor = { login: 'putuo-auditor', password: 'correct horse staple' };

    const call = <T>(key: string, path: string, body?: unknown) =>
      callApi<T>(target, key, path, body);
    const shot = consoleShots(database, 'privacy', () => page);
    const signIn = async (p: Page, who: { login: string; password: string }, url: string) => {
      await p.goto(url);
      await p.getByTestId('login').fill(who.login);
      await p.getByTestId('password').fill(who.password);
      await p.getByTestId('sign-in').click();
    };

    beforeAll(async () => {
      target = await startTarget(database);
      const owner = target.key;
      adminKey = await putuoAdminKey(target);
      courierKey = (
        await call<{ key: string }>(owner, '/keys', {
          roles: ['courier'],
          district: 'sh/putuo',
          label: '送餐对接',
        })
      ).key;
      await call(owner, '/people', {
        ...admin,
        displayName: '周主任',
        roles: ['admin', 'committee'],
        district: 'sh/putuo',
      });
      await call(owner, '/people', {
        ...auditor,
        displayName: '吴审计',
        roles: ['auditor'],
        district: 'sh/putuo',
      });
      programmeId = (
        await call<{ id: string }>(adminKey, '/programmes', {
          template: 'love-meals',
          district: STREET,
          title: '长征镇爱心餐',
        })
      ).id;
      for (const [i, name] of ['王秀英', '李桂兰', '张志明'].entries()) {
        const c = await call<{ id: string }>(adminKey, `/programmes/${programmeId}/cases`, {
          ref: `LM-00${i + 1}`,
          data: {
            name,
            age: 84 + i,
            address: `长寿路 ${100 + i} 号`,
            phone: `1380000000${i}`,
            mobilityImpaired: true,
          },
        });
        ids.push(c.id);
        await call(adminKey, `/cases/${c.id}/events`, { type: 'review' });
      }
      // The first resident asked to leave and have her data erased: the committee ends the service.
      await call(adminKey, `/cases/${ids[0]}/events`, {
        type: 'end',
        payload: { reason: '本人申请退出并删除信息' },
      });
      // An integration reads every case of the programme at once: a bulk read.
      await call(courierKey, `/programmes/${programmeId}/cases`);

      ({ browser, context, page } = await openChromium(errors, CONSOLE_PAGE));
    }, 240_000);

    afterAll(() => closeAll(browser, target));

    it('exports a copy of one case as JSON and as a printable page', async () => {
      await signIn(page, admin, `${target.url}/programmes/${programmeId}/cases/${ids[0]}`);
      await page.getByTestId('resident-request').waitFor();
      const [json] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-copy-json').click(),
      ]);
      expect(json.suggestedFilename()).toMatch(/^case-LM-001-\d{8}\.json$/);
      const copy = JSON.parse(readFileSync(await json.path(), 'utf8')) as {
        data: { name: string; title: { zh: string }; value: unknown }[];
        history: { type: string }[];
      };
      expect(copy.data.find((f) => f.name === 'name')).toMatchObject({
        title: { zh: '姓名' },
        value: '王秀英',
      });
      expect(copy.history.map((h) => h.type)).toEqual(['(open)', 'review', 'end']);
      const [printable] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-copy-print').click(),
      ]);
      expect(printable.suggestedFilename()).toMatch(/^case-LM-001-\d{8}\.html$/);
      const html = readFileSync(await printable.path(), 'utf8');
      for (const text of ['个人信息副本', '王秀英', '长寿路 100 号', '终止服务', '本人申请退出'])
        expect(html).toContain(text);
      await eventually(() => page.getByTestId('resident-request').textContent()).toContain(
        '已导出：case-LM-001-',
      );
      await page.getByTestId('resident-request').scrollIntoViewIfNeeded();
      await shot('30-resident-request');
    });

    it('explains why an open case cannot be erased', async () => {
      await page.goto(`${target.url}/programmes/${programmeId}/cases/${ids[1]}`);
      await page.getByTestId('resident-request').waitFor();
      expect(await page.getByTestId('erase-open-case').textContent()).toContain('案件仍在办理中');
      expect(await page.getByTestId('erase-open').count()).toBe(0);
    });

    it('erases an ended case after a dialog naming the resident, what goes and what stays', async () => {
      await page.goto(`${target.url}/programmes/${programmeId}/cases/${ids[0]}`);
      await page.getByTestId('erase-open').click();
      const dialog = page.getByTestId('erase-dialog');
      await dialog.waitFor();
      const text = (await dialog.textContent()) ?? '';
      expect(text).toContain('删除“王秀英”的个人信息');
      const removed = (await page.getByTestId('erase-removed').textContent()) ?? '';
      for (const field of ['姓名', '送餐地址', '电话', '行动不便', '终止原因'])
        expect(removed).toContain(field);
      expect(removed).not.toContain('年龄');
      expect(await page.getByTestId('erase-kept').textContent()).toContain('年龄');
      expect(text).toContain('保留：个案本身');
      expect(text).not.toMatch(/[A-Za-z]{3,}/);
      // no note: refused in the dialog, nothing erased
      await page.getByTestId('erase-confirm').click();
      await dialog.getByText('请填写申请说明').waitFor();
      expect(await page.getByTestId('case-data').textContent()).toContain('王秀英');
      await page.getByTestId('erase-note').fill('王秀英本人 12 月 1 日书面申请');
      await shot('31-erase-dialog');
      await page.getByTestId('erase-confirm').click();
      await eventually(() => page.getByTestId('case-notice').textContent()).toMatch(
        /已删除 [5-9] 项个人信息/,
      );
      await eventually(() => page.getByTestId('case-data').textContent()).not.toContain('王秀英');
      const data = (await page.getByTestId('case-data').textContent()) ?? '';
      expect(data).not.toContain('长寿路');
      expect(data).toContain('84');
      await shot('32-erased');
      const erasures = await call<{ erasures: { note: string; reason: string }[] }>(
        adminKey,
        `/cases/${ids[0]}/export`,
      );
      expect(erasures.erasures).toEqual([
        expect.objectContaining({ reason: 'request', note: '王秀英本人 12 月 1 日书面申请' }),
      ]);
    });

    it('fits a phone in English: the request panel and the dialog', async () => {
      const phone = await context.newPage();
      phone.on('pageerror', (e) => errors.push(e.message));
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${target.url}/programmes/${programmeId}/cases/${ids[2]}`);
      await phone.getByTestId('app-lang').click();
      await phone.getByTestId('resident-request').waitFor();
      expect(await phone.getByTestId('erase-open-case').textContent()).toContain(
        'The case is still open',
      );
      await phone.getByTestId('resident-request').scrollIntoViewIfNeeded();
      expect(await sidewaysScroll(phone)).toBeLessThanOrEqual(0);
      await shot('33-resident-request-phone-en', phone);
      await phone.getByTestId('app-lang').click();
      await phone.close();
    });

    it('shows the auditor who read what: bulk reads, by person, by case', async () => {
      const { context: audit, page: p } = await openPage(browser, errors, {
        locale: 'zh-CN',
        csp: true,
      });
      await signIn(p, auditor, `${target.url}/admin/access-log?threshold=2`);
      await p.getByTestId('access-log-page').waitFor();
      // the integration that listed all three cases is flagged
      const flags = p.getByTestId('flags');
      await eventually(() => flags.textContent()).toContain('访问密钥');
      expect(await flags.textContent()).toContain('长征镇爱心餐');
      expect(await flags.locator('td.num').first().textContent()).toBe('3');
      // the admin's two copies are in the log, by name and by what they did
      const reads = p.getByTestId('reads');
      await eventually(() => reads.textContent()).toContain('周主任');
      const all = (await reads.textContent()) ?? '';
      expect(all).toContain('导出副本（JSON）');
      expect(all).toContain('导出可打印副本');
      expect(all).toContain('案件列表');
      await shot('34-access-log', p);
      // by person: only the admin's reads
      await p.getByTestId('filter-reader').selectOption({ label: '周主任' });
      await eventually(() => p.url()).toContain('reader=');
      await eventually(async () => {
        const names = await reads.locator('tbody tr td:nth-child(2)').allTextContents();
        return names.length > 0 && names.every((n) => n === '周主任');
      }).toBe(true);
      // by case: from the case page's "who read this case"
      await p.goto(`${target.url}/programmes/${programmeId}/cases/${ids[1]}`);
      await eventually(() => p.getByTestId('case-reads').textContent()).toContain('查看案件');
      expect(await p.getByTestId('resident-request').count()).toBe(0);
      await p.getByTestId('case-reads-all').click();
      await p.getByTestId('filter-case').waitFor();
      await eventually(() => reads.locator('tbody tr').count()).toBeGreaterThan(0);
      const cases = await reads.locator('tbody tr td:nth-child(4)').allTextContents();
      expect(new Set(cases)).toEqual(new Set([`${ids[1]!.slice(0, 8)}…`]));
      // English, then a phone in both languages
      await p.goto(`${target.url}/admin/access-log?threshold=2`);
      await p.getByTestId('app-lang').click();
      await eventually(() => p.getByTestId('access-flags').textContent()).toContain('Bulk reads');
      await eventually(() => reads.textContent()).toContain('Exported a copy (JSON)');
      await shot('35-access-log-en', p);
      await p.setViewportSize({ width: 390, height: 844 });
      expect(await sidewaysScroll(p)).toBeLessThanOrEqual(0);
      await shot('36-access-log-phone-en', p);
      await p.getByTestId('app-lang').click();
      await eventually(() => p.getByTestId('access-flags').textContent()).toContain('异常批量读取');
      // zh shows no English: headings, hints and column titles (ids are hex, so not the cells)
      for (const text of await p.locator('h1, h2, .hint, th, label, option').allTextContents())
        expect(text).not.toMatch(/[A-Za-z]{3,}/);
      expect(await sidewaysScroll(p)).toBeLessThanOrEqual(0);
      await shot('37-access-log-phone', p);
      await audit.close();
      expect(errors).toEqual([]);
    });
  },
  600_000,
);
