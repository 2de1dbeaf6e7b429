/**
 * What each area costs an old PC: the scripts its first screen loads (bytes, and gzip -9 of the
 * same files), and the time from navigation to the first screen drawn, in headless Chromium.
 * `E2E_BASE_URL=… E2E_API_KEY=<an admin or owner key> pnpm --filter @relief/editor bench:console`
 * (the built editor must be the one the server serves). Median of 5 cold loads per screen.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM } from './e2e-target.js';

const base = process.env.E2E_BASE_URL ?? 'http://127.0.0.1:8787';
const key = process.env.E2E_API_KEY ?? '';
const dist = resolve(import.meta.dirname, '..', 'dist');

const screens = [
  {
    name: 'Programmes overview',
    path: '/programmes',
    ready: '[data-testid="programme-table"], .page .empty',
  },
  { name: 'Sign-in', path: '/sign-in', ready: '[data-testid="login"]' },
  { name: 'Design (editor)', path: '/design', ready: '.react-flow__node' },
];

const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: ['--no-sandbox', '--disable-gpu'],
});
for (const screen of screens) {
  const times: number[] = [];
  let scripts: string[] = [];
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    await context.addInitScript((k) => localStorage.setItem('relief.apiKey', k), key);
    const page = await context.newPage();
    const loaded: string[] = [];
    page.on('request', (r) => {
      if (r.resourceType() === 'script') loaded.push(new URL(r.url()).pathname);
    });
    const started = Date.now();
    await page.goto(base + screen.path);
    await page.locator(screen.ready).first().waitFor({ timeout: 60_000 });
    times.push(Date.now() - started);
    scripts = loaded;
    await context.close();
  }
  const files = scripts.map((p) => readFileSync(join(dist, p)));
  const raw = files.reduce((n, f) => n + f.length, 0);
  const gz = files.reduce((n, f) => n + gzipSync(f, { level: 9 }).length, 0);
  times.sort((a, b) => a - b);
  console.log(
    `${screen.name.padEnd(22)} ${String(scripts.length).padStart(2)} scripts  ${(raw / 1024).toFixed(0).padStart(5)} kB  gzip ${(gz / 1024).toFixed(0).padStart(4)} kB  first screen median ${times[2]} ms (min ${times[0]}, max ${times[4]})`,
  );
}
await browser.close();
