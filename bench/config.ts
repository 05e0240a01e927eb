/**
 * What one `npm run bench` does: how long each measured round lasts, how many rounds alternate baseline and subject,
 * and how much data the storage scenario seeds. Everything is configurable by environment; `--quick` shrinks it all to
 * a smoke run that only proves the harness works.
 */
export const SCENARIO_IDS = [
  'read-path',
  'prism',
  'gateway',
  'mcp-endpoint',
  'write-path',
  'storage',
  'growth',
  'soak',
  'conformance',
  'scale',
] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

export interface BenchConfig {
  quick: boolean;
  /** Seconds of load per subject per round (BENCH_DURATION_S). */
  durationS: number;
  /** Rounds; each round runs the baseline and then the subject, so drift on a shared machine hits both (BENCH_ROUNDS). */
  rounds: number;
  /** Seconds of unmeasured load per subject before the first round (BENCH_WARMUP_S). */
  warmupS: number;
  /** Concurrent HTTP connections for throughput (BENCH_CONNECTIONS). */
  connections: number;
  /** Usage rows of the small and the large storage measurement (BENCH_STORAGE_SMALL_ROWS, BENCH_STORAGE_LARGE_ROWS). */
  storageSmallRows: number;
  storageLargeRows: number;
  /** Writes timed at each size, one after another (BENCH_STORAGE_WRITES). */
  storageWrites: number;
  /** Concurrent writers in the group-commit comparison (BENCH_STORAGE_WRITERS). */
  storageWriters: number;
  /** Offered rate of the mixed load of the growth and soak scenarios, requests per second (BENCH_MIX_RATE). */
  mixRate: number;
  /** Invocations added through the store to the growth scenario's second database (BENCH_GROWTH_ROWS). */
  growthRows: number;
  /** Seconds of mixed load before the soak's first RSS reading, and of the soak itself (BENCH_SOAK_WARMUP_S, BENCH_SOAK_S). */
  soakWarmupS: number;
  soakS: number;
  /** Scenarios to run (BENCH_ONLY=read-path,gateway or `--only read-path`); all by default. */
  only: readonly ScenarioId[];
}

function positive(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, got ${JSON.stringify(raw)}`);
  return value;
}

function scenarios(raw: string | undefined): readonly ScenarioId[] {
  if (!raw) return SCENARIO_IDS;
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const id of ids) {
    if (!(SCENARIO_IDS as readonly string[]).includes(id))
      throw new Error(`unknown scenario "${id}"; known: ${SCENARIO_IDS.join(', ')}`);
  }
  return ids as ScenarioId[];
}

/** Reads `--quick` and `--only a,b` from argv and the BENCH_* variables from env. */
export function loadBenchConfig(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): BenchConfig {
  const quick = argv.includes('--quick') || env.BENCH_QUICK === '1';
  const onlyIndex = argv.indexOf('--only');
  const only = scenarios(onlyIndex >= 0 ? argv[onlyIndex + 1] : env.BENCH_ONLY);
  return {
    quick,
    durationS: positive(env, 'BENCH_DURATION_S', quick ? 1 : 3),
    rounds: Math.round(positive(env, 'BENCH_ROUNDS', quick ? 1 : 3)),
    warmupS: positive(env, 'BENCH_WARMUP_S', quick ? 0.5 : 2),
    connections: Math.round(positive(env, 'BENCH_CONNECTIONS', 16)),
    storageSmallRows: Math.round(positive(env, 'BENCH_STORAGE_SMALL_ROWS', quick ? 200 : 1_000)),
    storageLargeRows: Math.round(positive(env, 'BENCH_STORAGE_LARGE_ROWS', quick ? 2_000 : 100_000)),
    storageWrites: Math.round(positive(env, 'BENCH_STORAGE_WRITES', quick ? 10 : 200)),
    storageWriters: Math.round(positive(env, 'BENCH_STORAGE_WRITERS', 32)),
    mixRate: positive(env, 'BENCH_MIX_RATE', 200),
    growthRows: Math.round(positive(env, 'BENCH_GROWTH_ROWS', quick ? 2_000 : 100_000)),
    soakWarmupS: positive(env, 'BENCH_SOAK_WARMUP_S', quick ? 1 : 15),
    soakS: positive(env, 'BENCH_SOAK_S', quick ? 2 : 60),
    only,
  };
}
