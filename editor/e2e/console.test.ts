/**
 * The console journey in Debian's Chromium against the real server: an admin signs in, starts
 * love-meals for a street, imports a 240-row XLSX roster (178 qualify under the normal rule),
 * reviews them (one through the case page, the rest over the API), previews opening the rule
 * (62 more would qualify), applies it, and the dashboard shows the figures. Screenshots at
 * 1366×768 and 390×844, in Chinese and English (`DOCS_SHOTS=1` writes them to docs/console/).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { gateSuite } from '@relief/engine/testing';
import { residents, rosterXlsx } from './console-roster.js';
import {
  CONSOLE_PAGE,
  closeAll,
  consoleShots,
  e2eDatabases,
  eventually,
  openChromium,
  putuoAdminKey,
} from './design-page.js';
import type { Target } from './design-page.js';
import { CHROMIUM, hasChromium, startTarget } from './e2e-target.js';

const DATABASES = e2eDatabases('the Programmes console');

const STREET = 'sh/putuo/changzheng';
const roster = residents();

describe
  .runIf(
    gateSuite(
      'the Programmes console in Chromium',
      hasChromium ? undefined : `no Chromium at ${CHROMIUM}`,
    ),
  )
  .each(DATABASES)(
  'the Programmes console in Chromium on %s',
  (database) => {
    let target: Target;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;
    let adminKey = '';
    let signIn: { login: string; password: string } | undefined;
    let programmeId = '';
    const errors: string[] = [];

    const api = async <T>(path: string, init: RequestInit = {}): Promise<T> => {
      const response = await fetch(`${target.url}/api/v1${path}`, {
        ...init,
        headers: {
          Authorization: `Bearer ${adminKey}`,
          'Content-Type': 'application/json',
          ...(init.headers as Record<string, string>),
        },
      });
      if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
      return (await response.json()) as T;
    };
    const shot = consoleShots(database, 'console', () => page);
    const casesIn = async (state: string) => {
      const out: { id: string; ref: string | null; version: number }[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: typeof out; nextCursor: string | null } = await api(
          `/programmes/${programmeId}/cases?state=${state}&limit=500${cursor ? `&cursor=${cursor}` : ''}`,
        );
        out.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return out;
    };

    beforeAll(async () => {
      target = await startTarget(database);
      adminKey = await putuoAdminKey(target);
      const owner = { Authorization: `Bearer ${target.key}`, 'Content-Type': 'application/json' };
      // People sign in when the server has sessions; until then the key is the way in.
      const session = await fetch(`${target.url}/api/v1/session`);
      if (session.status === 401) {
        signIn = { login: 'putuo-admin', password: 'correct horse battery' };
        const person = await fetch(`${target.url}/api/v1/people`, {
          method: 'POST',
          headers: owner,
          body: JSON.stringify({
            ...signIn,
            displayName: '周主任',
            roles: ['admin', 'committee'],
            district: 'sh/putuo',
          }),
        });
        if (!person.ok)
          throw new Error(`creating the admin: ${person.status} ${await person.text()}`);
      }
      ({ browser, context, page } = await openChromium(errors, CONSOLE_PAGE));
    }, 180_000);

    afterAll(() => closeAll(browser, target));

    it('signs in and lands on the programmes overview; the console did not load the editor', async () => {
      const scripts: string[] = [];
      page.on('request', (r) => {
        if (r.resourceType() === 'script') scripts.push(r.url());
      });
      const started = Date.now();
      const served = await page.goto(`${target.url}/programmes`);
      expect(served?.headers()['content-security-policy']).toMatch(/default-src 'self'/);
      expect(served?.headers()['content-security-policy']).toMatch(/script-src 'self';/);
      await page.waitForURL(/\/sign-in\?next=/);
      await page.getByTestId('login').waitFor();
      const signInScreen = Date.now() - started;
      await shot('01-sign-in');
      await page.getByTestId('login').fill('nobody');
      await page.getByTestId('password').fill('wrong password');
      await page.getByTestId('sign-in').click();
      await eventually(() => page.getByTestId('sign-in-error').textContent()).toMatch(
        /账号或密码不正确|尚未开通账号登录/,
      );
      if (signIn) {
        await page.getByTestId('login').fill(signIn.login);
        await page.getByTestId('password').fill(signIn.password);
        await page.getByTestId('sign-in').click();
      } else {
        await page.locator('.key-fallback summary').click();
        await page.getByTestId('key-input').fill(adminKey);
        await page.getByTestId('use-key').click();
      }
      await page.waitForURL(/\/programmes$/);
      await page.getByText('还没有项目').waitFor();
      // The header names roles by title (居委会), never by key (committee), in zh mode.
      if (signIn)
        expect(await page.getByTestId('who').textContent()).toBe('周主任 · 辖区管理员、居委会');
      expect(scripts.some((s) => /DesignArea/.test(s))).toBe(false);
      console.log(`sign-in screen in ${signInScreen} ms; scripts: ${scripts.length}`);
      await shot('02-overview-empty');
    });

    it('starts love-meals for a street from the gallery, with a located error first', async () => {
      await page.getByTestId('start-new').click();
      await page.getByTestId('template-love-meals').waitFor();
      await shot('03-gallery');
      await page.getByTestId('use-love-meals').click();
      await page.getByTestId('start-programme').waitFor();
      // A district outside the admin's scope is refused by the server, in Chinese.
      await page.getByTestId('district').fill('sh/jingan/jiangning');
      await page.locator('#params_minAge').fill('200');
      await page.getByTestId('start-programme').click();
      await eventually(() =>
        page.locator('.json-form .error-detail').first().textContent(),
      ).toContain('不能大于 130');
      await page.locator('#params_minAge').fill('80');
      await page.getByTestId('start-programme').click();
      await eventually(() => page.getByTestId('district-error').textContent()).toMatch(
        /辖区|管辖范围/,
      );
      await shot('04-start-form-error');
      await page.getByTestId('district').fill(STREET);
      await page.getByTestId('programme-title').fill('长征镇爱心餐');
      await page.getByTestId('start-programme').click();
      await page.waitForURL(/\/programmes\/[0-9a-f-]{36}$/);
      programmeId = /programmes\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      await page.getByTestId('dashboard').waitFor();
    });

    it('shows a dry run’s row errors in a table, then imports the 240-row XLSX roster with progress', async () => {
      await page.getByTestId('go-import').click();
      await page.getByTestId('roster-file').setInputFiles({
        name: '有错的名单.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(
          '编号,姓名,年龄,送餐地址\nX-1,王阿婆,85,梅岭北路 3 号\nX-2,李老伯,八十,梅岭北路 5 号\n',
        ),
      });
      await page.getByTestId('dry-run').click();
      await eventually(() => page.getByTestId('dry-run-result').textContent()).toContain(
        '1 行有错误',
      );
      const error = page.getByTestId('row-errors').locator('tbody tr').first();
      expect(await error.locator('td').allTextContents()).toEqual([
        '3',
        '年龄',
        '“年龄”的类型不对（应为整数）',
      ]);
      await shot('05-dry-run-errors');

      await page.getByTestId('roster-file').setInputFiles({
        name: '长征镇爱心餐名单.xlsx',
        mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        buffer: rosterXlsx(roster),
      });
      await eventually(() => page.getByTestId('rows-read').textContent()).toContain('240');
      // 姓名, 年龄, 长护险评估等级, 行动不便 and 编号 match by title; 地址 is mapped by hand.
      expect(await page.getByTestId('map-1').inputValue()).toBe('name');
      expect(await page.getByTestId('map-0').inputValue()).toBe('$ref');
      expect(await page.getByTestId('map-5').inputValue()).toBe('');
      await page.getByText('必填字段“送餐地址”还没有对应的列').waitFor();
      await page.getByTestId('map-5').selectOption('address');
      await shot('06-roster-mapping');
      await page.getByTestId('dry-run').click();
      await eventually(() => page.getByTestId('dry-run-result').textContent()).toContain(
        '240 行可以导入',
      );
      await page.getByTestId('import-now').click();
      await eventually(() => page.getByTestId('import-result').textContent()).toContain(
        '新建 240 个个案',
      );
      await shot('07-imported');
      // The same file again imports nothing twice.
      await page.getByTestId('import-now').click();
      await eventually(() => page.getByTestId('import-result').textContent()).toContain(
        '新建 0 个个案，跳过重复 240 行',
      );
      expect((await casesIn('applied')).length).toBe(240);
    });

    it('reviews one resident on the case page and the other qualifying ones over the API', async () => {
      await page.goto(`${target.url}/programmes/${programmeId}/cases`);
      await eventually(() => page.getByTestId('case-count').textContent()).toContain('240');
      await shot('08-cases');
      const first = roster[0]!;
      await page.getByTestId('filter-text').fill(first.ref);
      await eventually(() => page.getByTestId('case-row').count()).toBe(1);
      await page.getByTestId('case-row').click();
      await page.getByTestId('case-page').waitFor();
      // The assessment form says what is missing, in Chinese, on the field.
      await page.getByTestId('event-assess').click();
      await page.getByTestId('event-assess-send').click();
      await eventually(() =>
        page.locator('.event-form .error-detail').first().textContent(),
      ).toContain('必须填写');
      await shot('09-case-form-error');
      await page.getByRole('button', { name: '取消' }).click();
      // Someone else reviews first: sending on the stale page says so and reloads.
      const caseId = /cases\/([0-9a-f-]{36})/.exec(page.url())![1]!;
      await api(`/cases/${caseId}/events`, {
        method: 'POST',
        body: JSON.stringify({ type: 'assess', payload: { careLevel: 1, mobilityImpaired: true } }),
      });
      await page.getByTestId('event-review').click();
      await eventually(() => page.getByTestId('case-notice').textContent()).toContain(
        '刚被其他人更新过',
      );
      await shot('10-case-conflict');
      await page.getByTestId('event-review').click();
      await eventually(() => page.getByTestId('case-notice').textContent()).toContain(
        '已办理“居委会审核”',
      );
      await eventually(() => page.locator('.state-map li.here').first().textContent()).toBe(
        '已入册',
      );
      await shot('11-case-reviewed');

      const applied = await casesIn('applied');
      const qualifying = new Set(roster.filter((r) => r.qualifies).map((r) => r.ref));
      const toReview = applied.filter((c) => c.ref && qualifying.has(c.ref));
      expect(toReview.length).toBe(177);
      for (const c of toReview)
        await api(`/cases/${c.id}/events`, {
          method: 'POST',
          body: JSON.stringify({ type: 'review' }),
        });
      expect((await casesIn('enrolled')).length).toBe(178);
    }, 120_000);

    it('previews opening enrolment (62 more would qualify), applies it, and the dashboard shows the figures', async () => {
      await page.goto(`${target.url}/programmes/${programmeId}/rule`);
      await page.locator('#rule_openEnrollment').check();
      await page.getByTestId('preview-rule').click();
      await page.getByTestId('apply-rule').waitFor();
      const hasPreview = await page.getByTestId('preview-summary').count();
      if (hasPreview) {
        await eventually(() => page.getByTestId('preview-summary').textContent()).toMatch(
          /62 个会受影响/,
        );
        expect(
          await page
            .getByTestId('preview-table')
            .locator('tbody tr')
            .first()
            .locator('td')
            .last()
            .textContent(),
        ).toBe('62');
      } else {
        await page.getByText('此服务器尚不支持预览').waitFor();
      }
      await shot('12-rule-preview');
      await page.getByTestId('apply-rule').click();
      await page.getByTestId('dashboard').waitFor();
      for (const c of await casesIn('applied'))
        await api(`/cases/${c.id}/events`, {
          method: 'POST',
          body: JSON.stringify({ type: 'review' }),
        });
      await page.reload();
      await eventually(() => page.getByTestId('figure-total').textContent()).toContain('240');
      expect(
        await page
          .getByTestId('by-state')
          .locator('tr[data-state="enrolled.prepared"] td.num')
          .textContent(),
      ).toBe('240');
      // Every case lives at the street itself: one row in the roll-up, with all 240.
      expect(
        await page.getByTestId('by-district').locator('tbody tr td.num').first().textContent(),
      ).toBe('240');
      await page.getByTestId('deadlines').waitFor();
      await page.getByTestId('events-chart').waitFor();
      expect(await page.getByTestId('change-log').textContent()).toContain('参数');
      await shot('13-dashboard');
      const download = page.waitForEvent('download');
      await page.getByTestId('export-xlsx-cases-by-state').click();
      expect((await download).suggestedFilename()).toMatch(/^cases-by-state-.*\.xlsx$/);
      // Reload keeps the place; back goes back.
      await page.getByTestId('go-cases').click();
      await page.waitForURL(/\/cases$/);
      await page.reload();
      await eventually(() => page.getByTestId('case-count').textContent()).toContain('240');
      await page.goBack();
      await page.getByTestId('dashboard').waitFor();
    }, 120_000);

    it('reads in English and stacks on a phone', async () => {
      await page.getByTestId('app-lang').click();
      await eventually(() => page.getByTestId('figure-total').textContent()).toContain('Cases');
      await shot('14-dashboard-en');
      await page.goto(`${target.url}/programmes`);
      await page.getByTestId('programme-table').waitFor();
      await shot('15-overview-en');
      await page.getByTestId('app-lang').click();
      const phone = await context.newPage();
      await phone.setViewportSize({ width: 390, height: 844 });
      await phone.goto(`${target.url}/programmes/${programmeId}`);
      await phone.getByTestId('figure-total').waitFor();
      const overflow = await phone.evaluate(
        () => document.documentElement.scrollWidth - window.innerWidth,
      );
      expect(overflow).toBeLessThanOrEqual(0);
      await shot('16-dashboard-phone', phone);
      await phone.goto(`${target.url}/programmes/${programmeId}/cases`);
      await eventually(() => phone.getByTestId('case-count').textContent()).toContain('240');
      await shot('17-cases-phone', phone);
      await phone.close();
      expect(errors).toEqual([]);
    }, 60_000);

    it('adds a cadre on the people page with a located error first, and disables the account', async () => {
      expect(signIn, 'the real server manages people').toBeDefined();
      await page.goto(`${target.url}/admin/people`);
      await page.getByTestId('people').waitFor();
      await page.getByTestId('person-display-name').fill('李敏');
      await page.getByTestId('person-login').fill('li.min');
      await page.getByTestId('person-password').fill('short');
      await page.getByTestId('role-committee').check();
      await page.getByTestId('add-person').click();
      // Refused by the server, said on the field in Chinese: nothing was created.
      await eventually(() => page.getByTestId('people-notice').textContent()).toContain(
        '“密码”至少需要 10 个字符',
      );
      expect(await page.locator('tr[data-login="li.min"]').count()).toBe(0);
      await shot('18-people-error');
      await page.getByTestId('person-password').fill('meals-every-day');
      await page.getByTestId('add-person').click();
      const row = page.locator('tr[data-login="li.min"]');
      await row.waitFor();
      expect(await row.textContent()).toContain('居委会');
      expect(await row.textContent()).not.toContain('committee');
      // The new cadre signs in with that password…
      const signInAs = () =>
        fetch(`${target.url}/api/v1/session`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: JSON.stringify({ login: 'li.min', password: 'meals-every-day' }),
        });
      expect((await signInAs()).status).toBe(200);
      // …until the admin disables the account.
      await row.getByTestId('toggle-person').click();
      await eventually(() => row.getByTestId('person-status').textContent()).toBe('已停用');
      await shot('19-people');
      expect((await signInAs()).status).toBe(401);
      expect(errors).toEqual([]);
    }, 60_000);

    it('reassigns a case: a name nobody holds is kept and flagged, a colleague is matched', async () => {
      await api('/people', {
        method: 'POST',
        body: JSON.stringify({
          login: 'zhao.gan',
          displayName: '赵干部',
          password: 'correct horse battery',
          roles: ['committee'],
          district: STREET,
        }),
      });
      const [resident] = await casesIn('enrolled');
      await page.goto(`${target.url}/programmes/${programmeId}/cases/${resident!.id}`);
      await page.getByTestId('case-page').waitFor();
      await page.getByTestId('reassign').click();
      await page.getByTestId('reassign-to').fill('nobody.here');
      await page.getByTestId('reassign-confirm').click();
      await eventually(() => page.getByTestId('case-notice').textContent()).toBe(
        '已改派给 nobody.here',
      );
      await page.getByTestId('assignee-unknown').waitFor();
      await shot('20-reassign-unknown');
      await page.getByTestId('reassign').click();
      await page.getByTestId('reassign-to').fill('zhao.gan');
      await page.getByTestId('reassign-confirm').click();
      await eventually(() => page.getByTestId('case-notice').textContent()).toBe(
        '已改派给 zhao.gan',
      );
      await eventually(() => page.getByTestId('assignee-unknown').count()).toBe(0);
      expect(await page.getByTestId('case-data').textContent()).toContain('赵干部');
      await shot('21-reassigned');
      const history = await api<{ items: { type: string }[] }>(`/cases/${resident!.id}/history`);
      expect(history.items.filter((h) => h.type === '(reassign)')).toHaveLength(2);
      expect(errors).toEqual([]);
    }, 60_000);
  },
  600_000,
);
