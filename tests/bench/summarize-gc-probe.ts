/** What `server-gc-probe.ts` wrote during one measured run, summed up for the report. */
import { existsSync, readFileSync } from 'node:fs';
import type { GcProbeSecond } from './server-gc-probe.js';

/** The server's collections and event-loop use over one run. */
export interface GcSummary {
  /** Scavenges (young-generation collections) per second, their mean and longest pause (ms). */
  scavengesPerS: number;
  scavengeMeanMs: number;
  scavengeMaxMs: number;
  /** Pause time of every other kind of collection, per second (ms). */
  majorMsPerS: number;
  /** Share of the time the event loop was busy (0–1). */
  busy: number;
}

/** Summarize the probe's seconds that ended within `(from, to]`; undefined when there are none. */
export function summarizeGcProbe(file: string, from: number, to: number): GcSummary | undefined {
  if (!existsSync(file)) return undefined;
  const seconds = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as GcProbeSecond)
    // The first second that ends after `from` began before it: left out.
    .filter((s) => s.at > from + 1000 && s.at <= to);
  if (seconds.length === 0) return undefined;
  const minor = seconds.flatMap((s) => s.minor);
  const major = seconds.flatMap((s) => s.major);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  return {
    scavengesPerS: minor.length / seconds.length,
    scavengeMeanMs: minor.length > 0 ? sum(minor) / minor.length : 0,
    scavengeMaxMs: Math.max(0, ...minor),
    majorMsPerS: sum(major) / seconds.length,
    busy: sum(seconds.map((s) => s.busy)) / seconds.length,
  };
}
