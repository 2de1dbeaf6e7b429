/**
 * End to end in Debian's Chromium: open love-meals from the server, edit on the canvas and in the
 * YAML, see a marker, simulate a case to `enrolled`, save, publish, reload, compare versions.
 * Runs against the real server when E2E_BASE_URL/E2E_API_KEY are set (see e2e-target.ts).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { gateSuite } from '@relief/engine/testing';
import { closeAll, openTemplate, pasteApiKey, startDesign } from './design-page.js';
import type { Target } from './design-page.js';
import { CHROMIUM, hasChromium, screenshot } from './e2e-target.js';
import { createApiClient } from '../src/api/api-client.js';
import { dragBetween, placeYamlCursor, yamlText } from './page-helpers.js';

/** Polls patiently: CI runs this beside the other suites on two cores. */
const eventually = <T>(fn: () => T | Promise<T>) =>
  expect.poll(fn, { timeout: 15_000, interval: 100 });

const loveMeals = readFileSync(new URL('../../templates/love-meals.yaml', import.meta.url), 'utf8');
const winterKits = readFileSync(
  new URL('../../templates/winter-kits.yaml', import.meta.url),
  'utf8',
);
/** `DOCS_SHOTS=1` also writes the laid-out template's pictures to editor/docs (for the README). */
const LAYOUT_SHOTS = resolve(import.meta.dirname, '..', 'docs');

describe.runIf(
  gateSuite('editor in Chromium', hasChromium ? undefined : `no Chromium at ${CHROMIUM}`),
)(
  'editor in Chromium',
  () => {
    let target: Target;
    let browser: Browser;
    let page: Page;
    const errors: string[] = [];

    // On screen, as drawn: no edge label on a state or on another label.
    const overlaps = () =>
      page.evaluate(() => {
        const boxes = (sel: string) =>
          [...document.querySelectorAll(sel)].map((e) => ({
            name: e.getAttribute('data-state')
              ? `state ${e.getAttribute('data-state')}`
              : (e.textContent ?? ''),
            box: e.getBoundingClientRect(),
          }));
        const hit = ({ box: a }: { box: DOMRect }, { box: b }: { box: DOMRect }) =>
          a.left < b.right - 0.5 &&
          b.left < a.right - 0.5 &&
          a.top < b.bottom - 0.5 &&
          b.top < a.bottom - 0.5;
        const labels = boxes('.edge-label');
        const states = boxes('.state-node');
        // Each overlap named, "label on label" or "label on state".
        return labels.flatMap((a, i) =>
          [...labels.slice(i + 1), ...states]
            .filter((b) => hit(a, b))
            .map((b) => `${a.name} on ${b.name}`),
        );
      });

    beforeAll(async () => {
      ({ target, browser, page } = await startDesign(errors, {
        template: loveMeals,
        viewport: { width: 1600, height: 900 },
      }));
    }, 120_000);

    afterAll(() => closeAll(browser, target));

    it('signs in with a pasted key and opens love-meals from the server', async () => {
      await pasteApiKey(page, target);
      await openTemplate(page, 'love-meals', 'enrolled.prepared');
      expect(await page.locator('.react-flow__node').count()).toBe(9);
      expect(await page.locator('.react-flow__node.react-flow__node-compound').count()).toBe(1);
      expect(await page.locator('[data-edge^="after:"]').count()).toBe(3);
      expect(
        await page.locator('.react-flow__node[data-id="enrolled.atGate"] .internal').textContent(),
      ).toContain('30分钟');
      expect(await yamlText(page)).toContain('id: love-meals');
      await page.locator('[data-edge-internal="on:applied:assess:0"]').click();
      await page.getByTestId('transition-inspector').waitFor();
      await page.locator('[data-edge="on:applied:review:0"]').click();
      await eventually(() => page.getByTestId('guard-input').textContent()).toContain('✓');
      await screenshot(page, 'editor-love-meals');
    });

    it('lays the graph out with routed edges and labels clear of states; folds and unfolds a group', async () => {
      await page.locator('.react-flow[data-layout="done"]').waitFor();
      await eventually(() => page.locator('.edge-label[data-routed]').count()).toBe(15);
      expect(await overlaps()).toEqual([]);
      const toggle = page.locator(
        '.react-flow__node[data-id="enrolled"] [data-testid="toggle-group"]',
      );
      expect(await toggle.getAttribute('aria-label')).toBe('折叠 已入册');
      await toggle.click();
      await eventually(() => page.locator('.react-flow__node').count()).toBe(5);
      expect(
        await page.locator('.react-flow__node[data-id="enrolled"] .hidden-count').textContent(),
      ).toBe('含 4 个状态');
      await eventually(() => page.url()).toContain('folded=enrolled');
      // Transitions into and out of the group stay, drawn to the folded group; inner ones hide.
      // (Drawn once the fold's layout has come back from the worker: wait for it, not a moment.)
      await eventually(() => page.locator('[data-layout="done"]').count()).toBeGreaterThan(0);
      await eventually(() => page.locator('[data-edge="on:enrolled:end:0"]').count()).toBe(1);
      await eventually(() => page.locator('[data-edge="on:enrolled.failed:retry:0"]').count()).toBe(
        0,
      );
      await eventually(() => page.locator('.edge-label[data-routed]').count()).toBe(
        await page.locator('.edge-label').count(),
      );
      expect(await overlaps()).toEqual([]);
      await screenshot(page, 'editor-folded');
      await page
        .locator('.react-flow__node[data-id="enrolled"] [data-testid="toggle-group"]')
        .click();
      await eventually(() => page.locator('.react-flow__node').count()).toBe(9);
      await eventually(() => page.url()).not.toContain('folded=');
      await eventually(() => page.locator('.edge-label[data-routed]').count()).toBe(15);
    });

    it('exports the whole graph as SVG and PNG, labels as shown', async () => {
      await page.getByTestId('export').click();
      const [svg] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-svg').click(),
      ]);
      expect(svg.suggestedFilename()).toBe('love-meals-v1-zh.svg');
      const text = readFileSync(await svg.path(), 'utf8');
      expect(text.startsWith('<svg')).toBe(true);
      const size = (name: string) => Number(new RegExp(`${name}="(\\d+)"`).exec(text)?.[1]);
      // All of the graph at full size, not the part in view: wider and taller than the canvas.
      expect(size('width')).toBeGreaterThan(500);
      expect(size('height')).toBeGreaterThan(700);
      for (const label of ['已入册', '食堂已备餐', '居委会审核', '恢复送餐'])
        expect(text).toContain(label);
      expect(text).not.toContain('react-flow__handle');
      await page.getByTestId('export').click();
      const [png] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-png').click(),
      ]);
      expect(png.suggestedFilename()).toBe('love-meals-v1-zh.png');
      const bytes = readFileSync(await png.path());
      expect(bytes.subarray(1, 4).toString()).toBe('PNG');
      // Twice the pixels of the SVG, for print.
      expect(bytes.readUInt32BE(16)).toBe(size('width') * 2);
      expect(bytes.readUInt32BE(20)).toBe(size('height') * 2);
      expect(bytes.length).toBeGreaterThan(50_000);
      await eventually(() => page.getByTestId('notice').textContent()).toContain('已导出');
    });

    it('adds a state from the palette and connects it with a new event; the YAML follows', async () => {
      await page.getByTestId('palette-atomic').click();
      await page.locator('.react-flow__node[data-id="state"]').waitFor();
      expect(await page.locator('.react-flow__node').count()).toBe(10);
      await page.getByTestId('state-title-zh').fill('候补');
      await page.getByTestId('state-title-zh').press('Enter');
      await eventually(() => yamlText(page)).toContain('title: { zh: 候补, en: New state }');
      await dragBetween(
        page,
        '.react-flow__node[data-id="state"] .react-flow__handle.source',
        '.react-flow__node[data-id="ended"] .react-flow__handle.target',
      );
      // A new event is named in Chinese and English; its key is made from the English name.
      await page.getByRole('dialog').getByPlaceholder('中文名称').fill('结案');
      await page.getByRole('dialog').getByPlaceholder('英文名称').fill('Close');
      await page.getByRole('dialog').getByRole('button', { name: '＋ 新事件' }).click();
      await eventually(() => yamlText(page)).toContain('      close: ended');
      expect(await yamlText(page)).toContain('  close:\n    title: { zh: 结案, en: Close }');
      // The canvas draws the new edge once its route is laid out, which may come after the YAML.
      await eventually(() => page.locator('[data-edge="on:state:close:0"]').count()).toBe(1);
      expect(await yamlText(page)).toContain('# 爱心餐 Love meals — Changzheng town');
      await screenshot(page, 'editor-added-state');
    });

    it('shows a marker and a problem for an unknown target typed in the YAML, and undo clears it', async () => {
      await placeYamlCursor(page, '- target: rejected');
      await page.keyboard.press('End');
      await page.keyboard.press('Backspace');
      await page.keyboard.press('Backspace');
      await page.keyboard.type('d');
      await page.locator('[data-testid="problems"] [data-code="unknown-target"]').waitFor();
      await eventually(() =>
        page.locator('.react-flow__node[data-id="applied"] [data-testid="issue-marker"]').count(),
      ).toBe(1);
      await page.locator('[data-testid="problems"] [data-code="unknown-target"]').click();
      await eventually(() => page.getByTestId('transition-inspector').count()).toBe(1);
      await screenshot(page, 'editor-unknown-target');
      await page.getByTestId('undo').click();
      await eventually(() =>
        page.locator('[data-testid="problems"] [data-code="unknown-target"]').count(),
      ).toBe(0);
      expect(await yamlText(page)).toContain('- target: rejected');
    });

    it('simulates a case to enrolled with the engine step, drawing the path', async () => {
      await page.getByTestId('tab-simulator').click();
      await page.locator('#sim-data-age').fill('86');
      await page.locator('#sim-data-mobilityImpaired').selectOption('true');
      await page.getByTestId('sim-start').click();
      await eventually(() => page.getByTestId('sim-current').textContent()).toBe('已申请');
      await page.locator('[data-testid="simulator-run"] button[data-event="review"]').click();
      await eventually(() => page.getByTestId('sim-current').textContent()).toBe('食堂已备餐');
      expect(
        await page
          .locator('.react-flow__node[data-id="enrolled.prepared"] .state-node.active')
          .count(),
      ).toBe(1);
      expect(await page.locator('[data-edge="on:applied:review:0"].on-path').count()).toBe(1);
      await page.locator('[data-testid="simulator-run"] button[data-event="carryToGate"]').click();
      await page.getByTestId('sim-next-timer').click();
      await eventually(() => page.getByTestId('sim-log').textContent()).toContain(
        '餐食已在小区门口等候 30 分钟',
      );
      await screenshot(page, 'editor-simulator');
      await page.getByTestId('sim-reset').click();
    });

    it('saves a draft, publishes, reloads and finds the change; compares two versions on the canvas', async () => {
      // A changed state for the diff: 不符合条件 gets a longer title.
      await page.getByRole('tab', { name: '属性', exact: true }).click();
      await page.locator('.react-flow__node[data-id="rejected"]').click();
      await page.getByTestId('state-title-zh').fill('不符合条件（已告知）');
      await page.getByTestId('state-title-zh').press('Enter');
      await eventually(() => yamlText(page)).toContain('不符合条件（已告知）');
      await page.getByTestId('save').click();
      await eventually(() => page.getByTestId('notice').textContent()).toMatch(/已保存为 v\d+/);
      const version = Number(
        /v(\d+)/.exec((await page.getByTestId('notice').textContent()) ?? '')![1],
      );
      expect(version).toBeGreaterThan(1);
      await page.getByTestId('publish').click();
      // Publishing asks first, with what changed since the last published version and a note.
      await eventually(() => page.getByTestId('publish-changes').textContent()).toContain('close');
      expect(await page.getByTestId('publish-verdict').textContent()).toMatch(/迁移/);
      await screenshot(page, 'editor-publish-confirm');
      await page.getByTestId('publish-note').fill('加上“结束”按钮');
      await page.getByTestId('publish-confirm').click();
      await eventually(() => page.getByTestId('notice').textContent()).toContain(
        `v${version} 已发布`,
      );
      await page.reload();
      await page.getByTestId('open').click();
      await page.locator('[data-template="love-meals"]').click();
      await page.locator('.react-flow__node[data-id="state"]').waitFor();
      expect(await page.getByTestId('doc-status').textContent()).toContain(`v${version} · 已发布`);
      expect(await yamlText(page)).toContain('close: ended');
      await page.getByTestId('versions').click();
      await page
        .getByTestId('versions-dialog')
        .locator('select')
        .first()
        .selectOption(String(version - 1));
      await page.getByTestId('compare').click();
      await page.getByTestId('diff-banner').waitFor();
      expect(await page.locator('.react-flow__node .diff-added').count()).toBeGreaterThanOrEqual(1);
      // Laid out as the open template is (ELK, routed labels), so no label sits on another or on
      // a state (the per-level layout it had put the labels of the group's loop on each other).
      const labels = await page.locator('.edge-label').count();
      await eventually(() => page.locator('.edge-label[data-routed]').count()).toBe(labels);
      // (The state added from the palette keeps the place it was dropped at, its x-layout, which
      // no layout moves: a label may lie under it, on the canvas as here.)
      expect((await overlaps()).filter((o) => !o.endsWith(' on state state'))).toEqual([]);
      // The banner sits above the canvas, never over a node.
      const banner = (await page.getByTestId('diff-banner').boundingBox())!;
      const canvas = (await page.locator('.flow-box').boundingBox())!;
      expect(canvas.y).toBeGreaterThanOrEqual(banner.y + banner.height - 1);
      // The semantic diff beside: the new state, the new event, the changed title, by their titles.
      const list = page.getByTestId('diff-list');
      await eventually(() => list.textContent()).toContain('候补');
      expect(await list.textContent()).toContain('结案');
      expect(await list.textContent()).toContain('不符合条件（已告知）');
      // A changed state is marked; selecting it gives the old and the new value.
      expect(
        await page.locator('.react-flow__node[data-id="rejected"] .diff-changed').count(),
      ).toBe(1);
      // Not by colour only: every added, removed or changed state has its mark as text (+ − ~),
      // named in its tooltip and to a screen reader, as the transitions have theirs.
      const marks = await page.locator('.react-flow__node').evaluateAll((nodes) =>
        nodes.flatMap((n) => {
          const frame = n.querySelector('.state-node, .group-node');
          const status = /diff-(added|removed|changed)/.exec(frame?.className ?? '')?.[1] ?? '';
          const mark = n.querySelector('[data-testid="diff-mark"]');
          if (!status && !mark) return [];
          return [
            {
              status,
              text: mark?.textContent,
              label: mark?.getAttribute('aria-label'),
              title: mark?.getAttribute('title'),
              node: n.getAttribute('aria-label'),
            },
          ];
        }),
      );
      const expected = {
        added: { text: '+', label: '新增的状态', title: '新增的状态', node: /（新增）$/ },
        removed: { text: '−', label: '已删除的状态', title: '已删除的状态', node: /（删除）$/ },
        changed: { text: '~', label: '有修改的状态', title: '有修改的状态', node: /（修改）$/ },
      };
      expect(marks.map((m) => m.status)).toEqual(expect.arrayContaining(['added', 'changed']));
      for (const mark of marks)
        expect(mark).toMatchObject(expected[mark.status as keyof typeof expected]);
      await page.locator('.react-flow__node[data-id="rejected"]').click();
      const title = page.locator('[data-testid="diff-detail"] tr[data-path="title"]');
      await eventually(() => title.textContent()).toContain('名称');
      expect(await title.locator('.old').textContent()).toBe('不符合条件');
      expect(await title.locator('.new').textContent()).toBe('不符合条件（已告知）');
      // A list entry selects its edge: the new `close` transition.
      await list.locator('button[data-kind="transition"][data-key="state · close"]').click();
      await eventually(() =>
        page.locator('[data-testid="diff-detail"] .diff-detail-item').first().textContent(),
      ).toContain('结案');
      await screenshot(page, 'editor-diff');
      // The marks are text, so an exported picture keeps them.
      await page.getByTestId('export').click();
      const [svg] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('export-svg').click(),
      ]);
      const picture = readFileSync(await svg.path(), 'utf8');
      expect(picture).toMatch(/class="diff-mark changed"[^>]*>~</);
      expect(picture).toMatch(/class="diff-mark added"[^>]*>\+</);
      await page.getByRole('button', { name: '结束对比' }).click();
    });

    it('switches the interface and the template labels to English with one control', async () => {
      await page.getByTestId('app-lang').click();
      await eventually(() =>
        page.locator('.react-flow__node[data-id="applied"] .title').textContent(),
      ).toBe('Applied');
      expect(await page.getByTestId('save').textContent()).toContain('Save draft');
      await page.getByTestId('app-lang').click();
    });

    it('drags a state into a group, copies, pastes, deletes and undoes with the keyboard', async () => {
      const source = () => yamlText(page);
      // The language switch before lays the graph out again: drag once the states stay put.
      await page.locator('.react-flow[data-layout="done"]').waitFor();
      await dragBetween(
        page,
        '.react-flow__node[data-id="suspended"] .title',
        '.react-flow__node[data-id="enrolled.atGate"] .key',
        { dy: 50 },
      );
      await page.locator('.react-flow__node[data-id="enrolled.suspended"]').waitFor();
      expect(await source()).toContain('      suspend:\n        target: enrolled.suspended\n');
      await page.keyboard.press('Control+z');
      await page.locator('.react-flow__node[data-id="suspended"]').waitFor();
      await page.locator('.react-flow__node[data-id="rejected"]').click();
      await page.keyboard.press('Control+c');
      await page.keyboard.press('Control+v');
      await page.locator('.react-flow__node[data-id="rejectedCopy"]').waitFor();
      expect(await source()).toContain('  rejectedCopy:\n');
      await page.keyboard.press('Delete');
      await eventually(() =>
        page.locator('.react-flow__node[data-id="rejectedCopy"]').count(),
      ).toBe(0);
      await page.keyboard.press('Control+z');
      await page.locator('.react-flow__node[data-id="rejectedCopy"]').waitFor();
      await page.keyboard.press('Control+y');
      await eventually(() =>
        page.locator('.react-flow__node[data-id="rejectedCopy"]').count(),
      ).toBe(0);
      await page.locator('[data-edge="on:suspended:resume:0"]').click();
      await page.keyboard.press('Delete');
      await eventually(source).not.toContain('resume: enrolled');
      await screenshot(page, 'editor-keyboard');
      expect(errors).toEqual([]);
    });

    it('refuses a stale save and shows the other designer’s change on the canvas', async () => {
      await page.getByTestId('save').click();
      await eventually(() => page.getByTestId('notice').textContent()).toMatch(/已保存为 v\d+/);
      const version = Number(
        /v(\d+)/.exec((await page.getByTestId('notice').textContent()) ?? '')![1],
      );
      // Another designer saves the same draft first (with its ETag, as their editor would).
      const api = createApiClient({ origin: target.url, credentials: () => ({ key: target.key }) });
      const theirs = await api.call('getTemplateVersion', {
        path: { id: 'love-meals', v: version },
      });
      await api.call('createTemplate', {
        body: theirs.source.replace('  rejected:\n', '  waitlist:\n    type: final\n  rejected:\n'),
        headers: { 'If-Match': theirs.etag },
      });
      await page.getByTestId('save').click();
      await eventually(() => page.getByTestId('notice').textContent()).toMatch(
        new RegExp(`^未保存：v${version} 在您打开后已被 .+ 保存`),
      );
      await page.getByTestId('see-other-change').click();
      await eventually(() => page.getByTestId('diff-banner').textContent()).toContain(
        `对方保存的 v${version}`,
      );
      // Their new state, marked added on the canvas.
      await page.locator('.react-flow__node[data-id="waitlist"]').waitFor();
      await screenshot(page, 'editor-save-conflict');
      await page.getByRole('button', { name: '结束对比' }).click();
      expect(errors).toEqual([]);
    });

    it('shows winter-kits laid out on a laptop and a phone, in Chinese and English', async () => {
      for (const [width, height] of [
        [1366, 768],
        [390, 844],
      ] as const)
        for (const lang of ['zh', 'en'] as const) {
          const context = await browser.newContext({
            viewport: { width, height },
            locale: lang === 'zh' ? 'zh-CN' : 'en-GB',
            hasTouch: width < 768,
          });
          await context.addInitScript((l) => localStorage.setItem('relief.lang', l), lang);
          const shot = await context.newPage();
          await shot.goto(`${target.url}/design`);
          await shot.locator('.react-flow[data-layout="done"]').waitFor();
          await shot.evaluate(
            (source) =>
              (
                window as unknown as { reliefEditor: { load: (s: string) => void } }
              ).reliefEditor.load(source),
            winterKits,
          );
          // Every label where the layered layout put it (15 transitions).
          await eventually(() => shot.locator('.edge-label[data-routed]').count()).toBe(15);
          if (width >= 768) await shot.getByRole('button', { name: /YAML/ }).click();
          await shot.getByRole('button', { name: lang === 'zh' ? '适应画布' : 'Fit view' }).click();
          await shot.waitForTimeout(300);
          expect(await shot.locator('.edge-label').first().textContent()).toMatch(
            lang === 'zh' ? /[\u4e00-\u9fff]/ : /^[^\u4e00-\u9fff]+$/,
          );
          await screenshot(shot, `editor-layout-${width}-${lang}`);
          if (process.env.DOCS_SHOTS)
            await shot.screenshot({
              path: join(LAYOUT_SHOTS, `editor-layout-${width}-${lang}.jpg`),
              type: 'jpeg',
              quality: 80,
            });
          await context.close();
        }
    });
  },
  180_000,
);
