/**
 * A smoke run of the harness: one HTTP scenario (POST /v1/api-keys against `server/main.ts` in a child process, on a
 * seeded file database) for half a second. It checks the shape of what `npm run bench` reports, never the speed.
 */
import { describe, expect, it } from 'vitest';
import { loadBenchConfig } from './config.js';
import { runBench } from './main.js';
import { toMarkdown } from './report.js';

describe('npm run bench --quick', () => {
  it('reports the write-path scenario with figures, table rows and the machine it ran on', {
    timeout: 60_000,
  }, async () => {
    const config = {
      ...loadBenchConfig(['--quick', '--only', 'write-path'], {}),
      durationS: 0.5,
      warmupS: 0.2,
      connections: 4,
    };
    const report = await runBench(config, () => {});

    expect(report.failures).toEqual([]);
    expect(report.machine.nproc).toBeGreaterThan(0);
    expect(report.machine.node).toBe(process.version);
    const [scenario] = report.scenarios;
    expect(scenario?.id).toBe('write-path');
    const results = (
      scenario!.figures.results as Record<
        string,
        { median: { ok: number; perSecond: number; p50Ms: number }; rounds: unknown[] }
      >
    )['create-key'];
    expect(results?.rounds).toHaveLength(1);
    expect(results?.median.ok).toBeGreaterThan(0);
    expect(results?.median.p50Ms).toBeGreaterThan(0);
    expect(scenario?.rows[0]?.subject).toMatch(/\/s$/);

    const markdown = toMarkdown(report);
    expect(markdown).toContain('| scenario | measure | ours | baseline | result | target | met |');
    expect(markdown).toContain('| write-path | POST /v1/api-keys durable writes/s');
  });

  it('rejects an unknown scenario name instead of running nothing', () => {
    expect(() => loadBenchConfig(['--only', 'read-paht'], {})).toThrow(/unknown scenario "read-paht"/);
  });
});
