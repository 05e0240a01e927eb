/**
 * Conformance: wall time of the CLI (`conformance/cli.ts --reporter json --rate-limit off`) against a local server,
 * read-only and with writes (invoking the demo MCP's `calculate`). Self-hosted, so no check waits for a rate-limit
 * window. Target: each under 20 s.
 */
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fmt, type Row, type Scenario } from '../model.js';
import { ROOT } from '../processes.js';
import { seedDatabase } from '../seed.js';
import { type Running, startApiServer, startDemoMcp } from '../subjects.js';

export const TARGET_CONFORMANCE_S = 20;

interface CliRun {
  seconds: number;
  exitCode: number | null;
  counts?: { pass: number; fail: number; warn: number; skip: number };
  slowest: { id: string; ms: number }[];
  error?: string;
}

async function runCli(args: string[], outPath: string): Promise<CliRun> {
  const fd = openSync(outPath, 'w');
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'conformance/cli.ts'), ...args], {
    cwd: ROOT,
    stdio: ['ignore', fd, 'pipe'],
  });
  closeSync(fd);
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exitCode = await new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const seconds = (performance.now() - t0) / 1000;
  try {
    const report = JSON.parse(readFileSync(outPath, 'utf8')) as {
      counts: CliRun['counts'];
      results?: { id?: string; checkId?: string; durationMs?: number }[];
    };
    const slowest = (report.results ?? [])
      .map((r) => ({ id: r.id ?? r.checkId ?? '?', ms: r.durationMs ?? 0 }))
      .sort((a, b) => b.ms - a.ms)
      .slice(0, 3);
    return { seconds, exitCode, counts: report.counts, slowest };
  } catch {
    return { seconds, exitCode, slowest: [], error: stderr.slice(-500) || 'no JSON report' };
  }
}

export const conformanceScenario: Scenario = async ({ dir, log }) => {
  const started: Running[] = [];
  try {
    const demo = await startDemoMcp(dir);
    started.push(demo);
    const db = await seedDatabase(join(dir, 'seed.db'), { upstreamUrl: demo.url });
    const server = await startApiServer(db, dir, { name: 'conformance', validateResponses: true });
    started.push(server);
    const common = [
      '--base-url',
      server.url,
      '--api-key',
      db.ownerKey,
      '--other-org-api-key',
      db.otherOrgKey,
      '--rate-limit',
      'off',
      '--reporter',
      'json',
    ];
    const invoke = [
      '--mcp-id',
      db.mcpIds[0] ?? '',
      '--tool',
      'calculate',
      '--arguments',
      JSON.stringify({ operation: 'add', a: 1, b: 2 }),
    ];
    const readOnly = await runCli([...common, ...invoke], join(dir, 'read-only.json'));
    log(
      `  read-only: ${readOnly.seconds.toFixed(1)} s, exit ${readOnly.exitCode}, ${JSON.stringify(readOnly.counts ?? readOnly.error)}`,
    );
    const writes = await runCli([...common, ...invoke, '--allow-writes'], join(dir, 'writes.json'));
    log(
      `  with writes: ${writes.seconds.toFixed(1)} s, exit ${writes.exitCode}, ${JSON.stringify(writes.counts ?? writes.error)}`,
    );
    const row = (label: string, run: CliRun): Row => ({
      measure: `conformance wall time, ${label}`,
      subject: fmt.s(run.seconds),
      baseline: '',
      result: run.counts
        ? `${run.counts.pass} pass, ${run.counts.fail} fail, ${run.counts.warn} warn, ${run.counts.skip} skip`
        : `no report (exit ${run.exitCode})`,
      target: `< ${TARGET_CONFORMANCE_S} s`,
      met: run.counts !== undefined && run.seconds < TARGET_CONFORMANCE_S,
    });
    const slow = (run: CliRun) => run.slowest.map((s) => `${s.id} ${(s.ms / 1000).toFixed(1)} s`).join(', ');
    return {
      id: 'conformance',
      title: 'Conformance suite wall time against a local server',
      figures: { readOnly, writes },
      rows: [row('read-only', readOnly), row('with writes', writes)],
      notes: [
        'wall time includes starting the CLI (Node + tsx) and its cleanup; --rate-limit off against a self-hosted server, so no check waits for a rate-limit window',
        `slowest checks: read-only ${slow(readOnly) || 'n/a'}; with writes ${slow(writes) || 'n/a'}`,
      ],
    };
  } finally {
    for (const s of started.reverse()) await s.stop();
  }
};
