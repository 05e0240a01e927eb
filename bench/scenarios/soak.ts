/**
 * Soak: the server's resident memory (RSS, /proc/<pid>/status) after a warm-up of the mixed load and again after
 * BENCH_SOAK_S (60 s by default) more of it. Growth beyond what the data itself adds is memory the server keeps per
 * request. Target: RSS after the soak at most 1.10x RSS after the warm-up.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { heapByKind, takeHeapSnapshot } from '../heap-snapshot.js';
import { mixedLoad } from '../mixed-load.js';
import { fmt, type Scenario } from '../model.js';
import { seedDatabase } from '../seed.js';
import { type Running, startApiServer, startDemoMcp } from '../subjects.js';

export const TARGET_SOAK_RSS_RATIO = 1.1;

function rssBytes(pid: number | undefined): number {
  if (pid === undefined) return Number.NaN;
  const kb = readFileSync(`/proc/${pid}/status`, 'utf8').match(/^VmRSS:\s+(\d+) kB$/m)?.[1];
  return kb === undefined ? Number.NaN : Number(kb) * 1024;
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;

export const soakScenario: Scenario = async ({ config, dir, log }) => {
  const started: Running[] = [];
  try {
    const demo = await startDemoMcp(dir);
    started.push(demo);
    const db = await seedDatabase(join(dir, 'seed.db'), { upstreamUrl: demo.url });
    const server = await startApiServer(db, dir, { name: 'soak', validateResponses: true });
    started.push(server);
    const target = { url: server.url, key: db.ownerKey, mcpId: db.mcpIds[0] ?? '' };
    const options = { connections: Math.min(config.connections, 8), rate: config.mixRate };
    const warm = await mixedLoad(target, { ...options, durationS: config.soakWarmupS });
    const afterWarmup = rssBytes(server.pid);
    log(`  RSS after ${config.soakWarmupS} s warm-up: ${mb(afterWarmup)}`);
    // BENCH_HEAP_SNAPSHOTS: a heap snapshot after each RSS reading that counts (writing one raises RSS by itself, so
    // the ratio of such a run is not the target's figure; the heaps' contents are the point).
    const heapDir = process.env.BENCH_HEAP_SNAPSHOTS;
    const snapshot = async () =>
      heapDir && server.pid !== undefined ? await takeHeapSnapshot(server.pid, heapDir, server.url) : undefined;
    const warmSnapshot = await snapshot();
    const readings: { atS: number; rss: number }[] = [];
    const slices = Math.max(1, Math.round(config.soakS / 10));
    let soaked = 0;
    let failed = 0;
    let last = warm;
    for (let i = 0; i < slices; i += 1) {
      last = await mixedLoad(target, { ...options, durationS: config.soakS / slices });
      soaked += config.soakS / slices;
      failed += last.failed;
      readings.push({ atS: soaked, rss: rssBytes(server.pid) });
      log(`  RSS after ${soaked.toFixed(0)} s of soak: ${mb(readings.at(-1)?.rss ?? Number.NaN)}`);
    }
    const afterSoak = readings.at(-1)?.rss ?? Number.NaN;
    const ratio = afterSoak / afterWarmup;
    const soakSnapshot = await snapshot();
    const heaps =
      warmSnapshot && soakSnapshot
        ? `; heap snapshots ${warmSnapshot} and ${soakSnapshot} (npx tsx bench/heap-snapshot.ts on both): heap objects ${mb(heapByKind(warmSnapshot).total)} then ${mb(heapByKind(soakSnapshot).total)}`
        : '';
    return {
      id: 'soak',
      title: `Soak: RSS after ${config.soakS} s of mixed load vs after warm-up`,
      figures: { afterWarmup, afterSoak, ratio, readings, rate: config.mixRate, lastRound: last },
      rows: [
        {
          measure: `RSS after a ${config.soakS} s mixed soak at ${config.mixRate} req/s vs after ${config.soakWarmupS} s warm-up`,
          subject: mb(afterSoak),
          baseline: `after warm-up ${mb(afterWarmup)}`,
          result: fmt.ratio(ratio),
          target: `<= ${TARGET_SOAK_RSS_RATIO}x`,
          met: ratio <= TARGET_SOAK_RSS_RATIO,
        },
      ],
      notes: [
        `RSS every ${(config.soakS / slices).toFixed(0)} s: ${readings.map((r) => mb(r.rss)).join(', ')}; response validation on (the default); last slice p50 ${fmt.ms(last.p50Ms)}; failed responses during the soak: ${failed}${heaps}`,
      ],
    };
  } finally {
    for (const s of started.reverse()) await s.stop();
  }
};
