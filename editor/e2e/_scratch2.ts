import { launchChromium, startTarget } from './e2e-target.js';
import { generateTemplate } from './generate-template.js';
const source = generateTemplate(100);
const target = await startTarget();
const browser = await launchChromium();
try {
  const page = await browser.newPage({ viewport: { width: 1366, height: 768 } });
  await page.goto(`${target.url}/design`);
  await page.locator('.react-flow__node').first().waitFor();
  await page.waitForTimeout(1000);
  for (let i = 0; i < 4; i++) {
    await page.evaluate(`window.reliefEditor.load('dsl: relief/v1\\nid: x\\nversion: 1\\ntitle: x\\ninitial: a\\nstates:\\n  a: { type: final }\\n')`);
    await page.waitForTimeout(500);
    const r = await page.evaluate(`new Promise((resolve) => {
      const ed = window.reliefEditor; const t0 = performance.now(); const marks = {};
      const un = ed.store.subscribe((s, p) => { if (s.routes !== p.routes && s.routes.size > 0) { marks.applied = performance.now() - t0; un(); } });
      ed.load(${JSON.stringify(source)});
      marks.load = performance.now() - t0;
      requestAnimationFrame(() => { marks.firstFrame = performance.now() - t0; });
      const poll = () => { if (document.querySelector('.edge-label[data-routed]')) { requestAnimationFrame(() => requestAnimationFrame(() => { marks.done = performance.now() - t0; resolve(marks); })); } else requestAnimationFrame(poll); };
      poll();
    })`);
    console.log(JSON.stringify(r));
  }
} finally { await browser.close(); await target.close(); }
