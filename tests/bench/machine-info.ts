/** What machine a benchmark ran on, recorded beside its numbers. */
import { readFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import postgres from 'postgres';

/** The machine, the runtime and how busy the machine was when the run started. */
export interface MachineInfo {
  cores: number;
  cpuModel: string;
  ramGiB: number;
  node: string;
  postgres: string | undefined;
  /** 1, 5 and 15 minute load averages at the start of the run. */
  loadAverage: [number, number, number];
}

/** Read the machine's facts; `databaseUrl` is asked for its server version. */
export async function readMachineInfo(databaseUrl: string | undefined): Promise<MachineInfo> {
  return {
    cores: cpus().length,
    cpuModel: cpuModel(),
    ramGiB: Math.round((totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    postgres: databaseUrl ? await postgresVersion(databaseUrl) : undefined,
    loadAverage: loadavg().map((l) => Math.round(l * 100) / 100) as [number, number, number],
  };
}

function cpuModel(): string {
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) return line.split(':')[1]!.trim();
  } catch {
    // Not Linux: fall back to what Node reports.
  }
  return cpus()[0]?.model ?? 'unknown';
}

async function postgresVersion(url: string): Promise<string | undefined> {
  const client = postgres(url, { max: 1, onnotice: () => undefined, connect_timeout: 5 });
  try {
    const [row] = await client<{ server_version: string }[]>`show server_version`;
    return row?.server_version;
  } catch {
    return undefined;
  } finally {
    await client.end({ timeout: 5 });
  }
}
