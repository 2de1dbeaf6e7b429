/**
 * Benchmark (not a test): the editor's 100-state open, this checkout against another one, in the
 * same minutes. On a shared machine two benches run one after the other see different loads; here
 * one browser opens the same never-seen templates in a page of each build, alternately (the order
 * swaps every run), so both meet the same load. Prints, for each: the time to render (as the
 * bench measures it: all states in the DOM, routes laid out, a routed label drawn, two frames),
 * when ELK was asked, ELK's time in its worker, the time from ELK's answer to the paint, and the
 * main thread's CPU per open (Chromium's `ThreadTime`), the steadier figure under load.
 *
 *   (cd ../other-checkout && pnpm install && pnpm --filter @relief/editor build)
 *   AB_BASE=../other-checkout pnpm --filter @relief/editor exec tsx e2e/bench-editor-ab.ts
 *
 * This checkout's editor is built first; `RUNS` (default 7) opens each.
 */
import { resolve } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { GRAPH_DRAWN, buildEditor, launchChromium } from './e2e-target.js';
import { generateTemplate } from './generate-template.js';
import { startReliefServer } from './relief-server.js';

const base = process.env.AB_BASE;
if (!base) throw new Error('AB_BASE=<another checkout, its editor built> is required');
const RUNS = Number(process.env.RUNS ?? 7);
buildEditor();
const other = (await import(resolve(base, 'editor/e2e/relief-server.ts'))) as {
  startReliefServer: typeof startReliefServer;
};
const servers = [await other.startReliefServer(), await startReliefServer()];
const names = [`base (${base})`, 'this checkout'];
const browser = await launchChromium();
interface Row {
  render: number[];
  asked: number[];
  elk: number[];
  draw: number[];
  cpu: number[];
}
try {
  const pages: Page[] = [];
  const cdps: CDPSession[] = [];
  for (const server of servers) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/design`);
    await page.locator('.react-flow__node').first().waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    pages.push(page);
    cdps.push(cdp);
  }
  // A designer opens a template a moment after the page loads.
  await pages[0]!.waitForTimeout(1000);
  const rows: Row[] = servers.map(() => ({ render: [], asked: [], elk: [], draw: [], cpu: [] }));
  const threadTime = async (cdp: CDPSession) => {
    const { metrics } = await cdp.send('Performance.getMetrics');
    return metrics.find((m) => m.name === 'ThreadTime')?.value ?? NaN;
  };
  for (let i = 0; i < RUNS; i++) {
    for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
      const page = pages[k]!;
      await page.evaluate(
        `window.reliefEditor.load('dsl: relief/v1\\nid: x\\nversion: 1\\ntitle: x\\ninitial: a\\nstates:\\n  a: { type: final }\\n')`,
      );
      await page.waitForFunction('document.querySelectorAll(".react-flow__node").length === 1');
      await page.waitForTimeout(600);
      const before = await threadTime(cdps[k]!);
      // In-page code is plain strings: tsx would otherwise add helpers the page does not have.
      await page.evaluate(`(() => {
        performance.clearMarks();
        window.benchStart = performance.now();
        window.reliefEditor.load(${JSON.stringify(generateTemplate(100, i + 1))});
        window.benchExpected = window.reliefEditor.store.getState().graph.nodes.length;
      })()`);
      await page.waitForFunction(GRAPH_DRAWN, undefined, { polling: 'raf' });
      const run = await page.evaluate<{ render: number; marks: Record<string, number> }>(
        `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() =>
        resolve({ render: performance.now() - window.benchStart,
          marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name.replace('relief:', ''), m.startTime - window.benchStart])) }))))`,
      );
      const cpu = ((await threadTime(cdps[k]!)) - before) * 1000;
      const row = rows[k]!;
      row.render.push(run.render);
      row.asked.push(run.marks['elk-sent'] ?? NaN);
      row.elk.push((run.marks['elk-received'] ?? NaN) - (run.marks['elk-sent'] ?? NaN));
      row.draw.push(run.render - (run.marks['layout-answered'] ?? NaN));
      row.cpu.push(cpu);
      // Let the page settle (the YAML panel catches up after the drawing).
      await page.waitForTimeout(800);
    }
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const fmt = (xs: number[]) =>
    `median ${median(xs).toFixed(0)} (${xs.map((x) => x.toFixed(0)).join(' ')})`;
  rows.forEach((row, k) => {
    console.log(`${names[k]}:`);
    console.log(`  rendered           ${fmt(row.render)} ms`);
    console.log(`  ELK asked at       ${fmt(row.asked)} ms`);
    console.log(`  ELK in the worker  ${fmt(row.elk)} ms`);
    console.log(`  answer to painted  ${fmt(row.draw)} ms`);
    console.log(`  main-thread CPU    ${fmt(row.cpu)} ms per open`);
  });
} finally {
  await browser.close();
  for (const server of servers) await server.close();
}
