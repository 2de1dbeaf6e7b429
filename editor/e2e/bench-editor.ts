/**
 * Benchmark (not a test): a generated 100-state template opened in the built editor in headless
 * Chromium. Prints the time to validate and lay out per level (synchronous), and to render it with
 * the layered layout (ELK in its worker) applied: all nodes in the DOM, routes drawn, painted.
 * Every run opens a template the page has not seen before (same shape, other id and titles), so
 * nothing computed for an earlier run can be reused. Marks the canvas sets (`relief:*`) split
 * the time. Run: `pnpm --filter @relief/editor bench` (builds first). Target ≤ 500 ms.
 */
import { GRAPH_DRAWN, launchChromium, startTarget } from './e2e-target.js';
import { generateTemplate } from './generate-template.js';

const RUNS = 7;
const target = await startTarget();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  // `/` is the console now; the editor lives at /design.
  await page.goto(`${target.url}/design`);
  await page.locator('.react-flow__node').first().waitFor();
  // A designer opens a template a moment after the page loads, not in the same instant.
  await page.waitForTimeout(1000);
  const runs: { load: number; render: number; nodes: number; marks: Record<string, number> }[] = [];
  for (let i = 0; i < RUNS; i++) {
    await page.evaluate(
      `window.reliefEditor.load('dsl: relief/v1\\nid: x\\nversion: 1\\ntitle: x\\ninitial: a\\nstates:\\n  a: { type: final }\\n')`,
    );
    await page.waitForFunction('document.querySelectorAll(".react-flow__node").length === 1');
    // In-page code is plain strings: tsx would otherwise add helpers the page does not have.
    const load = await page.evaluate(`(() => {
      const editor = window.reliefEditor;
      performance.clearMarks();
      window.benchStart = performance.now();
      editor.load(${JSON.stringify(generateTemplate(100, i + 1))});
      window.benchExpected = editor.store.getState().graph.nodes.length;
      return performance.now() - window.benchStart;
    })()`);
    await page.waitForFunction(GRAPH_DRAWN, undefined, { polling: 'raf' });
    // Two more frames: React Flow measures the nodes, then paints them in place.
    const run = await page.evaluate<{
      load: number;
      render: number;
      nodes: number;
      marks: Record<string, number>;
    }>(
      `new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(() =>
      resolve({ load: ${String(load)}, render: performance.now() - window.benchStart, nodes: window.benchExpected,
        marks: Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name.replace('relief:', ''), m.startTime - window.benchStart])) }))))`,
    );
    // The YAML panel catches up after the drawing: wait for it (not part of the measured time),
    // so the next run starts on a quiet page and the bench can say when it came.
    await page
      .waitForFunction(
        `performance.getEntriesByName('relief:yaml-caught-up').length > 0`,
        undefined,
        {
          timeout: 6000,
        },
      )
      .catch(() => undefined);
    const caught = await page.evaluate<number | null>(
      `performance.getEntriesByName('relief:yaml-caught-up')[0]?.startTime - window.benchStart || null`,
    );
    if (caught !== null) run.marks['yaml-caught-up'] = caught;
    runs.push(run);
  }
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const first = runs[0]!;
  console.log(`states: ${first.nodes}; runs: ${RUNS}`);
  console.log(
    `first open: validate+layout ${first.load.toFixed(0)} ms, rendered ${first.render.toFixed(0)} ms`,
  );
  // Where the time goes (ms since load(), medians): the marks the canvas sets on its way.
  const steps = [
    ['layout-start', 'store load (validate, place); the layout is asked from it'],
    ['layout-prepared', 'labels measured'],
    ['elk-sent', 'ELK graph built, posted to the worker'],
    ['elk-received', 'ELK in the worker (with transfer)'],
    ['layout-answered', 'answer read back'],
  ] as const;
  let previous = 0;
  for (const [mark, what] of steps) {
    const at = median(runs.map((r) => r.marks[mark] ?? NaN));
    console.log(`  ${mark.padEnd(16)} +${(at - previous).toFixed(0).padStart(5)} ms  ${what}`);
    previous = at;
  }
  console.log(
    `  ${'rendered'.padEnd(16)} +${(median(runs.map((r) => r.render)) - previous).toFixed(0).padStart(5)} ms  React Flow render, measure, two frames`,
  );
  const elkTimes = runs.map((r) => (r.marks['elk-received'] ?? NaN) - (r.marks['elk-sent'] ?? NaN));
  console.log(
    `first open's marks (ms): ${Object.entries(first.marks)
      .map(([k, t]) => `${k} ${t.toFixed(0)}`)
      .join(', ')}`,
  );
  console.log(`each run: rendered ${runs.map((r) => r.render.toFixed(0)).join(' ')} ms`);
  console.log(`each run: ELK in the worker ${elkTimes.map((t) => t.toFixed(0)).join(' ')} ms`);
  // The YAML panel catches up after the graph is drawn: when, and whether inside the measured time.
  const caught = runs.map((r) => r.marks['yaml-caught-up']);
  console.log(
    `each run: YAML panel caught up at ${caught.map((t) => (t === undefined ? 'later' : t.toFixed(0))).join(' ')} ms` +
      ` (inside the measured time in ${runs.filter((r) => (r.marks['yaml-caught-up'] ?? Infinity) <= r.render).length} of ${RUNS})`,
  );
  console.log(
    `median: validate+layout ${median(runs.map((r) => r.load)).toFixed(0)} ms, rendered ${median(runs.map((r) => r.render)).toFixed(0)} ms (target ≤ 500 ms)`,
  );
} finally {
  await browser.close();
  await target.close();
}
