/** The machine a run happened on, and the markdown table of every scenario's rows. */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import type { BenchConfig } from './config.js';
import type { ScenarioResult } from './model.js';

export interface Machine {
  nproc: number;
  memory: string;
  cpu: string;
  node: string;
  platform: string;
  /** The filesystem the temporary databases live on (fsync cost depends on it). */
  tmpFilesystem: string;
}

export function describeMachine(): Machine {
  let memory = `${(totalmem() / 2 ** 30).toFixed(1)} GiB`;
  try {
    // `free -h`'s total, as a reader running it would see it.
    memory = execFileSync('free', ['-h'], { encoding: 'utf8' }).split('\n')[1]?.trim().split(/\s+/)[1] ?? memory;
  } catch {
    // Not Linux: keep os.totalmem().
  }
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    cpu =
      readFileSync('/proc/cpuinfo', 'utf8')
        .match(/^model name\s*:\s*(.+)$/m)?.[1]
        ?.trim() ?? cpu;
  } catch {
    // Not Linux: keep os.cpus().
  }
  let tmpFilesystem = 'unknown';
  try {
    tmpFilesystem =
      execFileSync('df', ['-T', tmpdir()], { encoding: 'utf8' }).split('\n')[1]?.split(/\s+/)[1] ?? tmpFilesystem;
  } catch {
    // No df: unknown.
  }
  return {
    nproc: cpus().length,
    memory,
    cpu,
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    tmpFilesystem,
  };
}

/** `git describe`-like: the short commit, and whether uncommitted changes were measured with it. */
export function describeCommit(cwd: string): string {
  // A run from an exported tree (git archive) has no repository: BENCH_COMMIT names what it was exported from.
  if (process.env.BENCH_COMMIT) return process.env.BENCH_COMMIT;
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd, encoding: 'utf8' }).trim();
    const dirty =
      execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd, encoding: 'utf8' }).trim() !== '';
    return dirty ? `${commit}+changes` : commit;
  } catch {
    return 'unknown';
  }
}

const cell = (text: string) => text.replace(/\|/g, '\\|');

export interface BenchReport {
  generatedAt: string;
  /** The commit measured, with "+changes" when the working tree differed from it. */
  commit: string;
  machine: Machine;
  config: BenchConfig;
  wallTimeS: number;
  /** 1-minute load averages at the start and end of the run: above the CPU count, other processes competed for the CPUs. */
  loadAverage: { start: number; end: number };
  scenarios: ScenarioResult[];
  failures: { id: string; error: string }[];
}

export function toMarkdown(report: BenchReport): string {
  const m = report.machine;
  const lines = [
    `Run ${report.generatedAt} of ${report.commit} on ${m.nproc} CPUs (${m.cpu}), ${m.memory} RAM, Node ${m.node}, ${m.platform}, temp dir on ${m.tmpFilesystem}; ` +
      `${report.config.rounds} rounds x ${report.config.durationS} s per subject, ${report.config.connections} connections` +
      `${report.config.quick ? ' (--quick: smoke run, figures not meaningful)' : ''}; whole run ${report.wallTimeS.toFixed(0)} s; ` +
      `load average ${report.loadAverage.start.toFixed(1)} at the start, ${report.loadAverage.end.toFixed(1)} at the end.`,
    '',
    '| scenario | measure | ours | baseline | result | target | met |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const scenario of report.scenarios) {
    for (const row of scenario.rows) {
      const met = row.met === null ? '' : row.met ? 'yes' : '**no**';
      lines.push(
        `| ${[scenario.id, row.measure, row.subject, row.baseline, row.result, row.target, met].map(cell).join(' | ')} |`,
      );
    }
  }
  for (const failure of report.failures)
    lines.push(`| ${failure.id} | failed to run | ${cell(failure.error.split('\n')[0] ?? '')} | | | | **no** |`);
  const notes = report.scenarios.flatMap((s) => s.notes.map((n) => `- ${s.id}: ${n}`));
  if (notes.length) lines.push('', 'Notes:', ...notes);
  return `${lines.join('\n')}\n`;
}
