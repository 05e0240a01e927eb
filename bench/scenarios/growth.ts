/**
 * Growth: the same mixed load (bench/mixed-load.ts, including the month's usage summary and the history) on the seeded
 * database and on a copy of it after BENCH_GROWTH_ROWS more invocations (100,000 by default) recorded through the
 * store, rounds alternating between the two servers. Target: the p50 after growth at most 1.25x the p50 before.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStore } from '../../server/store/index.js';
import { alternate } from '../load.js';
import { mixedLoad } from '../mixed-load.js';
import { fmt, type Scenario } from '../model.js';
import { seedDatabase, seedUsage } from '../seed.js';
import { type Running, startApiServer, startDemoMcp } from '../subjects.js';

export const TARGET_GROWTH_P50_RATIO = 1.25;
const GROWTH_WARMUP_S = 10;

export const growthScenario: Scenario = async ({ config, dir, log }) => {
  const started: Running[] = [];
  try {
    const demo = await startDemoMcp(dir);
    started.push(demo);
    const fresh = await seedDatabase(join(dir, 'fresh.db'), { upstreamUrl: demo.url });
    const grownPath = join(dir, 'grown.db');
    copyFileSync(fresh.path, grownPath);
    const t0 = performance.now();
    const store = await openSqliteStore({ path: grownPath });
    try {
      await seedUsage(store, { orgId: fresh.orgId, apiKeyId: null, mcpIds: fresh.mcpIds }, config.growthRows);
    } finally {
      await store.close();
    }
    const seedS = (performance.now() - t0) / 1000;
    log(`  seeded ${config.growthRows} invocations in ${seedS.toFixed(1)} s`);
    const servers = {
      fresh: await startApiServer(fresh, dir, { name: 'fresh', validateResponses: false }),
      grown: await startApiServer({ ...fresh, path: grownPath }, dir, { name: 'grown', validateResponses: false }),
    };
    started.push(servers.fresh, servers.grown);
    const options = { connections: Math.min(config.connections, 8), rate: config.mixRate };
    const run = (server: Running) => (durationS: number) =>
      mixedLoad({ url: server.url, key: fresh.ownerKey, mcpId: fresh.mcpIds[0] ?? '' }, { ...options, durationS });
    // Steady state is the question: each server gets GROWTH_WARMUP_S of the mix first (the general warm-up of 2 s is
    // 400 requests, after which the grown server's first rounds were still falling, 87 ms → 43 ms → 29 ms p50).
    const warmupS = config.quick ? config.warmupS : Math.max(config.warmupS, GROWTH_WARMUP_S);
    const results = await alternate(
      [
        { name: 'fresh', run: run(servers.fresh) },
        { name: 'grown', run: run(servers.grown) },
      ],
      { ...config, warmupS },
      log,
    );
    const before = results.fresh?.median;
    const after = results.grown?.median;
    if (!before || !after) throw new Error('missing results');
    const ratio = after.p50Ms / before.p50Ms;
    return {
      id: 'growth',
      title: `Growth: mixed load on a fresh database vs after ${config.growthRows} invocations`,
      figures: { ratio, seedS, seedRowsPerS: config.growthRows / seedS, rate: config.mixRate, results },
      rows: [
        {
          measure: `mixed load p50 at ${config.mixRate} req/s, after ${config.growthRows.toLocaleString('en-US')} invocations vs fresh`,
          subject: `${fmt.ms(after.p50Ms)} (p99 ${fmt.ms(after.p99Ms)})`,
          baseline: `fresh ${fmt.ms(before.p50Ms)} (p99 ${fmt.ms(before.p99Ms)})`,
          result: fmt.ratio(ratio),
          target: `<= ${TARGET_GROWTH_P50_RATIO}x`,
          met: ratio <= TARGET_GROWTH_P50_RATIO,
        },
      ],
      notes: [
        `${warmupS} s warm-up per server; the mix per connection: GET /v1/mcps, POST /mcp (demo calculate), GET /v1/usage/history, GET /v1/usage?period=month, GET /v1/organization; ${options.connections} connections; response validation off; ${config.growthRows} invocations over the last 30 days seeded through the Store in ${seedS.toFixed(1)} s (${Math.round(config.growthRows / seedS).toLocaleString('en-US')} rows/s); failed responses per round (median): fresh ${before.failed}, grown ${after.failed}`,
      ],
    };
  } finally {
    for (const s of started.reverse()) await s.stop();
  }
};
