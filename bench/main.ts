/**
 * `npm run bench [-- --quick] [-- --only read-path,gateway]`: every scenario beside its baseline in one run, on
 * loopback, each on a fresh database in a temporary directory. Prints a markdown table and writes bench/results.json
 * and bench/results.md (both gitignored). Exit status 1 when a scenario could not run (a missed target is not an error).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { type BenchConfig, loadBenchConfig, type ScenarioId } from './config.js';
import type { Scenario, ScenarioResult } from './model.js';
import { ROOT } from './processes.js';
import { type BenchReport, describeCommit, describeMachine, toMarkdown } from './report.js';
import { conformanceScenario } from './scenarios/conformance.js';
import { gatewayScenario } from './scenarios/gateway.js';
import { growthScenario } from './scenarios/growth.js';
import { mcpEndpointScenario } from './scenarios/mcp-endpoint.js';
import { prismScenario } from './scenarios/prism.js';
import { readPath } from './scenarios/read-path.js';
import { scaleScenario } from './scenarios/scale.js';
import { soakScenario } from './scenarios/soak.js';
import { storageScenario } from './scenarios/storage.js';
import { writePath } from './scenarios/write-path.js';

export const SCENARIOS: Record<ScenarioId, Scenario> = {
  'read-path': readPath,
  prism: prismScenario,
  gateway: gatewayScenario,
  'mcp-endpoint': mcpEndpointScenario,
  'write-path': writePath,
  storage: storageScenario,
  growth: growthScenario,
  soak: soakScenario,
  conformance: conformanceScenario,
  scale: scaleScenario,
};

/** Runs the configured scenarios one after another (never two at once: they would share the CPUs). */
export async function runBench(
  config: BenchConfig,
  log: (line: string) => void = (l) => void process.stderr.write(`${l}\n`),
): Promise<BenchReport> {
  const start = performance.now();
  const loadAtStart = loadavg()[0] ?? 0;
  const scenarios: ScenarioResult[] = [];
  const failures: BenchReport['failures'] = [];
  for (const id of config.only) {
    const dir = await mkdtemp(join(tmpdir(), `plexmcp-bench-${id}-`));
    log(`${id}…`);
    const t0 = performance.now();
    try {
      scenarios.push(await SCENARIOS[id]({ config, dir, log }));
    } catch (error) {
      log(`${id} failed: ${(error as Error).stack ?? String(error)}`);
      failures.push({ id, error: (error as Error).message });
    } finally {
      log(`${id} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      if (!process.env.BENCH_KEEP_DIR) await rm(dir, { recursive: true, force: true });
    }
  }
  return {
    generatedAt: new Date().toISOString(),
    commit: describeCommit(ROOT),
    machine: describeMachine(),
    config,
    wallTimeS: (performance.now() - start) / 1000,
    loadAverage: { start: loadAtStart, end: loadavg()[0] ?? 0 },
    scenarios,
    failures,
  };
}

async function main(): Promise<void> {
  const config = loadBenchConfig(process.argv.slice(2));
  const report = await runBench(config);
  const markdown = toMarkdown(report);
  await writeFile(join(ROOT, 'bench/results.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(ROOT, 'bench/results.md'), markdown);
  process.stdout.write(`\n${markdown}`);
  process.exitCode = report.failures.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main();
