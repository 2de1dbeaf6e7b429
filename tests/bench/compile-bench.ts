/**
 * Validate + compile time of each shipped template and of a generated 100-state one. Cold: the
 * first call in a fresh process (the engine's modules loaded, nothing run yet), one process per
 * run. Warm: the same call repeated in one process after warming up, median of many.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { compileTemplate, validateTemplate } from '../../engine/src/index.js';
import { generateTemplate } from './generate-template.js';
import { median } from './latency-stats.js';

const run = promisify(execFile);

/** Times of one template, ms (each the median over runs). */
export interface CompileTiming {
  template: string;
  states: number;
  coldMs: number;
  warmMs: number;
  /** Of `warmMs`: validation (parse with positions, schema, semantic checks) and compile. */
  warmValidateMs: number;
  warmCompileMs: number;
  coldRuns: number[];
  warmRuns: number[];
}

/** Measure every `*.yaml` in `templatesDir` and a generated template of `generatedStates` states. */
export async function benchCompile(options: {
  repoRoot: string;
  templatesDir: string;
  generatedStates: number;
  runs: number;
  warmIterations: number;
}): Promise<CompileTiming[]> {
  const scratch = mkdtempSync(join(tmpdir(), 'relief-bench-'));
  try {
    const generated = join(scratch, `generated-${options.generatedStates}.yaml`);
    writeFileSync(generated, generateTemplate(options.generatedStates));
    const files = [
      ...readdirSync(options.templatesDir)
        .filter((f) => f.endsWith('.yaml'))
        .sort()
        .map((f) => join(options.templatesDir, f)),
      generated,
    ];
    const timings: CompileTiming[] = [];
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      const coldRuns: number[] = [];
      for (let r = 0; r < options.runs; r++) coldRuns.push(await coldOnce(options.repoRoot, file));
      const warm = Array.from({ length: options.runs }, () =>
        warmOnce(source, options.warmIterations),
      );
      const warmRuns = warm.map((w) => w.validateMs + w.compileMs);
      timings.push({
        template: file.startsWith(scratch)
          ? `generated (${options.generatedStates} states)`
          : baseName(file),
        states: countStates(source),
        coldMs: median(coldRuns),
        warmMs: median(warmRuns),
        warmValidateMs: median(warm.map((w) => w.validateMs)),
        warmCompileMs: median(warm.map((w) => w.compileMs)),
        coldRuns,
        warmRuns,
      });
    }
    return timings;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

async function coldOnce(repoRoot: string, file: string): Promise<number> {
  const child = join(repoRoot, 'tests/bench/compile-cold-child.ts');
  const { stdout } = await run(process.execPath, ['--import', 'tsx', child, file], {
    cwd: repoRoot,
  });
  return (JSON.parse(stdout) as { totalMs: number }).totalMs;
}

/** Medians of `iterations` validate and compile calls, after as many to warm up. */
function warmOnce(source: string, iterations: number): { validateMs: number; compileMs: number } {
  const validateTimes: number[] = [];
  const compileTimes: number[] = [];
  for (let i = 0; i < iterations * 2; i++) {
    const t0 = performance.now();
    const { template } = validateTemplate(source);
    if (!template) throw new Error('template does not validate');
    const t1 = performance.now();
    compileTemplate(template);
    const t2 = performance.now();
    if (i >= iterations) {
      validateTimes.push(t1 - t0);
      compileTimes.push(t2 - t1);
    }
  }
  return { validateMs: median(validateTimes), compileMs: median(compileTimes) };
}

function baseName(file: string): string {
  return file.slice(file.lastIndexOf('/') + 1);
}

/** All states, nested ones included, counted from the validated template. */
function countStates(source: string): number {
  const { template } = validateTemplate(source);
  const count = (
    states: Record<string, { states?: Record<string, unknown> }> | undefined,
  ): number =>
    Object.values(states ?? {}).reduce<number>(
      (n, s) => n + 1 + count(s.states as Record<string, { states?: Record<string, unknown> }>),
      0,
    );
  return count(template?.states);
}
