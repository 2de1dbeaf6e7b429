/** The side-by-side table a benchmark run prints, and the JSON it writes to `bench-results/`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { MachineInfo } from './machine-info.js';

/** One line of the table: a measurement's median over its runs. */
export interface BenchRow {
  id: string;
  name: string;
  value: number;
  unit: string;
  p50Ms?: number | undefined;
  p99Ms?: number | undefined;
  /** Every run's value, in order. */
  runs: number[];
  /** The target as words, and whether this run met it. */
  target?: string | undefined;
  met?: boolean | undefined;
  note?: string | undefined;
}

/** A whole run. */
export interface BenchReport {
  startedAt: string;
  quick: boolean;
  command: string;
  machine: MachineInfo;
  /** 1, 5 and 15 minute load averages when the run ended. */
  loadAverageAtEnd?: number[] | undefined;
  settings: Record<string, unknown>;
  rows: BenchRow[];
  /** Anything that could not be measured, and why. */
  skipped: { id: string; reason: string }[];
  raw: Record<string, unknown>;
}

const fmt = (n: number | undefined, digits = 1): string =>
  n === undefined || Number.isNaN(n)
    ? ''
    : n >= 100
      ? Math.round(n).toLocaleString('en')
      : n.toFixed(digits);

/** Decimals to show for a unit: none for counts and rates, two for times and ratios. */
function digitsOf(unit: string): number {
  return unit === 'ms' || unit === 's' || unit === '×' ? 2 : 0;
}

/** The table as aligned text (also valid Markdown), then each row's note as a footnote. */
export function formatTable(rows: readonly BenchRow[]): string {
  const header = ['benchmark', 'median', 'unit', 'p50 ms', 'p99 ms', 'runs', 'target', 'met'];
  const body = rows.map((r) => [
    r.note ? `${r.name} [${rows.filter((x) => x.note).indexOf(r) + 1}]` : r.name,
    fmt(r.value, digitsOf(r.unit)),
    r.unit,
    fmt(r.p50Ms, 2),
    fmt(r.p99Ms, 2),
    r.runs.map((v) => fmt(v, digitsOf(r.unit))).join(' / '),
    r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((b) => b[i]!.length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  const notes = rows.filter((r) => r.note).map((r, i) => `[${i + 1}] ${r.note}`);
  return [
    line(header),
    line(widths.map((w) => '-'.repeat(w))),
    ...body.map(line),
    '',
    ...notes,
  ].join('\n');
}

/** Write the report as `bench-results/<time>[-quick].json`; returns the path. */
export function writeReport(repoRoot: string, report: BenchReport): string {
  const dir = join(repoRoot, 'bench-results');
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const file = join(dir, `${stamp}${report.quick ? '-quick' : ''}.json`);
  writeFileSync(file, JSON.stringify(report, null, 2) + '\n');
  return file;
}
