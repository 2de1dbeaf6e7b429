/** What a benchmark run measures and for how long: the full run, or `--quick` (about a minute). */

/** Every benchmark, in the order the table shows them. */
export const BENCH_IDS = [
  'limit',
  'engine',
  'http',
  'http-pglite',
  'peer',
  'import',
  'timers',
  'compile',
  'pglite',
] as const;

/** One of the benchmarks. */
export type BenchId = (typeof BENCH_IDS)[number];

/** Settings of one run. */
export interface BenchSettings {
  quick: boolean;
  /** HTTP: also measure the server with this changes off, one at a time (`--steps`). */
  steps: boolean;
  /** HTTP: write a CPU profile of the server as shipped into this folder (`--profile dir`). */
  profileDir: string | undefined;
  /** HTTP: extra environment of the server as shipped (`--server-env K=V,K=V`), for an A/B of a setting. */
  serverEnv: Record<string, string>;
  /** HTTP: extra node options of the server as shipped (`--server-node-args=--a,--b=1`), for an A/B. */
  serverNodeArgs: string[];
  only: BenchId[];
  runs: number;
  clients: number;
  casesPerClient: number;
  durationMs: number;
  warmupMs: number;
  importRows: number;
  timerCount: number;
  generatedStates: number;
  warmIterations: number;
  pgliteDurationMs: number;
}

/** Parse `--quick`, `--steps`, `--profile dir`, `--server-env K=V,…`, `--server-node-args=--a,…`, `--only a,b`, `--seconds n`, `--runs n`, `--clients n`. */
export function parseBenchArgs(argv: readonly string[]): BenchSettings {
  const flag = (name: string) => argv.includes(`--${name}`);
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`);
    if (i >= 0) return argv[i + 1];
    return argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  };
  const quick = flag('quick');
  const seconds = Number(value('seconds') ?? (quick ? 3 : 20));
  const only = (value('only')?.split(',') ?? [...BENCH_IDS]).map((id) => {
    if (!(BENCH_IDS as readonly string[]).includes(id))
      throw new Error(`unknown benchmark '${id}'; known: ${BENCH_IDS.join(', ')}`);
    return id as BenchId;
  });
  only.sort((a, b) => BENCH_IDS.indexOf(a) - BENCH_IDS.indexOf(b));
  const runs = Number(value('runs') ?? 3);
  if (!(runs >= 1) || !(seconds > 0)) throw new Error('--runs and --seconds must be positive');
  return {
    quick,
    steps: flag('steps'),
    profileDir: value('profile'),
    serverEnv: parseServerEnv(value('server-env')),
    serverNodeArgs: parseServerNodeArgs(value('server-node-args')),
    only,
    runs,
    clients: Number(value('clients') ?? 32),
    casesPerClient: quick ? 20 : 100,
    durationMs: seconds * 1000,
    warmupMs: quick ? 500 : 2000,
    importRows: quick ? 2000 : 10_000,
    timerCount: quick ? 2000 : 10_000,
    generatedStates: 100,
    warmIterations: quick ? 10 : 30,
    pgliteDurationMs: Math.min(seconds, quick ? 2 : 10) * 1000,
  };
}

/** `--a,--b=1` → `['--a', '--b=1']`: node options only (each begins with `--`). */
function parseServerNodeArgs(text: string | undefined): string[] {
  const args = text?.split(',').filter(Boolean) ?? [];
  for (const arg of args)
    if (!arg.startsWith('--'))
      throw new Error(
        `--server-node-args takes node options (--name or --name=value), got '${arg}'`,
      );
  return args;
}

/** `K=V,K=V` → `{ K: V }`; only RELIEF_ settings, so a typo cannot change the machine's PATH. */
function parseServerEnv(text: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const pair of text?.split(',').filter(Boolean) ?? []) {
    const eq = pair.indexOf('=');
    const name = pair.slice(0, eq);
    if (eq < 1 || !name.startsWith('RELIEF_'))
      throw new Error(`--server-env takes RELIEF_NAME=value pairs, got '${pair}'`);
    env[name] = pair.slice(eq + 1);
  }
  return env;
}
