/**
 * A programme moves to a newer template version in the console, in Debian's Chromium against the
 * real server: love-meals v1 runs with residents applied, enrolled and suspended; a designer
 * publishes v2 (a `reheated` state, a required `allergies` field with a default, no `suspended`
 * state). The admin sees the newer version on the programme, reads the changes and what they mean,
 * runs the dry run (the suspended residents cannot move), picks a state for them, runs it again,
 * migrates all after confirming, sees the result and the history entry; the server then holds
 * every case on v2. Screenshots at 1366×768 and 390×844, Chinese and English (`DOCS_SHOTS=1`
 * writes the PGlite run's to docs/console/).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gateSuite } from '@relief/engine/testing';
import { loveMealsV2, loveMealsV3 } from '../../engine/src/template/love-meals-versions.fixture.js';
import {
  CONSOLE_PAGE,
  callApi,
  closeAll,
  consoleShots,
  e2eDatabases,
  eventually,
  openChromium,
  putuoAdminKey,
  sidewaysScroll,
} from './design-page.js';
import type { Target } from './design-page.js';
import { CHROMIUM, hasChromium, startTarget } from './e2e-target.js';

const DATABASES = e2eDatabases('the console migration');

const V1 = readFileSync(resolve(import.meta.dirname, '../../templates/love-meals.yaml'), 'utf8');
/** v2: adds `reheated` and `allergies` (default `none`), and drops `suspended`. */
const V2 = loveMealsV3(loveMealsV2(V1)).replace('\nversion: 3\n', '\nversion: 2\n');

const STREET = 'sh/putuo/changzheng';
const NAMES = ['王秀英', '李桂兰', '张志明', '刘淑珍', '陈建国', '杨玉梅', '赵德胜', '黄美华'];

describe
  .runIf(
    gateSuite(
      'the console migration in Chromium',
      hasChromium ? undefined : `no Chromium at ${CHROMIUM}`,
    ),
  )
  .each(DATABASES)(
  'moving a programme to a newer template version in Chromium on %s',
  (database) => {
    let target: Target;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let adminKey = '';
    let programmeId = '';
    const errors: string[] = [];
    const signIn = { login: 'putuo-admin', password: 'correct horse battery' };

    const call = <T>(key: string, path: string, body?: unknown) =>
      callApi<T>(target, key, path, body);
    const shot = consoleShots(database, 'migration', () => page);
    const send = (caseId: string, type: string, payload?: object) =>
      call(adminKey, `/cases/${caseId}/events`, { type, ...(payload && { payload }) });

    beforeAll(async () => {
      target = await startTarget(database);
      const owner = target.key;
      adminKey = await putuoAdminKey(target);
      await call(owner, '/people', {
        ...signIn,
        displayName: '周主任',
        roles: ['admin', 'committee'],
        district: 'sh/putuo',
      });
      // The programme on v1 with residents applied (3), enrolled (3) and suspended (2).
      const programme = await call<{ id: string }>(adminKey, '/programmes', {
        template: 'love-meals',
        version: 1,
        district: STREET,
        title: '长征镇爱心餐',
        params: { openEnrollment: true },
      });
      programmeId = programme.id;
      for (const [i, name] of NAMES.entries()) {
        const c = await call<{ id: string }>(adminKey, `/programmes/${programmeId}/cases`, {
          ref: `LM-${String(i + 1).padStart(3, '0')}`,
          data: { name, age: 82 + i, address: `长寿路 ${100 + i} 号`, careLevel: 5 },
        });
        if (i < 3) continue;
        await send(c.id, 'review');
        if (i >= 6) await send(c.id, 'suspend', { reason: '住院' });
      }
      // A designer publishes v2 with a note.
      await call(owner, '/templates', V2);
      await call(owner, '/templates/love-meals/versions/2/publish', {
        note: '增加“已重新加热”，记录过敏食物，取消暂停送餐',
      });

      ({ browser, context, page } = await openChromium(errors, CONSOLE_PAGE));
    }, 240_000);

    afterAll(() => closeAll(browser, target));

    it('shows the newer version on the programme and what changed, in words', async () => {
      await page.goto(`${target.url}/programmes/${programmeId}`);
      await page.getByTestId('login').fill(signIn.login);
      await page.getByTestId('password').fill(signIn.password);
      await page.getByTestId('sign-in').click();
      await page.getByTestId('dashboard').waitFor();
      await eventually(() => page.getByTestId('newer-version').textContent()).toContain(
        '已发布 v2，本项目仍在 v1',
      );
      await shot('20-newer-version');
      await page.getByTestId('go-migrate').click();
      await page.waitForURL(/\/migrate$/);
      await page.getByTestId('change-list').waitFor();
      const changes = await page.getByTestId('change-list').textContent();
      // By titles, with field-level detail: the retry now goes to 已重新加热.
      expect(changes).toContain('已入册 › 已重新加热');
      expect(changes).toContain('过敏食物');
      expect(changes).toMatch(/去向：已入册 › 已到小区门口 → 已入册 › 已重新加热/);
      expect(changes).toContain('暂停送餐');
      expect(await page.getByTestId('verdict').textContent()).toContain('需要管理员指定');
      expect(await page.getByTestId('concerns').textContent()).toContain('状态“暂停送餐”已删除');
      expect(await page.getByTestId('publish-note').textContent()).toContain('增加“已重新加热”');
      // Chinese mode shows no English word of the diff.
      expect(await page.getByTestId('migrate-diff').textContent()).not.toMatch(/[A-Za-z]{4,}/);
      await shot('21-migrate-diff');
    });

    it('runs the dry run: the suspended residents cannot move until their state is chosen', async () => {
      await page.getByTestId('dry-run').click();
      await eventually(() => page.getByTestId('dry-run-summary').textContent()).toContain(
        '共 8 个个案：可迁移 6 个，无法迁移 2 个',
      );
      const refused = page.locator('tr[data-movable="false"]');
      expect(await refused.count()).toBe(2);
      expect(await refused.first().textContent()).toContain('所在状态“暂停送餐”在新版本中已删除');
      // Moving all is refused while any case cannot move; moving only those that can is offered.
      expect(await page.getByTestId('move-all-blocked').textContent()).toContain(
        '2 个个案无法迁移',
      );
      expect(await page.getByTestId('migrate').isDisabled()).toBe(true);
      await page.getByTestId('move-only-movable').check();
      expect(await page.getByTestId('migrate').isDisabled()).toBe(false);
      await page.getByTestId('move-all').check();
      await shot('22-dry-run-refused');

      await page.getByTestId('map-suspended').selectOption('enrolled.prepared');
      await page.getByText('您改了上面的选择，请重新试运行。').waitFor();
      await page.getByTestId('dry-run').click();
      await eventually(() => page.getByTestId('dry-run-summary').textContent()).toContain(
        '共 8 个个案：可迁移 8 个，无法迁移 0 个',
      );
      const table = await page.getByTestId('plan-table').textContent();
      expect(table).toContain('暂停送餐 → 已入册 › 食堂已备餐');
      expect(table).toContain('已申请 → 已申请');
      expect(table).toContain('过敏食物：none');
      expect(table).toMatch(/保留 1/);
      await shot('23-dry-run');
    });

    it('reads in English and fits a phone', async () => {
      await page.getByTestId('app-lang').click();
      await eventually(() => page.getByTestId('dry-run-summary').textContent()).toContain(
        '8 cases: 8 can move',
      );
      expect(await page.getByTestId('change-list').textContent()).toContain(
        'target: Enrolled › At the compound gate → Enrolled › Reheated',
      );
      await shot('24-dry-run-en');
      const phone = await context.newPage();
      phone.on('pageerror', (e) => errors.push(e.message));
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${target.url}/programmes/${programmeId}/migrate`);
      await phone.getByTestId('map-suspended').selectOption('enrolled.prepared');
      await phone.getByTestId('dry-run').click();
      await phone.getByTestId('plan-table').waitFor();
      expect(await sidewaysScroll(phone)).toBeLessThanOrEqual(0);
      await shot('25-migrate-phone-en', phone);
      await phone.getByTestId('app-lang').click();
      await eventually(() => phone.getByTestId('dry-run-summary').textContent()).toContain(
        '共 8 个',
      );
      expect(await sidewaysScroll(phone)).toBeLessThanOrEqual(0);
      // Large targets: the choices and buttons are at least 44 px high.
      for (const box of [
        phone.getByTestId('map-suspended'),
        phone.getByTestId('dry-run'),
        phone.getByTestId('migrate'),
        phone.locator('label.choice-radio').first(),
      ])
        expect((await box.boundingBox())!.height).toBeGreaterThanOrEqual(44);
      await phone.getByTestId('plan-table').scrollIntoViewIfNeeded();
      await shot('26-migrate-phone', phone);
      await phone.close();
      await page.getByTestId('app-lang').click();
      await eventually(() => page.getByTestId('dry-run-summary').textContent()).toContain(
        '共 8 个',
      );
    });

    it('migrates after confirming, shows the result and the history entry', async () => {
      await page.getByTestId('migrate').click();
      expect(await page.getByTestId('migrate-confirm').textContent()).toContain(
        '将 8 个个案迁移到 v2？',
      );
      await page.getByTestId('migrate-yes').click();
      await eventually(() => page.getByTestId('migrate-result').textContent()).toContain(
        '迁移完成：迁移 8 个个案（分 1 批），未迁移 0 个',
      );
      await shot('27-migrated');
      await page.getByTestId('back-to-programme').click();
      await page.getByTestId('dashboard').waitFor();
      expect(await page.getByTestId('newer-version').count()).toBe(0);
      const entry = page.locator('[data-testid="change-log"] tr[data-kind="migration"]');
      await eventually(() => entry.textContent()).toContain('v2：迁移 8 个，未迁移 0 个');
      expect(await entry.textContent()).toContain('迁移模板版本');
      expect(await entry.textContent()).toContain('周主任');
      await entry.scrollIntoViewIfNeeded();
      await shot('28-history');

      // The server holds every case on v2, the suspended ones in the state chosen for them.
      const list = await call<{ items: { id: string }[] }>(
        adminKey,
        `/programmes/${programmeId}/cases?limit=500`,
      );
      expect(list.items).toHaveLength(8);
      const cases = await Promise.all(
        list.items.map((c) =>
          call<{
            id: string;
            ref: string;
            state: string;
            template: { version: number };
            data: object;
          }>(adminKey, `/cases/${c.id}`),
        ),
      );
      expect(new Set(cases.map((c) => c.template.version))).toEqual(new Set([2]));
      expect(cases.find((c) => c.ref === 'LM-007')).toMatchObject({
        state: 'enrolled.prepared',
        data: { allergies: 'none' },
      });
      // The case's history names the move, with the old state by its old title.
      const moved = cases.find((c) => c.ref === 'LM-007')!;
      await page.goto(`${target.url}/programmes/${programmeId}/cases/${moved.id}`);
      const history = page.getByTestId('history').locator('li').first();
      await eventually(() => history.textContent()).toContain('迁移到新版本');
      expect(await history.textContent()).toContain('v1 → v2');
      expect(await history.textContent()).toContain('暂停送餐 → 已入册 › 食堂已备餐');
      await shot('29-case-migrated');
      const programme = await call<{ version: number }>(adminKey, `/programmes/${programmeId}`);
      expect(programme.version).toBe(2);
      expect(errors).toEqual([]);
    }, 60_000);

    it('moves only those that can, says who stayed behind, and moves them later', async () => {
      const second = await call<{ id: string }>(adminKey, '/programmes', {
        template: 'love-meals',
        version: 1,
        district: STREET,
        title: '长征镇爱心餐（二）',
        params: { openEnrollment: true },
      });
      for (const [i, name] of ['钱秀兰', '孙建华', '周桂芳'].entries()) {
        const c = await call<{ id: string }>(adminKey, `/programmes/${second.id}/cases`, {
          ref: `LM2-${i + 1}`,
          data: { name, age: 86, address: `长寿路 ${200 + i} 号`, careLevel: 5 },
        });
        if (i === 2) {
          await send(c.id, 'review');
          await send(c.id, 'suspend', { reason: '住院' });
        }
      }
      const base = `${target.url}/programmes/${second.id}`;
      await page.goto(`${base}/migrate`);
      await page.getByTestId('dry-run').click();
      await eventually(() => page.getByTestId('dry-run-summary').textContent()).toContain(
        '共 3 个个案：可迁移 2 个，无法迁移 1 个',
      );
      await page.getByTestId('move-only-movable').check();
      await page.getByTestId('migrate').click();
      expect(await page.getByTestId('migrate-confirm').textContent()).toContain(
        '将 2 个个案迁移到 v2？',
      );
      await page.getByTestId('migrate-yes').click();
      await eventually(() => page.getByTestId('migrate-result').textContent()).toContain(
        '迁移 2 个个案',
      );
      expect(await page.getByTestId('left-note').textContent()).toContain(
        '有 1 个个案留在原来的版本',
      );
      // The programme page says a case stayed behind, and leads back to move it.
      await page.getByTestId('back-to-programme').click();
      await eventually(() => page.getByTestId('left-behind').textContent()).toContain(
        '有 1 个个案留在旧版本',
      );
      // Its state is titled by the version it is on, not shown as a key.
      expect(await page.getByTestId('by-state').textContent()).toContain('暂停送餐');
      expect(await page.getByTestId('by-state').textContent()).not.toContain('suspended');
      await shot('30-left-behind');
      await page.getByTestId('go-migrate').click();
      await page.getByTestId('migrate-same').waitFor();
      await page.getByTestId('dry-run').click();
      await eventually(() => page.getByTestId('dry-run-summary').textContent()).toContain(
        '可迁移 0 个，无法迁移 1 个，已在新版本 2 个',
      );
      // Titled by the version it is on (v1), not by a key.
      expect(await page.locator('tr[data-movable="false"]').textContent()).toContain('暂停送餐');
      await page.getByTestId('map-suspended').selectOption('enrolled.prepared');
      await page.getByTestId('dry-run').click();
      await eventually(() => page.getByTestId('dry-run-summary').textContent()).toContain(
        '可迁移 1 个，无法迁移 0 个',
      );
      await page.getByTestId('migrate').click();
      await page.getByTestId('migrate-yes').click();
      await eventually(() => page.getByTestId('migrate-result').textContent()).toContain(
        '迁移 1 个个案',
      );
      await page.getByTestId('back-to-programme').click();
      await page.getByTestId('dashboard').waitFor();
      const log = page.locator('[data-testid="change-log"] tr[data-kind="migration"]');
      await eventually(() => log.count()).toBe(2);
      expect(await log.first().textContent()).toContain('此前留在旧版本的个案');
      expect(await log.first().textContent()).toContain('迁移 1 个，未迁移 0 个');
      expect(await page.getByTestId('left-behind').count()).toBe(0);
      await log.first().scrollIntoViewIfNeeded();
      await shot('31-continued');
      expect(errors).toEqual([]);
    }, 90_000);
  },
);
